"""What every API and open-data response shares: the language of its messages, an anonymous
rate limit per client (computations stricter than data), and freshness from the fee-data version.

* Language: ``Accept-Language`` (Chinese by default); these URLs have no language prefix.
* Rate limit: django-ratelimit per client address, ``API_RATE`` for data and ``API_COMPUTE_RATE``
  for the computations; over it, 429 problem+json with ``Retry-After``.
* Freshness: the ETag is the fee-data version with the day and the code version (every response
  of a URL is a function of those and its query), ``Last-Modified`` the time the fee data last
  changed; a matching ``If-None-Match`` (or ``If-Modified-Since``) answers 304 without computing.
  ``Cache-Control: public``. CORS (django-cors-headers) opens GET to any origin on these URLs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django_ratelimit.core import is_ratelimited

from api.freshness import data_etag, data_modified
from api.problems import problem
from core.cache import CacheUnavailable

PREFIXES = ("/api/", "/data/")
COMPUTATIONS = ("/api/v1/rank", "/api/v1/compare", "/api/v1/offer-check")
RETRY_AFTER = "60"


def is_computation(path: str) -> bool:
    return path.rstrip("/") in COMPUTATIONS


def _limited(request: HttpRequest, compute: bool, rate: str) -> bool:
    """Whether the client is over the API's limit. The API only reads, so while the shared
    cache that counts is down it answers without counting (share posts, which write, are
    refused instead: compare.views)."""
    try:
        return bool(
            is_ratelimited(
                request,
                group="api-compute" if compute else "api-data",
                key="ip",
                rate=rate,
                method=["GET", "HEAD"],
                increment=True,
            )
        )
    except CacheUnavailable:
        return False


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIXES):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            response = self._respond(request)
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def _respond(self, request: HttpRequest) -> HttpResponse:
        compute = is_computation(request.path)
        rate = settings.API_COMPUTE_RATE if compute else settings.API_RATE
        if request.method in ("GET", "HEAD") and _limited(request, compute, rate):
            return problem(429, headers={"Retry-After": RETRY_AFTER})
        if request.method not in ("GET", "HEAD"):
            return _as_problem(self.get_response(request))
        etag = data_etag(translation.get_language() or "")
        modified = data_modified()
        if _not_modified(request, etag, modified):
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return _as_problem(response)
        response["ETag"] = etag
        if modified is not None:
            response["Last-Modified"] = http_date(modified)
        response.setdefault("Cache-Control", f"public, max-age={settings.API_MAX_AGE}")
        return response


def _as_problem(response: HttpResponse) -> HttpResponse:
    """Django's own 404 and 405 (an unknown path, a POST) as problem+json too."""
    if response.status_code in (404, 405) and "json" not in response.get("Content-Type", ""):
        allow = {"Allow": response["Allow"]} if response.has_header("Allow") else {}
        return problem(response.status_code, headers=allow)
    return response


def _not_modified(request: HttpRequest, etag: str, modified: float | None) -> bool:
    sent = request.headers.get("If-None-Match")
    if sent is not None:
        tags = {t.strip().removeprefix("W/") for t in sent.split(",")}
        return "*" in tags or etag.removeprefix("W/") in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    return since is not None and modified is not None and int(modified) <= since
