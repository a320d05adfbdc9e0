"""Whole-page cache for public GET pages, keyed by everything the page depends on.

A page decorated with :func:`cache_public_page` is rendered once per

    (code version, fee-data version, day, language, path + sorted query, htmx headers)

and served from the shared cache (Redis in production) after that. The fee-data version is kept
inside the entry rather than in its key, so that one round trip (``get_many``) fetches both the
current version and the page; an entry from an older version is a miss and is overwritten.
Anything that changes a page's content is checked: a saved fee change moves
``fee_data_version()``, a new release changes the code version (a digest of templates,
translations and the apps' Python files, the same on every app server), midnight changes which
plans are in force.

Only visitors without a session are served from the cache: a session can hold per-visitor
content (the comparison tray, a signed-in user, messages), so those requests are rendered
fresh. The one per-visitor value in a public page, the CSRF token (forms, htmx headers), is
rendered as a marker and replaced with the visitor's own token on every response.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from core.freshness import FEE_DATA_VERSION_KEY, fee_data_version, fee_data_version_read

CSRF_MARKER = "__pagecache_csrf_token__"
TIMEOUT = 10 * 60
# Response headers a cached page keeps (the rest are added by middleware on every request).
KEPT_HEADERS = (
    "Content-Type",
    "Vary",
    "HX-Push-Url",
    "HX-Replace-Url",
    "HX-Retarget",
    "HX-Reswap",
    "HX-Trigger",
    "Cache-Control",
    "X-Robots-Tag",
    "Location",
)
HTMX_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER_NAME",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)
CACHED_STATUSES = (200, 400, 404)

View = Callable[..., HttpResponse]


@functools.cache
def code_version() -> str:
    """A digest of what renders pages: templates, compiled translations, the apps' code."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    folders = [
        "templates",
        "locale",
        "config",
        *(p.name for p in base.iterdir() if (p / "apps.py").is_file()),
    ]
    for folder in sorted(folders):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in {".html", ".py", ".mo", ".txt", ".xml"} and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_key(request: HttpRequest) -> str:
    """The cache key of this request's page (the fee-data version is checked in the entry)."""
    query = "&".join(sorted(request.GET.urlencode().split("&"))) if request.GET else ""
    parts = [
        code_version(),
        timezone.localdate().isoformat(),
        get_language() or "",
        request.path,
        query,
        *(request.META.get(h, "") for h in HTMX_HEADERS),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _freeze(response: HttpResponse, version: int) -> dict[str, Any]:
    body = response.content
    content: bytes | None = body
    # A page without a CSRF token is the same bytes for everyone: compress it once, here,
    # instead of in GZipMiddleware on every request, and keep only the compressed bytes (a
    # fifth of the size to fetch from the cache on every hit; the rare client that does not
    # accept gzip gets them decompressed).
    compressed = None
    if CSRF_MARKER.encode() not in body and len(body) >= 200:
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        content = None
    return {
        "version": version,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.headers.items() if k in KEPT_HEADERS],
        "content": content,
        "gzip": compressed,
    }


def _thaw(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    content: bytes | None = entry["content"]
    compressed: bytes | None = entry.get("gzip")
    if compressed is not None and "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed, status=entry["status"])
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(compressed))
    else:
        if content is None:
            content = gzip.decompress(compressed or b"")
        marker = CSRF_MARKER.encode()
        if marker in content:
            content = content.replace(marker, get_token(request).encode())
        response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def cache_public_page(view: View) -> View:
    """Serve this GET view from the shared cache for visitors without a session."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        found = cache.get_many([FEE_DATA_VERSION_KEY, key])
        version = found.get(FEE_DATA_VERSION_KEY)
        if version is None:
            version = fee_data_version()  # starts a new version when the key is gone
        entry = found.get(key)
        if entry is None or entry.get("version") != version:
            request.pagecache_csrf_marker = True  # type: ignore[attr-defined]  # our own flag
            with fee_data_version_read(int(version)):  # one read of it for the whole request
                response = view(request, *args, **kwargs)
            if response.streaming:
                return response
            if (
                response.status_code not in CACHED_STATUSES
                or response.cookies
                or request.session.modified
            ):
                marker = CSRF_MARKER.encode()
                if marker in response.content:
                    response.content = response.content.replace(marker, get_token(request).encode())
                return response
            entry = _freeze(response, version)
            cache.set(key, entry, TIMEOUT)
        return _thaw(request, entry)

    return wrapper
