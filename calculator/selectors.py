"""Reads for the calculator. Views call these; they never build queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from calculator.adapters import plan_terms
from calculator.engine import PlanTerms
from calculator.models import SharedComparison
from catalog.models import Plan, Product
from catalog.selectors import fee_data_version, product_list

LINKS_PER_PAGE = 50
T = TypeVar("T")


def plans_for_ranking(*, on: dt.date) -> QuerySet[Plan]:
    """Every plan in force on ``on`` for a product still sold, with what the ranking shows.

    Product and brand are joined, rates prefetched: two queries whatever the number of plans.
    """
    return (
        Plan.objects.current(on=on)
        .filter(product__status=Product.Status.ACTIVE)
        .select_related("product__brand")
        .with_rates()
        .order_by("product__brand__slug", "product__slug", "name", "pk")
    )


# Reads kept in this process per fee-data version: a ranking or comparison for a profile nobody
# asked for before then costs no query. Any committed catalog change moves the version on
# (catalog/signals.py), which empties the memo; what it holds is shared between requests: read
# it, never change it.
MEMO_SIZE = 512
_memo: dict[Hashable, Any] = {}
_memo_version: list[int | None] = [None]


def remembered(key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, or what it returned for ``key`` under the current fee-data version."""
    version = fee_data_version()
    if _memo_version[0] != version or len(_memo) >= MEMO_SIZE:
        _memo.clear()
        _memo_version[0] = version
    if key not in _memo:
        _memo[key] = load()
    return cast(T, _memo[key])


@dataclass(frozen=True)
class RankingPlans:
    plans: tuple[Plan, ...]
    terms: Mapping[int, PlanTerms]  # plan pk → its engine terms


def ranking_plans(*, on: dt.date) -> RankingPlans:
    """``plans_for_ranking(on=on)`` and their engine terms, loaded once per fee-data version."""

    def load() -> RankingPlans:
        plans = tuple(plans_for_ranking(on=on))
        return RankingPlans(plans, {plan.pk: plan_terms(plan) for plan in plans})

    return remembered(("ranking", on), load)


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
    """Products on sale for the comparison page's "add a terminal" list: one query, once per
    fee-data version."""
    return remembered(
        ("pick",),
        lambda: tuple(
            Product.objects.active()
            .select_related("brand")
            .only("slug", "name", "name_en", "brand__slug", "brand__name", "brand__name_en")
            .order_by("brand__slug", "slug")
        ),
    )


def shared_comparison(*, code: str) -> SharedComparison | None:
    """The link with this code; codes are lower case, so one typed in capitals is found too."""
    return SharedComparison.objects.filter(code=code.lower()).first()


def shared_links_page(*, user: object, number: int = 1) -> Page[SharedComparison]:
    """The share links ``user`` made, newest first, one page (two queries: count and page)."""
    links = SharedComparison.objects.made_by(user).defer("profile")  # type: ignore[arg-type]
    return Paginator(links, LINKS_PER_PAGE).get_page(number)
