"""The open dataset's files (``/data/…``) and the page that presents them (开放数据)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from api import changes, dataset
from api.models import DatasetRelease
from catalog.models import Brand
from core.decorators import public_page
from core.meta import PageMeta

JSON = "application/json; charset=utf-8"
CSV = "text/csv; charset=utf-8"
FOREVER = "public, max-age=31536000, immutable"
RELEASES_SHOWN = 20
CHANGES_SHOWN = 200
FEED_ITEMS = 50


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


# ---------------------------------------------------------------------- the rate-change log


def _brand(slug: str | None) -> Brand | None:
    if slug is None:
        return None
    found = changes.brand_or_none(slug)
    if found is None:
        raise Http404(_("No brand %(slug)s.") % {"slug": slug[:40]})
    return found


@public_page
def change_log(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    brand = _brand(slug)
    found = changes.changes(brand=brand.slug if brand else "")
    title = (
        _("Rate changes: %(brand)s") % {"brand": brand.display_name} if brand else _("Rate changes")
    )
    feed = (
        reverse("api:change_feed_brand", args=[brand.slug]) if brand else reverse("api:change_feed")
    )
    context = {
        "brand": brand,
        "changes": found[:CHANGES_SHOWN],
        "more": max(0, len(found) - CHANGES_SHOWN),
        "brands": Brand.objects.order_by("slug").only("slug", "name", "name_en"),
        "feed_url": feed,
        "meta": PageMeta(
            title=title,
            description=_(
                "Every change of a terminal's fees: the payment method, old and new rate, the day "
                "it applies from and the source."
            ),
        ),
    }
    return render(request, "api/changes.html", context)


class ChangeFeed(Feed):  # type: ignore[type-arg]
    """The log as an Atom feed, for the whole market or one brand."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Brand | None:
        return _brand(slug)

    def title(self, obj: Brand | None) -> str:
        name = (
            _("Rate changes: %(brand)s") % {"brand": obj.display_name} if obj else _("Rate changes")
        )
        return f"{name} · {_('POS Compare')}"

    def link(self, obj: Brand | None) -> str:
        return (
            reverse("api:change_log_brand", args=[obj.slug]) if obj else reverse("api:change_log")
        )

    def subtitle(self, obj: Brand | None) -> str:
        return _("Every change of a terminal's fees, with the day it applies from and its source.")

    def items(self, obj: Brand | None) -> list[changes.Change]:
        return changes.changes(brand=obj.slug if obj else "")[:FEED_ITEMS]

    def item_title(self, item: changes.Change) -> str:
        return f"{item.product.display_name} · {item.what}: {item.old_text} → {item.new_text}"

    def item_description(self, item: changes.Change) -> str:
        return _("From %(day)s, plan “%(plan)s”. Source: %(source)s") % {
            "day": item.on.isoformat(),
            "plan": item.plan_name,
            "source": item.source_url or _("not recorded"),
        }

    def item_link(self, item: changes.Change) -> str:
        return f"{item.product.get_absolute_url()}#plan-{item.new_plan.pk}"

    def item_guid(self, item: changes.Change) -> str:
        return item.key

    item_guid_is_permalink = False

    def item_pubdate(self, item: changes.Change) -> dt.datetime:
        return dt.datetime.combine(item.on, dt.time(), tzinfo=dt.UTC)

    def item_updateddate(self, item: changes.Change) -> dt.datetime:
        return self.item_pubdate(item)


change_feed = ChangeFeed()
