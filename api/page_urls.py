"""The API app's pages, under the language prefix (Chinese at the root, English under /en/)."""

from django.urls import URLPattern, path

from api import embed, exports, views

app_name = "api"

urlpatterns: list[URLPattern] = [
    path("open-data/", views.open_data, name="open_data"),
    path("embed/calculator/", embed.calculator, name="embed_calculator"),
    path("embed/compare/", embed.compare, name="embed_compare"),
    path("compare/export.csv", exports.comparison_csv, name="export_comparison"),
    path("calculator/export.csv", exports.ranking_csv, name="export_ranking"),
    path("changes/", views.change_log, name="change_log"),
    path("changes/feed.atom", views.change_feed, name="change_feed"),
    path("changes/<slug:slug>/", views.change_log, name="change_log_brand"),
    path("changes/<slug:slug>/feed.atom", views.change_feed, name="change_feed_brand"),
]
