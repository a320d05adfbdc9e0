"""The one place that turns catalog rows into engine dataclasses.

Callers fetch plans with their rates prefetched (``Plan.objects.current(on=day).with_rates()``);
nothing here queries per plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from calculator.engine import PlanTerms, Rate
from catalog.models import Plan


def rate_terms(row: Any) -> Rate:
    """Engine rate of a catalog ``Rate`` row or a snapshot's ``SnapRate`` (same fields)."""
    return Rate(
        percent=row.percent,
        fixed=row.fixed,
        cap=row.cap,
        minimum=row.minimum,
        limit=row.limit,
        above_percent=row.above_percent,
    )


def terms_of(plan: Any, rates: Iterable[Any], *, key: Any) -> PlanTerms:
    """Engine terms from a plan's fields and its rates: a catalog ``Plan`` and its ``Rate``
    rows, or a share link's ``SnapPlan`` and ``SnapRate``s (the same names)."""
    rows = list(rates)
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
        key=key,
    )


def plan_terms(plan: Plan) -> PlanTerms:
    """Engine terms of a plan (rates prefetched or not); ``key`` is the plan's primary key."""
    return terms_of(plan, plan.rates.all(), key=plan.pk)


# ---------------------------------------------------------------------- snapshots
# A plan's terms as JSON, for share links, which keep the terms they were priced with.
# ``calculator.snapshot`` reads them back, and its plans' engine terms come from ``terms_of``
# like a live plan's: the same figures (tested for every plan).

PLAN_MONEY = (
    "device_price",
    "deposit",
    "deposit_refund_volume",
    "monthly_fee",
    "monthly_fee_waived_at",
    "annual_fee",
    "sim_fee_annual",
    "instant_percent",
    "instant_fixed",
    "early_termination_fee",
)
PLAN_PLAIN = (
    "name",
    "name_en",
    "source_url",
    "source_note",
    "is_estimate",
    "deposit_refund_days",
    "sim_free_months",
    "instant_available",
    "promo_months",
    "contract_months",
    "notes",
    "notes_en",
)
PLAN_DATES = ("valid_from", "valid_to", "verified_on")
RATE_NUMBERS = ("percent", "fixed", "cap", "minimum", "limit", "above_percent")


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """Every term of ``plan`` (rates prefetched) as JSON-ready values: money as strings."""
    data: dict[str, Any] = {"id": plan.pk}
    data.update({name: getattr(plan, name) for name in PLAN_PLAIN})
    data.update({name: _text(getattr(plan, name)) for name in PLAN_MONEY})
    for name in PLAN_DATES:
        day: dt.date | None = getattr(plan, name)
        data[name] = day.isoformat() if day else None
    data["rates"] = [
        {
            "method": row.method,
            "is_promo": row.is_promo,
            **{name: _text(getattr(row, name)) for name in RATE_NUMBERS},
        }
        for row in plan.rates.all()
    ]
    return data
