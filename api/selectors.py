"""Reads for the API and the open dataset. A fixed number of queries whatever the number of rows:
brands, features, plan versions and their rates are prefetched in bulk."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, Prefetch, QuerySet

from catalog.models import Brand, Plan, Product
from guides.models import ResponseCode

T = TypeVar("T", bound=Model)


def published_plans() -> QuerySet[Plan]:
    return Plan.objects.published().with_rates().order_by("name", "valid_from", "pk")


def products_with_plans(queryset: QuerySet[Product] | None = None) -> QuerySet[Product]:
    """Products with brand, features and every published plan version (``all_plans``)."""
    qs = queryset if queryset is not None else Product.objects.all()
    return qs.select_related("brand").prefetch_related(
        "features", Prefetch("plans", queryset=published_plans(), to_attr="all_plans")
    )


def by_slug_or_id(qs: QuerySet[T], key: str) -> T | None:
    """The row named by its slug, else by its number (``/products/12`` as ``/products/<slug>``)."""
    found = qs.filter(slug=key).first()
    if found is None and key.isascii() and key.isdigit() and len(key) < 10:
        found = qs.filter(pk=int(key)).first()
    return found


def product(key: str) -> Product | None:
    return by_slug_or_id(products_with_plans(), key)


def brand(key: str) -> Brand | None:
    return by_slug_or_id(Brand.objects.all(), key)


def brands() -> QuerySet[Brand]:
    return Brand.objects.order_by("slug")


def plan(pk: int) -> Plan | None:
    return Plan.objects.published().with_rates().select_related("product").filter(pk=pk).first()


def codes() -> QuerySet[ResponseCode]:
    return ResponseCode.objects.order_by("code")
