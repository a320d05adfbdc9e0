"""Statement pricing (DESIGN.md "Statement pricing"): every figure here is worked out by hand."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D

import pytest

from calculator.engine import (
    PlanTerms,
    Profile,
    Rate,
    _fee_function,
    estimate,
    price_statement,
    rank_statement,
    transactions,
)


def day(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


def local(*parts: int) -> dt.datetime:
    """A local time as a statement gives it (no time zone in the files)."""
    return dt.datetime(*parts)  # noqa: DTZ001


def design_plan() -> PlanTerms:
    """DESIGN.md's worked example plan."""
    return PlanTerms(
        rates={
            "debit_card": Rate(D("0.5"), cap=D("20")),
            "credit_card": Rate(D("0.6")),
            "wechat": Rate(D("0.38")),
        },
        deposit=D("99"),
        deposit_refund_volume=D("50000"),
        deposit_refund_days=90,
        sim_fee_annual=D("60"),
        sim_free_months=12,
        instant_fixed=D("3"),
    )


def equal_payments(months: int = 24):
    """30 payments of 1,000 元 a month (9 debit, 12 credit, 9 WeChat) on days 1..28."""
    out = []
    for i in range(months):
        y, m = 2026 + i // 12, i % 12 + 1
        methods = ["debit_card"] * 9 + ["credit_card"] * 12 + ["wechat"] * 9
        for n, method in enumerate(methods):
            out.append((day(y, m, n % 28 + 1), 100000, method))
    return out


def test_equal_payments_agree_with_estimate_to_the_fen():
    tx = transactions(equal_payments())
    got = price_statement(design_plan(), tx, instant_settlement=True)
    profile = Profile(
        monthly_volume=D("30000"),
        mix={"debit_card": D("0.3"), "credit_card": D("0.4"), "wechat": D("0.3")},
        average_ticket=D("1000"),
        months=24,
        instant_settlement=True,
        settlements_per_month=28,  # the days with a payment each month
    )
    expected = estimate(design_plan(), profile)
    # By hand: fees 5.00 / 6.00 / 3.80 a payment → 151.20 a month, 3,628.80 in 24 months;
    # settlement 28 × 3 = 84 a month → 2,016.00; SIM 60 in month 13; deposit back in month 2.
    assert got.transaction_fees == expected.transaction_fees == D("3628.80")
    assert got.per_method == expected.per_method
    assert dict(got.per_method) == {
        "debit_card": D("1080.00"),
        "credit_card": D("1728.00"),
        "wechat": D("820.80"),
    }
    assert got.settlement_fees == expected.settlement_fees == D("2016.00")
    assert got.recurring_fees == expected.recurring_fees == D("60.00")
    assert got.deposit_refunded and got.deposit_refund_month == 2 == expected.deposit_refund_month
    assert got.cumulative[:2] == (D("334.20"), D("470.40"))
    assert got.cumulative == expected.cumulative
    assert got.total == expected.total == D("5704.80")
    assert got.effective_rate == expected.effective_rate


def plan_b(**extra) -> PlanTerms:
    return PlanTerms(
        rates={
            "debit_card": Rate(D("0.5"), cap=D("20")),
            "contactless": Rate(D("0.38"), limit=D("1000"), above_percent=D("0.60")),
            "wechat": Rate(D("0.38")),
            "alipay": Rate(D("0.38"), minimum=D("0.10")),
        },
        promo_rates={"wechat": Rate(D("0.2"))},
        promo_months=1,
        monthly_fee=D("10"),
        monthly_fee_waived_at=D("5000"),
        annual_fee=D("50"),
        deposit=D("200"),
        deposit_refund_volume=D("8000"),
        deposit_refund_days=30,
        instant_percent=D("0.1"),
        instant_fixed=D("2"),
        **extra,
    )


