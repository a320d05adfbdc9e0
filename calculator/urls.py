from django.urls import path

from calculator import comparison, views

app_name = "calculator"

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("compare/", comparison.compare, name="compare"),
]
