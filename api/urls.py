"""``/api/v1/`` (outside the language prefix: the language of messages follows Accept-Language)."""

from django.urls import URLPattern, URLResolver, path

from api.v1 import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
]
