"""htmx, one way: the typed request and the one question views ask of it.

One URL serves a full page and, for htmx, the fragment the page includes (STYLE.md). A view asks
:func:`is_fragment` — an htmx request that is not a history restore (after a cache miss of its
history, htmx asks for the whole page again).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """What ``HtmxMiddleware`` makes of every request (django-htmx's own example does the same)."""

    htmx: HtmxDetails


def is_fragment(request: HttpRequest) -> bool:
    """An htmx request for the fragment (not a history restore, which wants the page)."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    return bool(htmx) and not (htmx and htmx.history_restore_request)


def current_url(request: HttpRequest) -> str:
    """The page the visitor is on: for htmx, the page that sent the request; else this one."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    return (htmx.current_url_abs_path if htmx else None) or request.get_full_path()


def typed_query(query: QueryDict) -> str:
    """The query as typed, without empty fields (what the address bar keeps while a field
    needs correcting, so Back returns to it as it was)."""
    return urlencode([(k, v) for k in query for v in query.getlist(k) if v.strip()])
