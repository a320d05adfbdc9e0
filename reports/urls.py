from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("reports/new/", views.new, name="new"),
    path("reports/<int:pk>/thanks/", views.thanks, name="thanks"),
    path("reports/<int:pk>/flag/", views.flag, name="flag"),
]
