"""Response headers that Django's SecurityMiddleware does not set, and the answer when the shared
cache cannot count (a rate limit fails closed)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
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


class SignedInSessionMiddleware:
    """Signed-in (staff) sessions end after ``STAFF_SESSION_IDLE_SECONDS`` without a request and
    ``STAFF_SESSION_MAX_SECONDS`` after sign-in, whichever comes first (OWASP ASVS V7.3);
    anonymous sessions (the comparison tray) keep Django's lifetime. Every response to a
    signed-in user, and every one of ``/compare/links/``, is ``Cache-Control: private, no-store``.
    Sits after AuthenticationMiddleware."""

    STARTED = "_signed_in_at"
    SEEN = "_signed_in_seen_at"
    # The session is written at most this often just to move the idle clock on.
    TOUCH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.private_prefixes = tuple(
            f"/{prefix}compare/links/" for prefix in ("", *(f"{c}/" for c, _ in settings.LANGUAGES))
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in = request.user.is_authenticated
        if signed_in:
            signed_in = self._keep_or_end(request)
        response = self.get_response(request)
        if (
            signed_in
            or request.user.is_authenticated
            or request.path.startswith(self.private_prefixes)
        ):
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "private, no-store, no-cache, must-revalidate"
        return response

    @classmethod
    def start(cls, request: HttpRequest | None) -> None:
        """At sign-in (``user_logged_in``): both clocks start, the session cookie lives the idle
        time."""
        if request is None or not hasattr(request, "session"):
            return
        now = int(time.time())
        request.session[cls.STARTED] = now
        request.session[cls.SEEN] = now
        request.session.set_expiry(int(settings.STAFF_SESSION_IDLE_SECONDS))

    def _keep_or_end(self, request: HttpRequest) -> bool:
        now = int(time.time())
        session = request.session
        started = int(session.get(self.STARTED) or now)
        seen = int(session.get(self.SEEN) or now)
        idle = int(settings.STAFF_SESSION_IDLE_SECONDS)
        if now - seen > idle or now - started > int(settings.STAFF_SESSION_MAX_SECONDS):
            logout(request)  # flushes the session; the next page asks to sign in again
            return False
        if self.STARTED not in session or now - seen >= self.TOUCH_SECONDS:
            session[self.STARTED] = started
            session[self.SEEN] = now
            session.set_expiry(idle)
        return True
