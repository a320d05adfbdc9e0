"""Break-even volume: every expected volume is worked out by hand in the test's docstring.

The merchant takes credit cards only, 100 元 a payment, over 12 months. A plan charging p %
takes p 元 from each payment, and there are V/100 payments a month: 12 × V/100 × p 元 over the
year — 0.60 % → 0.072·V, 0.50 % → 0.06·V, 0.38 % → 0.0456·V. Totals are compared as the page
reports them, rounded to 0.01 元 half up.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.break_even import ABOVE, BELOW, Crossing, break_even_volumes, thresholds
from calculator.engine import PlanTerms, Profile, Rate

D = Decimal


def credit(percent: str, **terms: object) -> PlanTerms:
    return PlanTerms(rates={"credit_card": Rate(D(percent))}, **terms)  # type: ignore[arg-type]


def merchant(volume: str | int, months: int = 12) -> Profile:
    return Profile(
        monthly_volume=D(volume),
        mix={"credit_card": D(1)},
        average_ticket=D(100),
        months=months,
    )


CHEAP_RATE_DEVICE = credit("0.38", device_price=D(300))
PLAIN = credit("0.60")


def test_dearer_device_pays_off_above_a_volume():
    """A = 0.072·V, B = 300 + 0.0456·V: equal at V = 300 / 0.0264 = 11,363.64.
    At 11,363: A = 818.136 → 818.14, B = 300 + 518.1528 → 818.15 (A still cheaper).
    At 11,364: A = 818.208 → 818.21, B = 300 + 518.1984 → 818.20 (B cheaper).
    From 5,000 (A 360 < B 528) up to 50,000: B is cheaper from 11,364 元 a month."""
    above, below = break_even_volumes(PLAIN, CHEAP_RATE_DEVICE, merchant(5000))
    assert above == Crossing(D(11364), ABOVE)
    assert below is None


def test_cheaper_plan_loses_below_a_volume():
    """At 20,000: A = 1,440, B = 300 + 912 = 1,212, so B is the cheaper one. A is cheaper up to
    11,363 元 (818.14 < 818.15, as above) and not at 11,364."""
    above, below = break_even_volumes(CHEAP_RATE_DEVICE, PLAIN, merchant(20000))
    assert below == Crossing(D(11363), BELOW)
    assert above is None  # B stays cheaper all the way to 200,000


def test_no_change_within_ten_times_the_volume():
    """At 1,000 元 a month the range ends at 10,000, below the 11,364 where B would win."""
    assert break_even_volumes(PLAIN, CHEAP_RATE_DEVICE, merchant(1000)) == (None, None)


def test_a_waived_monthly_fee_is_a_jump():
    """B = 0.06·V + 12 × 20 while V < 10,000, then 0.06·V (fee waived); A = 0.072·V.
    Below 10,000 B would need 0.012·V > 240, V > 20,000: never. At 9,999: A = 719.928 → 719.93,
    B = 599.94 + 240 = 839.94. At 10,000: A = 720, B = 600. So B wins from exactly 10,000."""
    b = credit("0.50", monthly_fee=D(20), monthly_fee_waived_at=D(10000))
    above, below = break_even_volumes(PLAIN, b, merchant(3000))
    assert above == Crossing(D(10000), ABOVE)
    assert below is None


def test_a_narrow_window_between_two_thresholds_is_found():
    """Same rate; A's 10 元 monthly fee is waived from 10,100, B's 20 元 one from 10,000.
    Below 10,000: A = 0.06·V + 120 < B = 0.06·V + 240. From 10,000 to 10,099: A = 0.06·V + 120,
    B = 0.06·V: B cheaper (at 10,000: 720 against 600). From 10,100: equal, so B is not cheaper.
    An even grid over 0–30,000 (every 1,500 元) would step from 9,000 to 10,500 and miss it; the
    plans' thresholds are sampled too."""
    a = credit("0.50", monthly_fee=D(10), monthly_fee_waived_at=D(10100))
    b = credit("0.50", monthly_fee=D(20), monthly_fee_waived_at=D(10000))
    above, _below = break_even_volumes(a, b, merchant(3000))
    assert above == Crossing(D(10000), ABOVE)


def test_deposit_refund_threshold():
    """Deposit 99 refunded at 50,000 within 90 days: reached from 50,000 × 30 / 90 = 16,666.67 a
    month (and the refund month ceil(50,000 / V) is within 12 months from 4,166.67)."""
    plan = credit("0.60", deposit=D(99), deposit_refund_volume=D(50000), deposit_refund_days=90)
    (value,) = thresholds(plan, 12)
    assert round(value, 2) == D("16666.67")
    # Over 2 months the refund month decides: ceil(50,000 / V) <= 2 from V = 25,000.
    assert thresholds(plan, 2) == [D(25000)]


def test_plans_that_cannot_serve_or_no_volume():
    wechat_only = PlanTerms(rates={"wechat": Rate(D("0.38"))})
    assert break_even_volumes(PLAIN, wechat_only, merchant(5000)) == (None, None)
    assert break_even_volumes(PLAIN, CHEAP_RATE_DEVICE, merchant(0)) == (None, None)


@pytest.mark.parametrize("volume", ["5000", "7777.77", "12345"])
def test_result_is_the_first_whole_yuan_where_the_ranking_changes(volume):
    """Whatever the starting volume below 11,364, the answer is the same exact whole 元."""
    above, _ = break_even_volumes(PLAIN, CHEAP_RATE_DEVICE, merchant(volume))
    expected = None if D(volume) > D(11364) else Crossing(D(11364), ABOVE)
    assert above == expected
