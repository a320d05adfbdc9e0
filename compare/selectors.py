"""Reads for the comparison pages and share links. Views call these; they never build queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Count

from calculator.selectors import remembered
from catalog.models import Product
from catalog.selectors.base import product_list
from compare.models import SharedComparison

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # settings.AUTH_USER_MODEL

LINKS_PER_PAGE = 50


def comparison_products(*, slugs: Sequence[str], on: dt.date) -> list[Product]:
    """``products_for_comparison``, loaded once per fee-data version for these slugs."""
    return remembered(
        ("compare", on, tuple(slugs)),
        lambda: products_for_comparison(slugs=slugs, on=on),
    )


def products_for_comparison(*, slugs: Sequence[str], on: dt.date) -> list[Product]:
    """The products with these slugs, in the order given, with what a comparison shows: brand
    (and its number of regulator penalties, ``brand_penalties``), features, and the plans in
    force on ``on`` with their rates (``current_plans``). Four queries, whatever the number."""
    if not slugs:
        return []
    found = {
        p.slug: p
        for p in product_list(on=on)
        .filter(slug__in=list(slugs))
        .prefetch_related("features")
        .annotate(brand_penalties=Count("brand__penalties", distinct=True))
    }
    return [found[s] for s in slugs if s in found]


def products_to_pick() -> tuple[Product, ...]:
    """Products on sale for the comparison page's "add a terminal" list, in one query."""
    return tuple(
        Product.objects.active()
        .select_related("brand")
        .only("slug", "name", "name_en", "brand__slug", "brand__name", "brand__name_en")
        .order_by("brand__slug", "slug")
    )


def shared_comparison(*, code: str) -> SharedComparison | None:
    """The link with this code; codes are lower case, so one typed in capitals is found too."""
    return SharedComparison.objects.filter(code=code.lower()).first()


def shared_links_page(*, user: User, number: int | str = 1) -> Page[SharedComparison]:
    """The share links ``user`` made, newest first, one page (two queries: count and page)."""
    links = SharedComparison.objects.made_by(user).defer("profile")
    return Paginator(links, LINKS_PER_PAGE).get_page(number)