REAL = [
    (local(2026, 1, 10, 9), 500000, "debit_card"),  # 25.00 → capped at 20.00
    (local(2026, 1, 10, 10), 12345, "debit_card"),  # 0.61725 → 0.62
    (local(2026, 1, 11, 9), 100000, "contactless"),  # at the limit: 3.80
    (local(2026, 1, 11, 10), 100001, "contactless"),  # above: 6.00006 → 6.00
    (local(2026, 1, 12, 9), 10000, "wechat"),  # promo 0.2 % → 0.20
    (local(2026, 3, 1, 9), 10000, "wechat"),  # month 3: 0.38 % → 0.38
    (local(2026, 3, 2, 9), 1000, "alipay"),  # 0.038 → the minimum 0.10
]


def test_real_payments_by_hand():
    tx = transactions(REAL)
    assert tx.months == 3 and tx.volume == (722346, 0, 11000) and tx.days == (3, 0, 2)
    e = price_statement(plan_b(), tx)
    assert dict(e.per_method) == {
        "debit_card": D("20.62"),
        "wechat": D("0.58"),
        "alipay": D("0.10"),
        "contactless": D("9.80"),
    }
    assert [m.transaction_fees for m in e.months] == [D("30.62"), D("0.00"), D("0.48")]
    # Monthly fee waived in January (7,223.46 ≥ 5,000), charged in February and March; annual
    # fee in month 1; the deposit is not refunded: 7,223.46 in the first 30 days < 8,000.
    assert [m.monthly_fee for m in e.months] == [D("0.00"), D("10.00"), D("10.00")]
    assert e.recurring_fees == D("70.00")
    assert not e.deposit_refunded and e.one_off == D("200.00")
    assert e.settlement_fees == D("0.00")
    assert e.total == D("301.10")
    assert e.effective_rate == (D("301.10") / D("7333.46") * 100).quantize(D("0.0001"))


def test_instant_settlement_counts_the_days_with_a_payment():
    e = price_statement(plan_b(), transactions(REAL), instant_settlement=True)
    # January 7,223.46 × 0.1 % + 3 days × 2 = 13.22346; March 110 × 0.1 % + 2 × 2 = 4.11.
    assert e.settlement_fees == D("17.33")
    assert e.total == D("318.43")  # 301.10 + 17.33346


def test_deposit_back_in_the_month_of_the_payment_that_reaches_it():
    plan = plan_b(device_price=D("0"))
    plan = PlanTerms(**{**plan.__dict__, "deposit_refund_volume": D("7000")})
    e = price_statement(plan, transactions(REAL))
    # 5,123.45 on 10 January, 7,123.46 on the 11th ≥ 7,000: back in month 1.
    assert e.deposit_refunded and e.deposit_refund_month == 1
    assert e.months[0].deposit == D("0.00") and e.one_off == D("0.00")
    assert e.total == D("101.10")


def test_a_plan_without_a_used_method_is_not_priced():
    plan = PlanTerms(rates={"wechat": Rate(D("0.38"))})
    e = price_statement(plan, transactions(REAL))
    assert not e.supported and set(e.unsupported) == {"debit_card", "contactless", "alipay"}
    assert e.total is None
    assert rank_statement([plan, plan_b()], transactions(REAL))[0].plan == plan_b()


@pytest.mark.parametrize(
    "rate",
    [
        Rate(D("0.38")),
        Rate(D("0.5"), cap=D("20")),
        Rate(D("0.6"), fixed=D("3")),
        Rate(D("0.38"), minimum=D("0.1"), limit=D("1000"), above_percent=D("0.6")),
        Rate(D("0.12345")),  # finer than the integer path: the Decimal fallback
    ],
)
def test_the_integer_fee_is_rule_1(rate):
    fee = _fee_function(rate)
    rng = random.Random(15)
    amounts = [1250, 1, 99, 100000, 100001, *(rng.randint(1, 10_000_000) for _ in range(500))]
    for fen in amounts:
        assert D(fee(fen)) / 100 == rate.fee(D(fen) / 100), fen
