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

from core.meta import site_url

# Paths robots should not crawl (by URL name; the apps' own pages): the comparison tray's post
# URL and the private share links.
ROBOTS_PRIVATE = ("catalog:tray",)
ROBOTS_PRIVATE_PREFIXES = ("s/",)


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
    """429 page, for rate-limited views (django-ratelimit's ``RATELIMIT_VIEW``)."""
    return render(request, "429.html", status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a failed CSRF check, in the visitor's language, saying what to do."""
    return render(request, "403_csrf.html", status=403)
