"""Response headers that Django's SecurityMiddleware does not set, and the answer when the shared
cache cannot count (a rate limit fails closed)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from core.cache import CacheUnavailable

# Seconds a client is asked to wait (Retry-After) when a rate limit cannot count.
UNAVAILABLE_RETRY_SECONDS = 30

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and Cross-Origin-Resource-Policy to every response, and
    ``Cache-Control: no-store`` to admin pages (nothing from the admin may be cached)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_prefixes = tuple(
            f"/{prefix}{settings.ADMIN_URL}"
            for prefix in ("", *(f"{c}/" for c, _ in settings.LANGUAGES))
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(self.admin_prefixes):
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "no-store, no-cache, must-revalidate, private"
        return response


class CacheUnavailableMiddleware:
    """A rate-limited view whose counter cannot be reached (Redis down) is refused with a 503 page
    and ``Retry-After``: the limit fails closed, and the visitor is told to try again soon."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, CacheUnavailable):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(UNAVAILABLE_RETRY_SECONDS)
        add_never_cache_headers(response)
        return response
