"""The one decorator every public page wears."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from core.pagecache import cache_public_page

View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    """A public GET page: GET and HEAD only, the same URL for the page and its htmx fragment
    (``Vary: HX-Request``), served from the page cache for visitors without a session."""
    return require_safe(vary_on_headers("HX-Request")(cache_public_page(view)))
