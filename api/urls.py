"""``/api/v1/`` and the dataset files under ``/data/`` (outside the language prefix: the language
of messages follows Accept-Language). The pages (开放数据, the widget) are in ``page_urls``."""

from django.urls import URLPattern, URLResolver, path

from api import views
from api.v1 import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("data/fees.json", views.fees_json, name="data-fees-json"),
    path("data/fees.csv", views.fees_csv, name="data-fees-csv"),
    path("data/v/<slug:version>/fees.json", views.release_json, name="data-release-json"),
    path("data/v/<slug:version>/fees.csv", views.release_csv, name="data-release-csv"),
]
