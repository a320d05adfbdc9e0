"""Reads for the calculator. Views call these; they never build queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.db.models import QuerySet

from calculator.engine import PlanTerms
from catalog.models import Plan, Product
from catalog.terms import plan_terms
from core.freshness import fee_data_version

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
# (core.freshness), which empties the memo; what it holds is shared between requests: read it,
# never change it.
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
