from django.urls import path

from calculator import views

app_name = "calculator"

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("calculator/working/", views.working, name="working"),
    path("calculator/offer/", views.offer_check, name="offer"),
    path("calculator/offer.ics", views.offer_calendar, name="offer_ics"),
]
