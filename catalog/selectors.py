"""Reads of the catalog, named in domain words. Views call these; they never build queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from catalog.models import Brand, Plan, Product


def brand_list_with_counts() -> QuerySet[Brand]:
    return Brand.objects.annotate(
        active_products=Count("products", filter=Q(products__status=Product.Status.ACTIVE))
    ).order_by("-active_products", "slug")


def product_list(*, on: dt.date) -> QuerySet[Product]:
    """Every product with its brand and the plans in force on ``on`` (rates prefetched)."""
    return (
        Product.objects.select_related("brand")
        .prefetch_related(
            Prefetch(
                "plans",
                queryset=Plan.objects.current(on=on).with_rates(),
                to_attr="current_plans",
            )
        )
        .order_by("brand__slug", "slug")
    )


def product_get(*, slug: str) -> Product:
    return get_object_or_404(
        Product.objects.select_related("brand").prefetch_related("features"), slug=slug
    )


def product_current_plans(*, product: Product, on: dt.date) -> QuerySet[Plan]:
    return product.plans.current(on=on).with_rates().order_by("name")


def products_by_slugs(*, slugs: list[str], on: dt.date) -> list[Product]:
    """The products with these slugs, in the order given, with their current plans."""
    found = {p.slug: p for p in product_list(on=on).filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


# --- Fee-data version (admin issue) -------------------------------------------------------
# A counter in the shared cache that changes whenever catalog data changes (signals in
# catalog/signals.py bump it after each committed save/delete). Anything cached from fee data
# (rankings, comparisons) puts it in the cache key, so a saved change is seen on the next request.
FEE_DATA_VERSION_KEY = "catalog:fee-data-version"


def fee_data_version() -> int:
    """The current fee-data version; starts from a fresh time-based number if the key is gone.

    Starting from the clock (in microseconds) rather than from 1 means a lost key (cache flush,
    eviction) never brings back a number that old cached entries were stored under.
    """
    import time

    from django.core.cache import cache

    version = cache.get(FEE_DATA_VERSION_KEY)
    if version is None:
        cache.add(FEE_DATA_VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(FEE_DATA_VERSION_KEY)
    return int(version) if version is not None else time.time_ns() // 1000
