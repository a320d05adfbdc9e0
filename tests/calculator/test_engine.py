"""Engine tests. Every expected figure is worked out by hand in the comments, never by the code.

No database: the engine is pure Python.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.engine import (
    INSTANT_SETTLEMENT,
    PlanTerms,
    Profile,
    Rate,
    break_even_month,
    estimate,
    rank,
    round2,
)
from tests.examples import design_example


def D(value: str) -> Decimal:
    return Decimal(value)


def profile(volume="30000", mix=None, ticket="100", **kw) -> Profile:
    return Profile(
        monthly_volume=D(volume),
        mix={k: D(v) for k, v in (mix or {"credit_card": "1"}).items()},
        average_ticket=D(ticket),
        **kw,
    )


def credit_only(percent="0.60", **kw) -> PlanTerms:
    return PlanTerms(rates={"credit_card": Rate(D(percent))}, **kw)


# --------------------------------------------------------------------------- worked example


def test_design_worked_example():
    plan, merchant = design_example()
    e = estimate(plan, merchant)
    # debit: 5000 × 0.5 % = 25 → capped 20; 30000 × 0.3 / 5000 = 1.8 txns; 36/month × 24 = 864
    # credit: 5000 × 0.6 % = 30; 2.4 txns; 72/month × 24 = 1728
    # WeChat: 5000 × 0.38 % = 19; 1.8 txns; 34.2/month × 24 = 820.8
    assert e.per_method == {
        "debit_card": D("864.00"),
        "credit_card": D("1728.00"),
        "wechat": D("820.80"),
    }
    assert e.transaction_fees == D("3412.80")
    assert e.settlement_fees == D("2160.00")  # 30 × 3 元 × 24
    assert e.recurring_fees == D("60.00")  # SIM in month 13 only (25 is beyond 24)
    assert e.deposit_refunded is True and e.deposit_refund_month == 2  # ceil(50000/30000)
    assert e.cumulative[0] == D("331.20")  # 142.2 + 90 + 99
    assert e.cumulative[1] == D("464.40")  # + 142.2 + 90 − 99
    assert e.total == D("5632.80")
    assert e.one_off == D("0.00")
    # 5632.80 / (30000 × 24) × 100 = 0.78233… %
    assert e.effective_rate == D("0.7823")
    assert e.monthly_average == D("234.70")  # 5632.80 / 24


# --------------------------------------------------------------------------- rule 1: one fee

FEE_CASES = [
    # (rate kwargs, amount, expected fee, why)
    ({"percent": "0.6"}, "100", "0.60", "plain percent"),
    ({"percent": "0.6"}, "0.83", "0.00", "0.00498 rounds half up to 0.00"),
    ({"percent": "0.6"}, "2.5", "0.02", "0.015 rounds half up to 0.02 (half-even would give 0.02)"),
    ({"percent": "0.5"}, "1", "0.01", "0.005 → 0.01 half up (half-even gives 0.00)"),
    ({"percent": "0.5", "cap": "20"}, "10000", "20.00", "50 capped at 20"),
    ({"percent": "0.5", "cap": "20"}, "3000", "15.00", "below the cap"),
    ({"percent": "0.38", "minimum": "0.5"}, "50", "0.50", "0.19 raised to the minimum 0.5"),
    ({"percent": "0.55", "fixed": "3"}, "1000", "8.50", "5.50 + 3 fixed"),
    ({"percent": "0.5", "cap": "20", "fixed": "3"}, "10000", "23.00", "cap applies before fixed"),
    (
        {"percent": "0.38", "limit": "1000", "above_percent": "0.6"},
        "1000",
        "3.80",
        "at the limit: still the lower rate",
    ),
    (
        {"percent": "0.38", "limit": "1000", "above_percent": "0.6"},
        "1000.01",
        "6.00",
        "1000.01 × 0.6 % = 6.00006",
    ),
    (
        {"percent": "0.38", "limit": "1000", "above_percent": "0.6", "cap": "5"},
        "2000",
        "5.00",
        "above-limit rate still capped",
    ),
]


@pytest.mark.parametrize(("kwargs", "amount", "expected", "why"), FEE_CASES)
def test_fee_of_one_transaction(kwargs, amount, expected, why):
    rate = Rate(**{k: D(v) for k, v in kwargs.items()})
    assert rate.fee(D(amount)) == D(expected), why


# --------------------------------------------------------------------------- monthly rules


def test_transactions_are_fractional_and_exact():
    # 1000 元, ticket 300 → 3.333… txns × 1.80 (0.6 % of 300) = 6.00 per month exactly
    e = estimate(credit_only(), profile(volume="1000", ticket="300", months=1))
    assert e.transaction_fees == D("6.00")
    assert e.transactions_per_month["credit_card"] * 3 == D("10")


def test_per_method_average_tickets():
    plan = PlanTerms(rates={"debit_card": Rate(D("0.5"), cap=D("20")), "wechat": Rate(D("0.38"))})
    merchant = Profile(
        monthly_volume=D("20000"),
        mix={"debit_card": D("0.5"), "wechat": D("0.5")},
        average_ticket=D("100"),
        average_tickets={"debit_card": D("10000")},
        months=1,
    )
    e = estimate(plan, merchant)
    # debit: 1 txn of 10000 → 50 capped 20 → 20.00; WeChat: 100 txns × 0.38 = 38.00
    assert e.per_method == {"debit_card": D("20.00"), "wechat": D("38.00")}
    assert e.total == D("58.00")


def test_promo_months_then_normal_rate():
    plan = PlanTerms(
        rates={"credit_card": Rate(D("0.60")), "wechat": Rate(D("0.38"))},
        promo_rates={"credit_card": Rate(D("0.38"))},
        promo_months=3,
    )
    e = estimate(plan, profile(mix={"credit_card": "0.5", "wechat": "0.5"}, months=5))
    # credit 15000/month: 3 months × 57.00 (0.38 %) + 2 × 90.00 (0.60 %) = 351.00
    # WeChat has no promo: 5 × 57.00 = 285.00
    assert e.per_method == {"credit_card": D("351.00"), "wechat": D("285.00")}
    assert [m.transaction_fees for m in e.months] == [D("114.00")] * 3 + [D("147.00")] * 2


def test_monthly_fee_charged_or_waived():
    plan = credit_only(monthly_fee=D("39"), monthly_fee_waived_at=D("50000"))
    low = estimate(plan, profile(volume="49999.99", months=12))
    high = estimate(plan, profile(volume="50000", months=12))
    assert low.recurring_fees == D("468.00")  # 39 × 12
    assert high.recurring_fees == D("0.00")  # V ≥ 50000 waives it
    never_waived = estimate(credit_only(monthly_fee=D("39")), profile(volume="1e9", months=2))
    assert never_waived.recurring_fees == D("78.00")


def test_annual_fee_in_months_1_13_25():
    e = estimate(credit_only(annual_fee=D("198")), profile(volume="0", months=25))
    charged = [m.month for m in e.months if m.annual_fee]
    assert charged == [1, 13, 25]
    assert e.recurring_fees == D("594.00")


@pytest.mark.parametrize(
    ("free", "months", "charged"),
    [(0, 24, [1, 13]), (1, 14, [2, 14]), (12, 24, [13]), (12, 12, []), (3, 40, [4, 16, 28, 40])],
)
def test_sim_fee_timing(free, months, charged):
    e = estimate(
        credit_only(sim_fee_annual=D("46"), sim_free_months=free),
        profile(volume="0", months=months),
    )
    assert [m.month for m in e.months if m.sim_fee] == charged
    assert e.recurring_fees == D("46") * len(charged)


def test_instant_settlement_percent_and_fixed():
    plan = credit_only(instant_percent=D("0.05"), instant_fixed=D("2"))
    e = estimate(
        plan, profile(volume="40000", months=3, instant_settlement=True, settlements_per_month=20)
    )
    # 40000 × 0.05 % = 20 + 20 × 2 = 40 → 60 a month × 3 = 180
    assert e.settlement_fees == D("180.00")
    t1 = estimate(plan, profile(volume="40000", months=3))
    assert t1.settlement_fees == D("0.00")  # T+1 costs nothing


# --------------------------------------------------------------------------- deposit (rule 5)


@pytest.mark.parametrize(
    ("volume", "months", "refunded", "refund_month", "one_off"),
    [
        # 118 deposit, refund at 150000 within 90 days → needs V × 90/30 ≥ 150000, V ≥ 50000
        ("50000", 12, True, 3, "0.00"),  # ceil(150000/50000) = 3
        ("49999", 12, False, None, "118.00"),  # 149997 < 150000: never refunded
        ("200000", 12, True, 1, "0.00"),  # max(1, ceil(0.75)) = 1: back in month 1
        ("60000", 2, False, 3, "118.00"),  # month ceil(2.5) = 3 is beyond a 2-month horizon
    ],
)
def test_deposit_refund(volume, months, refunded, refund_month, one_off):
    plan = credit_only(deposit=D("118"), deposit_refund_volume=D("150000"), deposit_refund_days=90)
    e = estimate(plan, profile(volume=volume, months=months))
    assert e.deposit_refunded is refunded
    assert e.deposit_refund_month == refund_month
    assert e.one_off == D(one_off)
    deposits = [m.deposit for m in e.months]
    assert deposits[0] == (D("0") if refund_month == 1 and refunded else D("118"))
    if refunded and refund_month > 1:
        assert deposits[refund_month - 1] == D("-118")


def test_deposit_without_refund_rule_is_kept():
    e = estimate(credit_only(deposit=D("99"), device_price=D("148")), profile(months=6))
    assert e.one_off == D("247.00")
    assert e.deposit_refunded is False and e.deposit_refund_month is None


def test_zero_volume_costs_only_fixed_charges():
    plan = credit_only(
        device_price=D("59"),
        deposit=D("99"),
        deposit_refund_volume=D("1"),
        deposit_refund_days=30,
        sim_fee_annual=D("36"),
    )
    e = estimate(plan, profile(volume="0", months=12))
    assert e.total == D("194.00")  # 59 + 99 (never refunded) + 36
    assert e.effective_rate is None  # no volume: no rate


# --------------------------------------------------------------------------- unsupported


def test_missing_method_is_unsupported_never_zero():
    plate = PlanTerms(rates={"wechat": Rate(D("0.38")), "alipay": Rate(D("0.38"))})
    e = estimate(plate, profile(mix={"wechat": "0.5", "credit_card": "0.5"}))
    assert e.supported is False
    assert e.unsupported == ("credit_card",)
    assert e.total is None and e.cumulative == ()


def test_zero_share_method_does_not_need_a_rate():
    plate = PlanTerms(rates={"wechat": Rate(D("0.38"))})
    e = estimate(plate, profile(mix={"wechat": "1", "credit_card": "0"}, months=1))
    assert e.supported is True
    assert e.total == D("114.00")  # 30000 × 0.38 %


def test_instant_settlement_unavailable():
    plan = credit_only(instant_available=False)
    e = estimate(plan, profile(instant_settlement=True))
    assert e.unsupported == (INSTANT_SETTLEMENT,)
    assert estimate(plan, profile()).supported is True


# --------------------------------------------------------------------------- rate rise


def test_rate_rise_after_month_n():
    plan = PlanTerms(rates={"credit_card": Rate(D("0.55"))})
    risen = plan.with_rate_rise(after_month=3, add_percent=D("0.3"))
    e = estimate(risen, profile(volume="10000", months=6))
    # months 1–3: 10000 × 0.55 % = 55; months 4–6: 0.85 % = 85 → 165 + 255 = 420
    assert e.transaction_fees == D("420.00")
    to_flat = plan.with_rate_rise(after_month=0, to_percent=D("1.5"), fixed=D("3"))
    e2 = estimate(to_flat, profile(volume="10000", ticket="1000", months=1))
    # 10 txns × (1000 × 1.5 % + 3) = 10 × 18 = 180
    assert e2.total == D("180.00")


def test_rate_rise_keeps_promo_months_first():
    plan = PlanTerms(
        rates={"credit_card": Rate(D("0.6"))},
        promo_rates={"credit_card": Rate(D("0.38"))},
        promo_months=2,
    )
    e = estimate(
        plan.with_rate_rise(after_month=4, add_percent=D("0.5")), profile(volume="10000", months=6)
    )
    # 38, 38 (promo), 60, 60, 110, 110
    assert [m.transaction_fees for m in e.months] == [
        D(x) for x in ("38", "38", "60", "60", "110", "110")
    ]


def test_rate_rise_raises_above_limit_rate_too():
    rate = Rate(D("0.38"), limit=D("1000"), above_percent=D("0.6"))
    raised = rate.raised(add_percent=D("0.1"))
    assert (raised.percent, raised.above_percent, raised.limit) == (D("0.48"), D("0.7"), D("1000"))


# --------------------------------------------------------------------------- rank, break-even


def test_rank_cheapest_first_and_drops_unsupported():
    cheap = credit_only("0.55", key="cheap")
    dear = credit_only("0.60", key="dear")
    plate = PlanTerms(rates={"wechat": Rate(D("0.38"))}, key="plate")
    ranked = rank([dear, plate, cheap], profile())
    assert [e.key for e in ranked] == ["cheap", "dear"]


def test_break_even_month():
    # A: 100 one-off, then 30/month; B: nothing up front, 50/month.
    # cumulative A: 130, 160, 190, 220, 250, 280; B: 50, 100, 150, 200, 250, 300
    a = estimate(credit_only("0.30", device_price=D("100")), profile(volume="10000", months=6))
    b = estimate(credit_only("0.50"), profile(volume="10000", months=6))
    assert break_even_month(a, b) == 5  # 250 ≤ 250 from month 5 on
    assert break_even_month(b, a) is None  # B ends dearer
    assert break_even_month(b, b) == 1


def test_break_even_month_must_stay_below():
    # A below B in month 1 only, then above for good → None; crossing back counts from the last.
    a = estimate(credit_only("0.60", device_price=D("0")), profile(volume="10000", months=3))
    b = estimate(credit_only("0.10", device_price=D("55")), profile(volume="10000", months=3))
    # A: 60, 120, 180; B: 65, 75, 85 → A ≤ B in month 1 only
    assert break_even_month(a, b) is None
    assert break_even_month(b, a) == 2


# --------------------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"monthly_volume": D("-1")}, "monthly_volume must not be negative"),
        ({"mix": {"credit_card": D("0.5")}}, "must sum to 1"),
        ({"mix": {"credit_card": D("1.2"), "wechat": D("-0.2")}}, "must not be negative"),
        ({"mix": {"bitcoin": D("1")}}, "unknown payment method"),
        ({"months": 0}, "months must be a whole number of at least 1"),
        ({"average_ticket": D("0")}, "average_ticket must be positive"),
        ({"average_ticket": D("-5")}, "average_ticket must be positive"),
        ({"monthly_volume": 1000.0}, "must be a Decimal"),
        ({"average_tickets": {"wechat": D("0")}}, "average ticket of wechat must be positive"),
    ],
)
def test_invalid_profile_raises_value_error(kwargs, message):
    base = {"monthly_volume": D("1000"), "mix": {"credit_card": D("1")}, "average_ticket": D("100")}
    with pytest.raises(ValueError, match=message):
        Profile(**{**base, **kwargs})


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Rate(D("-0.1")), "percent must not be negative"),
        (lambda: Rate(D("0.5"), cap=D("1"), minimum=D("2")), "below minimum"),
        (lambda: Rate(D("0.5"), limit=D("1000")), "together"),
        (
            lambda: PlanTerms(rates={"credit_card": Rate(D("0.6"))}, deposit=D("-1")),
            "deposit must not be negative",
        ),
        (
            lambda: PlanTerms(
                rates={"credit_card": Rate(D("0.6"))}, deposit_refund_volume=D("1000")
            ),
            "go together",
        ),
        (lambda: PlanTerms(rates={"cash": Rate(D("0.6"))}), "unknown payment method"),
    ],
)
def test_invalid_plan_raises_value_error(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_round2_is_half_up():
    assert round2(D("0.005")) == D("0.01")
    assert round2(D("0.015")) == D("0.02")
    assert round2(D("2.675")) == D("2.68")
    assert round2(D("-0.005")) == D("-0.01")


def test_steady_and_month_by_month_paths_agree():
    # A promo rate equal to the normal rate makes the engine price month by month; the result
    # must be the same as the steady path: 10000 × 0.60 % = 60 a month, 60 × 5 = 300.
    steady = credit_only("0.60", sim_fee_annual=D("36"))
    promo = credit_only(
        "0.60", sim_fee_annual=D("36"), promo_rates={"credit_card": Rate(D("0.60"))}, promo_months=2
    )
    a, b = (estimate(p, profile(volume="10000", months=5)) for p in (steady, promo))
    assert a.total == b.total == D("336.00")
    assert a.cumulative == b.cumulative == (D("96"), D("156"), D("216"), D("276"), D("336"))
    assert [m.total for m in a.months] == [m.total for m in b.months]
