"""Building blocks: products with the plans in force on a day, the tray, the sitemap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

from catalog.models import Brand, Plan, PlanQuerySet, Product

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class BrandCounts(TypedDict):
    """What :func:`brand_list_with_counts` adds to each brand."""

    active_products: int


def current_plans_prefetch(*, on: dt.date) -> Prefetch[str, PlanQuerySet, str]:
    """Prefetch a product's plans in force on ``on`` (with rates) into ``current_plans``."""
    return Prefetch(
        "plans",
        queryset=Plan.objects.current(on=on).with_rates().order_by("name", "valid_from"),
        to_attr="current_plans",
    )


def name_order() -> Any:
    if (get_language() or "").startswith("en"):
        return Coalesce(NullIf(F("name_en"), Value("")), F("name"))
    return F("name")


def brand_list_with_counts() -> QuerySet[WithAnnotations[Brand, BrandCounts]]:
    return Brand.objects.annotate(
        active_products=Count("products", filter=Q(products__status=Product.Status.ACTIVE))
    ).order_by("-active_products", "slug")


def product_list(*, on: dt.date) -> QuerySet[Product]:
    """Every product with its brand and the plans in force on ``on`` (rates prefetched)."""
    return (
        Product.objects.select_related("brand")
        .prefetch_related(current_plans_prefetch(on=on))
        .order_by("brand__slug", "slug")
    )


def products_by_slugs(*, slugs: list[str], on: dt.date) -> list[Product]:
    """The products with these slugs, in the order given, with their current plans."""
    found = {p.slug: p for p in product_list(on=on).filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


def tray_products(*, slugs: Sequence[str]) -> list[Product]:
    """The tray's products in the order they were added; unknown slugs drop out."""
    if not slugs:
        return []
    found = {p.slug: p for p in Product.objects.select_related("brand").filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


def products_for_sitemap() -> QuerySet[Product]:
    return Product.objects.annotate(last_verified=Max("plans__verified_on")).order_by("slug")


def brands_for_sitemap() -> QuerySet[Brand]:
    return Brand.objects.annotate(last_verified=Max("products__plans__verified_on")).order_by(
        "slug"
    )
