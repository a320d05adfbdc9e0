"""The one place that turns catalog rows into engine dataclasses.

Callers fetch plans with their rates prefetched (``Plan.objects.current(on=day).with_rates()``);
nothing here queries per plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from calculator.engine import PlanTerms, Rate
from catalog.models import Plan
from catalog.models import Rate as RateRow


def rate_terms(row: RateRow) -> Rate:
    return Rate(
        percent=row.percent,
        fixed=row.fixed,
        cap=row.cap,
        minimum=row.minimum,
        limit=row.limit,
        above_percent=row.above_percent,
    )


def plan_terms(plan: Plan) -> PlanTerms:
    """Engine terms of a plan; ``key`` is the plan's primary key."""
    rows = list(plan.rates.all())  # uses the prefetch cache when there is one
    return PlanTerms(
        rates={r.method: rate_terms(r) for r in rows if not r.is_promo},
        promo_rates={r.method: rate_terms(r) for r in rows if r.is_promo},
        promo_months=plan.promo_months,
        device_price=plan.device_price,
        deposit=plan.deposit,
        deposit_refund_volume=plan.deposit_refund_volume,
        deposit_refund_days=plan.deposit_refund_days,
        monthly_fee=plan.monthly_fee,
        monthly_fee_waived_at=plan.monthly_fee_waived_at,
        annual_fee=plan.annual_fee,
        sim_fee_annual=plan.sim_fee_annual,
        sim_free_months=plan.sim_free_months,
        instant_available=plan.instant_available,
        instant_percent=plan.instant_percent,
        instant_fixed=plan.instant_fixed,
        key=plan.pk,
    )


def plans_terms(plans: Iterable[Plan]) -> list[PlanTerms]:
    return [plan_terms(p) for p in plans]
