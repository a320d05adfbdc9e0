"""Calculator services: price catalog plans for a merchant profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from calculator import presets
from calculator.adapters import plan_terms
from calculator.engine import Profile, estimate
from calculator.forms import ProfileForm
from catalog.models import Plan
from catalog.pricing import PlanCost, PricingResult


def default_profile(
    *, volume: Decimal = presets.DEFAULT_VOLUME, preset: str = presets.DEFAULT_PRESET
) -> Profile:
    p = presets.PRESETS[preset]
    return Profile(
        monthly_volume=volume,
        mix=p.mix,
        average_ticket=p.average_ticket,
        months=presets.DEFAULT_MONTHS,
    )


def catalog_pricer(plans: Sequence[Plan], params: Mapping[str, Any]) -> PricingResult:
    """The pricer catalog pages use (registered in ``CalculatorConfig.ready``).

    Reads the profile from the query with the calculator's own form (same field names, same
    bounds and messages: DESIGN.md "Link format"). With invalid fields the plans are priced
    for the default profile and the errors are returned, field by field, for the page to show.
    """
    form = ProfileForm.from_query(params)
    if form.is_valid():
        profile = form.profile()
        label = form.profile_label()
        query = form.query(rise=False, pins=False)
        errors: dict[str, list[str]] = {}
    else:
        fallback = ProfileForm.from_query({})
        assert fallback.is_valid()
        profile = fallback.profile()
        label = fallback.profile_label()
        query = fallback.query(rise=False, pins=False)
        errors = {
            field: [str(message) for message in messages] for field, messages in form.errors.items()
        }
        if "__all__" in errors:
            errors["mix"] = errors.pop("__all__")
    costs = {}
    for plan in plans:
        e = estimate(plan_terms(plan), profile)
        costs[plan.pk] = PlanCost(
            monthly_average=e.monthly_average,
            total=e.total,
            effective_rate=e.effective_rate,
            unsupported=e.unsupported,
        )
    return PricingResult(costs=costs, profile_label=label, profile_query=query, errors=errors)
