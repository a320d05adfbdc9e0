"""Site-level views: the home page and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from catalog import selectors


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"brands": selectors.brand_list_with_counts()})


@require_safe
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view: no database, no template. The load benchmark's yardstick."""
    return HttpResponse("pong", content_type="text/plain")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """429 page, for rate-limited views (django-ratelimit's ``RATELIMIT_VIEW``)."""
    return render(request, "429.html", status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a failed CSRF check, in the visitor's language, saying what to do."""
    return render(request, "403_csrf.html", status=403)
