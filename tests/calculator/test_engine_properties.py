"""Property tests of the engine (hypothesis): invariants that must hold for any input."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.engine import METHODS, PlanTerms, Profile, Rate, estimate, rank

money = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
percent = st.decimals(min_value=0, max_value=5, places=4, allow_nan=False, allow_infinity=False)
volume = st.decimals(min_value=0, max_value=5_000_000, places=2)
ticket = st.decimals(min_value=Decimal("0.01"), max_value=100_000, places=2)


@st.composite
def rates(draw):
    p = draw(percent)
    cap = draw(st.none() | st.decimals(min_value=1, max_value=100, places=2))
    minimum = draw(st.none() | st.decimals(min_value=0, max_value=1, places=2))
    limited = draw(st.booleans())
    return Rate(
        percent=p,
        fixed=draw(st.sampled_from([Decimal("0"), Decimal("0.5"), Decimal("3")])),
        cap=cap,
        minimum=minimum,
        limit=Decimal("1000") if limited else None,
        above_percent=draw(percent) if limited else None,
    )


@st.composite
def plans(draw, *, refund=True, waiver=True):
    refund_volume = draw(st.none() | st.decimals(min_value=1000, max_value=1_000_000, places=0))
    if not refund:
        refund_volume = None
    return PlanTerms(
        rates={m: draw(rates()) for m in METHODS},
        device_price=draw(money),
        deposit=draw(money),
        deposit_refund_volume=refund_volume,
        deposit_refund_days=draw(st.integers(1, 365)) if refund_volume is not None else None,
        monthly_fee=draw(money),
        monthly_fee_waived_at=draw(st.none() | volume) if waiver else None,
        annual_fee=draw(money),
        sim_fee_annual=draw(money),
        sim_free_months=draw(st.integers(0, 24)),
        instant_percent=draw(percent),
        instant_fixed=draw(money),
        promo_rates={"credit_card": draw(rates())} if draw(st.booleans()) else {},
        promo_months=draw(st.integers(0, 12)),
    )


@st.composite
def profiles(draw, v=None):
    weights = draw(st.lists(st.integers(0, 100), min_size=len(METHODS), max_size=len(METHODS)))
    if sum(weights) == 0:
        weights[1] = 1
    total = sum(weights)
    shares = [Decimal(w) / Decimal(total) for w in weights]
    shares[-1] = Decimal(1) - sum(shares[:-1])  # exact sum of 1
    return Profile(
        monthly_volume=draw(volume) if v is None else v,
        mix=dict(zip(METHODS, shares, strict=True)),
        average_ticket=draw(ticket),
        months=draw(st.integers(1, 60)),
        instant_settlement=draw(st.booleans()),
        settlements_per_month=draw(st.integers(0, 60)),
    )


@settings(max_examples=200, deadline=None)
@given(plans(), profiles())
def test_total_is_last_cumulative_and_parts_add_up(plan, profile):
    e = estimate(plan, profile)
    assert e.supported
    assert e.total == e.cumulative[-1]
    assert len(e.cumulative) == profile.months
    assert list(e.cumulative) == sorted(e.cumulative) or plan.deposit > 0  # only refunds go down
    parts = e.transaction_fees + e.settlement_fees + e.recurring_fees + e.one_off
    assert abs(parts - e.total) <= Decimal("0.02")  # each part rounded once


@settings(max_examples=100, deadline=None)
@given(st.lists(plans(), min_size=1, max_size=8), profiles())
def test_ranking_is_sorted(plan_list, profile):
    ranked = rank(plan_list, profile)
    totals = [e.total for e in ranked]
    assert totals == sorted(totals)


@settings(max_examples=200, deadline=None)
@given(plans(refund=False, waiver=False), profiles(), volume, volume)
def test_more_volume_never_cheaper_without_refund_or_waiver(plan, profile, v1, v2):
    low, high = sorted([v1, v2])
    base = {
        "mix": profile.mix,
        "average_ticket": profile.average_ticket,
        "months": profile.months,
        "instant_settlement": profile.instant_settlement,
        "settlements_per_month": profile.settlements_per_month,
    }
    e_low = estimate(plan, Profile(monthly_volume=low, **base))
    e_high = estimate(plan, Profile(monthly_volume=high, **base))
    assert e_high.total >= e_low.total


@settings(max_examples=200, deadline=None)
@given(plans(), profiles())
def test_effective_rate_consistent_with_total(plan, profile):
    e = estimate(plan, profile)
    if profile.monthly_volume == 0:
        assert e.effective_rate is None
        return
    exact = e.total / (profile.monthly_volume * profile.months) * 100
    assert abs(e.effective_rate - exact) <= Decimal("0.00005")
