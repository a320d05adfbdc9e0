"""The open dataset's files (``/data/…``) and the page that presents them (开放数据)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from api import dataset
from api.models import DatasetRelease
from core.decorators import public_page
from core.meta import PageMeta

JSON = "application/json; charset=utf-8"
CSV = "text/csv; charset=utf-8"
FOREVER = "public, max-age=31536000, immutable"
RELEASES_SHOWN = 20


def _file(body: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_safe
def fees_json(request: HttpRequest) -> HttpResponse:
    return _file(dataset.current().content, JSON, "fees.json")


@require_safe
def fees_csv(request: HttpRequest) -> HttpResponse:
    # A byte-order mark, so spreadsheets read the Chinese names as UTF-8.
    return _file("\ufeff" + dataset.current().csv, CSV, "fees.csv")


def _release(version: str) -> DatasetRelease:
    release = DatasetRelease.objects.filter(version=version).first()
    if release is None:
        raise Http404(_("No dataset version %(v)s.") % {"v": version[:20]})
    return release


@require_safe
def release_json(request: HttpRequest, version: str) -> HttpResponse:
    response = _file(_release(version).content, JSON, f"fees-{version}.json")
    response["Cache-Control"] = FOREVER
    return response


@require_safe
def release_csv(request: HttpRequest, version: str) -> HttpResponse:
    response = _file("\ufeff" + _release(version).csv, CSV, f"fees-{version}.csv")
    response["Cache-Control"] = FOREVER
    return response


@public_page
def open_data(request: HttpRequest) -> HttpResponse:
    current = dataset.current()
    context = {
        "current": current,
        "releases": DatasetRelease.objects.defer("content", "csv")[:RELEASES_SHOWN],
        "licence": dataset.LICENCE,
        "size_kb": round(len(current.content.encode()) / 1024),
        "docs_url": "/api/v1/docs",
        "schema_url": "/api/v1/openapi.json",
        "json_url": reverse("data-fees-json"),
        "csv_url": reverse("data-fees-csv"),
        "meta": PageMeta(
            title=_("Open data"),
            description=_(
                "Every terminal's fee plans, with their sources, as JSON and CSV under CC BY 4.0, "
                "and a JSON API."
            ),
        ),
    }
    return render(request, "api/open_data.html", context)
