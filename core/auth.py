"""Authentication backends: login throttling in front of Django's model backend."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]  # django-axes is untyped
    """django-axes' lock-out check for every login that comes with a request.

    Logins through a form (the admin's) always carry the request and are throttled.
    ``authenticate()`` called from server code without a request (management commands,
    the test client's ``login()``) has no client address to throttle by, so this backend
    stays out of the way and the next backend decides.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        # Axes' check: raises when locked out, else lets the next backend decide (None).
        checked: None = super().authenticate(
            request, username=username, password=password, **kwargs
        )
        return checked


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """What a locked-out sign-in sees (``AXES_LOCKOUT_CALLABLE``): a plain page, status 429."""
    from django.contrib import admin

    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    context = {**admin.site.each_context(request), "cooloff_minutes": minutes}
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    add_never_cache_headers(response)
    return response


def client_str(
    username: str | None,
    ip_address: str | None,
    user_agent: str | None,
    path_info: str | None,
    request: HttpRequest | None,
) -> str:
    """How axes names a client in its log lines (``AXES_CLIENT_STR_CALLABLE``): the username and
    the client's address (``core.clientip``), both needed to investigate a lock-out."""
    return (
        f'{{username: "{username or ""}", ip_address: "{ip_address or ""}", '
        f'path: "{path_info or ""}"}}'
    )
