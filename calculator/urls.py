from django.urls import path

from calculator import comparison

app_name = "calculator"

urlpatterns = [
    path("compare/", comparison.compare, name="compare"),
]
