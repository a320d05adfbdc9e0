"""The API app's pages, under the language prefix (Chinese at the root, English under /en/)."""

from django.urls import URLPattern, path

from api import embed, views

app_name = "api"

urlpatterns: list[URLPattern] = [
    path("open-data/", views.open_data, name="open_data"),
    path("embed/calculator/", embed.calculator, name="embed_calculator"),
    path("embed/compare/", embed.compare, name="embed_compare"),
]
