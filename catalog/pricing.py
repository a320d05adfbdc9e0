"""Costs on catalog pages: the plans a page shows, priced for the profile in its query string.

The profile is read as every page reads it (``catalog.profile``); with invalid fields the plans
are priced for the default profile and the errors are returned, field by field, for the page to
show. One call per page, no query: the plans come with their rates prefetched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from calculator.engine import estimate
from catalog.models import Plan
from catalog.profile import default_reading, read_profile
from catalog.terms import plan_terms


@dataclass(frozen=True)
class PlanCost:
    """What one plan costs the merchant; ``None`` figures mean it cannot serve them."""

    monthly_average: Decimal | None
    total: Decimal | None
    effective_rate: Decimal | None
    unsupported: tuple[str, ...] = ()


@dataclass(frozen=True)
class PricingResult:
    costs: Mapping[int, PlanCost]  # plan pk → cost
    profile_label: str  # e.g. "月流水 30,000 元 · 零售 · 12 个月"
    profile_query: str  # the profile as a query string, to link into the calculator
    errors: Mapping[str, list[str]] = field(default_factory=dict)  # invalid profile fields


def price(plans: Sequence[Plan], params: Mapping[str, Any]) -> PricingResult:
    """Costs of ``plans`` (rates prefetched) for the profile in ``params``."""
    reading = read_profile(params)
    errors = dict(reading.errors)
    if errors:
        reading = default_reading()
    profile = reading.profile()
    costs = {}
    for plan in plans:
        e = estimate(plan_terms(plan), profile)
        costs[plan.pk] = PlanCost(
            monthly_average=e.monthly_average,
            total=e.total,
            effective_rate=e.effective_rate,
            unsupported=e.unsupported,
        )
    return PricingResult(
        costs=costs, profile_label=reading.label(), profile_query=reading.query(), errors=errors
    )
