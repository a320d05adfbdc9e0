"""Site-level views: the trivial view, the health check, robots.txt and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.cache import cache_status
from core.meta import site_url

# Seconds a rate-limited client is asked to wait (Retry-After on the 429 page).
RATE_LIMIT_RETRY_SECONDS = 60

# Paths robots should not crawl (by URL name; the apps' own pages): the comparison tray's post
# URL and the private share links.
ROBOTS_PRIVATE = ("catalog:tray",)
ROBOTS_PRIVATE_PREFIXES = ("s/",)


@require_safe
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view: no database, no template. The load benchmark's yardstick."""
    return HttpResponse("pong", content_type="text/plain")


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return str(exc.__class__.__name__)
    return "ok"


def _health(*, ready: bool) -> HttpResponse:
    database = _database_status()
    cache = cache_status()
    status = "error" if database != "ok" else ("degraded" if cache != "ok" else "ok")
    body: dict[str, str | bool] = {"status": status, "database": database, "cache": cache}
    if ready:
        body["ready"] = database == "ok"
    return JsonResponse(body, status=200 if database == "ok" else 503)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer: 200 while the database answers (``"status": "degraded"``
    when the shared cache does not: pages are then computed without it), 503 when it does not."""
    return _health(ready=False)


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: whether this app server can serve (the database answers); 503 while not."""
    return _health(ready=True)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything public; skip the tray's post URL and private share links.

    The admin is left out on purpose: its path may be secret (``DJANGO_ADMIN_URL``) and it is
    behind a login that tells robots not to index it.
    """
    private: list[str] = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            private.extend(reverse(name) for name in ROBOTS_PRIVATE)
            private.extend(reverse("home") + prefix for prefix in ROBOTS_PRIVATE_PREFIXES)
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in dict.fromkeys(private)]
    lines += ["", f"Sitemap: {site_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """429 page, for rate-limited views (django-ratelimit's ``RATELIMIT_VIEW``), with
    ``Retry-After``."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(RATE_LIMIT_RETRY_SECONDS)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a failed CSRF check, in the visitor's language, saying what to do."""
    return render(request, "403_csrf.html", status=403)
