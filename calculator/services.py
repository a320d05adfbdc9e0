"""Calculator services: price catalog plans for a merchant profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from calculator import presets
from calculator.adapters import plan_terms
from calculator.engine import Profile, estimate
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


def catalog_pricer(plans: Sequence[Plan], params: Mapping[str, str]) -> PricingResult:
    """The pricer catalog pages use (registered in ``CalculatorConfig.ready``).

    Reads ``volume`` and ``preset`` from the query; missing values take the defaults.
    """
    errors: dict[str, list[str]] = {}
    volume = presets.DEFAULT_VOLUME
    raw_volume = (params.get("volume") or "").strip()
    if raw_volume:
        try:
            volume = Decimal(raw_volume)
            if not volume.is_finite() or volume < 0 or volume > Decimal("100000000"):
                raise InvalidOperation
        except InvalidOperation:
            errors["volume"] = [_("Enter a monthly volume between 0 and 100,000,000 元.")]
            volume = presets.DEFAULT_VOLUME
    preset = (params.get("preset") or presets.DEFAULT_PRESET).strip()
    if preset not in presets.PRESETS:
        errors["preset"] = [_("Choose one of the listed kinds of business.")]
        preset = presets.DEFAULT_PRESET
    profile = default_profile(volume=volume, preset=preset)
    costs = {}
    for plan in plans:
        e = estimate(plan_terms(plan), profile)
        costs[plan.pk] = PlanCost(
            monthly_average=e.monthly_average,
            total=e.total,
            effective_rate=e.effective_rate,
            unsupported=e.unsupported,
        )
    label = _("%(volume)s 元 a month · %(preset)s · %(months)s months") % {
        "volume": f"{volume:,.0f}",
        "preset": presets.PRESETS[preset].label,
        "months": profile.months,
    }
    return PricingResult(
        costs=costs,
        profile_label=label,
        profile_query=urlencode({"volume": f"{volume:f}", "preset": preset}),
        errors=errors,
    )
