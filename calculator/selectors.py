"""Reads for the calculator. Views call these; they never build queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from calculator.adapters import plan_terms
from calculator.engine import PlanTerms
from calculator.models import SharedComparison
from catalog.models import Plan, Product
from catalog.selectors import fee_data_version, product_list

LINKS_PER_PAGE = 50


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


# Plans in force, kept in this process per (fee-data version, day): a ranking for a new profile
# then costs no query. Any committed catalog change moves the version on (catalog/signals.py),
# so the next request loads the plans afresh; old entries are dropped, never served.
@dataclass(frozen=True)
class RankingPlans:
    plans: tuple[Plan, ...]
    terms: Mapping[int, PlanTerms]  # plan pk → its engine terms


_ranking_memo: dict[tuple[int, dt.date], RankingPlans] = {}


def ranking_plans(*, on: dt.date) -> RankingPlans:
    """``plans_for_ranking(on=on)`` and their engine terms, loaded once per fee-data version and
    day in this process. Shared between requests: read them, never change them."""
    key = (fee_data_version(), on)
    found = _ranking_memo.get(key)
    if found is None:
        plans = tuple(plans_for_ranking(on=on))
        found = RankingPlans(plans, {plan.pk: plan_terms(plan) for plan in plans})
        _ranking_memo.clear()
        _ranking_memo[key] = found
    return found


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


def products_to_pick() -> QuerySet[Product]:
    """Products on sale for the comparison page's "add a terminal" list: one query."""
    return (
        Product.objects.active()
        .select_related("brand")
        .only("slug", "name", "name_en", "brand__slug", "brand__name", "brand__name_en")
        .order_by("brand__slug", "slug")
    )


def shared_comparison(*, code: str) -> SharedComparison | None:
    """The link with this code; codes are lower case, so one typed in capitals is found too."""
    return SharedComparison.objects.filter(code=code.lower()).first()


def shared_links_page(*, user: object, number: int = 1) -> Page[SharedComparison]:
    """The share links ``user`` made, newest first, one page (two queries: count and page)."""
    links = SharedComparison.objects.made_by(user).defer("profile")  # type: ignore[arg-type]
    return Paginator(links, LINKS_PER_PAGE).get_page(number)
