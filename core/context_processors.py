from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from core.pagecache import CSRF_MARKER


def site(request: HttpRequest) -> dict[str, Any]:
    """Site-wide template values.

    A page rendered for the page cache gets a marker instead of the visitor's CSRF token; the
    cache puts each visitor's own token in its place (``core.pagecache``). This processor runs
    after Django's built-in CSRF one, so its ``csrf_token`` wins. ``SITE_URL`` is the site's
    address from the settings (``DJANGO_SITE_URL``), never the request's Host header.
    """
    values: dict[str, Any] = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
    if getattr(request, "pagecache_csrf_marker", False):
        values["csrf_token"] = CSRF_MARKER
    return values
