"""The ranking's words and numbers: "show the working", deposit outcome, reasons, chart.

Expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from calculator.chart import cumulative_chart, nice_ceiling
from calculator.engine import PlanTerms, Profile, Rate, estimate
from calculator.forms import RateRise
from calculator.ranking import (
    deposit_text,
    ranking_build,
    rise_text,
    unsupported_reasons,
    working,
)
from tests.examples import design_example
from tests.factories import make_plan

pytestmark = pytest.mark.usefixtures("english")


def D(value: str) -> Decimal:
    return Decimal(value)


def lines_of(plan: PlanTerms, profile: Profile) -> dict[str, tuple[Decimal, tuple[str, ...]]]:
    return {
        line.label: (line.amount, line.steps) for line in working(plan, estimate(plan, profile))
    }


def test_working_of_the_design_worked_example():
    plan, merchant = design_example()
    lines = lines_of(plan, merchant)
    assert lines["Debit card"] == (
        D("864.00"),
        (
            "30,000 元 × 30% ÷ 5,000 元 = 1.8 payments a month",
            "5,000 元 × 0.50% = 25 元 (capped at 20 元) → 20 元 a payment",
            "1.8 × 20 元 × 24 months = 864 元",
        ),
    )
    assert lines["Credit card"] == (
        D("1728.00"),
        (
            "30,000 元 × 40% ÷ 5,000 元 = 2.4 payments a month",
            "5,000 元 × 0.60% = 30 元 a payment",
            "2.4 × 30 元 × 24 months = 1,728 元",
        ),
    )
    assert lines["WeChat Pay"][0] == D("820.80")  # 1.8 × 19 × 24
    assert lines["WeChat Pay"][1][2] == "1.8 × 19 元 × 24 months = 820.80 元"
    assert lines["Instant settlement"] == (
        D("2160.00"),
        ("30,000 元 × 0.00% + 30 settlements × 3 元 = 90 元 a month × 24 months",),
    )
    assert lines["SIM / data fee"] == (
        D("60.00"),
        ("60 元 a year × 1 (in month 13) · the first 12 months are free",),
    )
    assert lines["Deposit"] == (
        D("0"),
        (
            "Refunded when 50,000 元 is reached within 90 days; "
            "you reach 30,000 元 × 90 ÷ 30 = 90,000 元",
            "99 元 paid in month 1, back in month 2.",
        ),
    )
    assert lines["Total over 24 months"] == (D("5632.80"), ())
    # The lines add up to the total: 864 + 1728 + 820.80 + 2160 + 60 + 0.
    assert sum(amount for label, (amount, _s) in lines.items() if "Total" not in label) == D(
        "5632.80"
    )


def test_working_splits_promo_months_and_shows_fee_rounding():
    plan = PlanTerms(
        rates={"credit_card": Rate(D("0.6")), "wechat": Rate(D("0.38"))},
        promo_rates={"credit_card": Rate(D("0.38"))},
        promo_months=3,
    )
    merchant = Profile(
        monthly_volume=D("12000"),
        mix={"credit_card": D("0.5"), "wechat": D("0.5")},
        average_ticket=D("120"),
        months=12,
    )
    lines = lines_of(plan, merchant)
    # 6000 / 120 = 50 payments; promo 120 × 0.38 % = 0.456 → 0.46; then 0.72.
    # 50 × 0.46 × 3 = 69; 50 × 0.72 × 9 = 324 → 393.
    assert lines["Credit card"] == (
        D("393.00"),
        (
            "12,000 元 × 50% ÷ 120 元 = 50 payments a month",
            "months 1–3: 120 元 × 0.38% = 0.456 元 → 0.46 元 a payment",
            "months 1–3: 50 × 0.46 元 × 3 months = 69 元",
            "months 4–12: 120 元 × 0.60% = 0.72 元 a payment",
            "months 4–12: 50 × 0.72 元 × 9 months = 324 元",
        ),
    )
    assert lines["Settlement"] == (D("0"), ("T+1 settlement costs nothing.",))


def test_working_of_fees_minimum_fixed_and_limit():
    plan = PlanTerms(
        rates={
            "debit_card": Rate(D("0.5"), minimum=D("1"), fixed=D("3")),
            "unionpay_qr": Rate(D("0.38"), limit=D("1000"), above_percent=D("0.6")),
        },
        monthly_fee=D("10"),
        monthly_fee_waived_at=D("20000"),
        annual_fee=D("99"),
        device_price=D("199"),
    )
    merchant = Profile(
        monthly_volume=D("30000"),
        mix={"debit_card": D("0.5"), "unionpay_qr": D("0.5")},
        average_ticket=D("100"),
        average_tickets={"unionpay_qr": D("1500")},
        months=24,
    )
    lines = lines_of(plan, merchant)
    # debit: 100 × 0.5 % = 0.5 → minimum 1, plus 3 → 4 元; 150 payments × 4 × 24 = 14,400.
    assert lines["Debit card"][1][1] == (
        "100 元 × 0.50% = 0.50 元 (raised to the minimum of 1 元, plus 3 元 a payment) "
        "→ 4 元 a payment"
    )
    assert lines["Debit card"][0] == D("14400.00")
    # QR: 1,500 > 1,000 → 0.60 %: 9 元; 15000 / 1500 = 10 payments × 9 × 24 = 2,160.
    assert lines["UnionPay QR / QuickPass"][1][1] == (
        "1,500 元 × 0.60% = 9 元 (the rate above 1,000 元) → 9 元 a payment"
    )
    assert lines["Monthly fee"] == (
        D("0"),
        ("10 元 a month, waived: your volume reaches 20,000 元 a month",),
    )
    assert lines["Annual fee"] == (D("198.00"), ("99 元 × 2 (in month 1, month 13)",))
    assert lines["Device"] == (D("199.00"), ("Paid once, in month 1.",))


@pytest.mark.parametrize(
    ("volume", "months", "terms", "expected"),
    [
        ("30000", 12, {}, "No deposit"),
        # 30,000 × 90 / 30 = 90,000 ≥ 50,000; back in ceil(50,000 / 30,000) = month 2.
        ("30000", 12, {"days": 90}, "Deposit 99 元, refunded in month 2"),
        # 10,000 × 180 / 30 = 60,000 ≥ 50,000, but in month 5: after 3 months.
        ("10000", 3, {"days": 180}, "Deposit 99 元, refunded in month 5 — after your 3 months"),
        # 10,000 × 90 / 30 = 30,000 < 50,000.
        ("10000", 12, {"days": 90}, "Deposit 99 元, not refunded at your volume"),
        ("30000", 12, {"never": True}, "Deposit 99 元, not refundable"),
    ],
)
def test_deposit_outcome_in_words(volume, months, terms, expected):
    kwargs = {}
    if "days" in terms:
        kwargs = {
            "deposit": D("99"),
            "deposit_refund_volume": D("50000"),
            "deposit_refund_days": terms["days"],
        }
    elif terms.get("never"):
        kwargs = {"deposit": D("99")}
    plan = PlanTerms(rates={"credit_card": Rate(D("0.6"))}, **kwargs)
    merchant = Profile(
        monthly_volume=D(volume),
        mix={"credit_card": D("1")},
        average_ticket=D("100"),
        months=months,
    )
    assert deposit_text(plan, estimate(plan, merchant)) == expected


def test_deposit_outcome_in_chinese():
    plan = PlanTerms(
        rates={"credit_card": Rate(D("0.6"))},
        deposit=D("99"),
        deposit_refund_volume=D("50000"),
        deposit_refund_days=90,
    )
    merchant = Profile(
        monthly_volume=D("30000"), mix={"credit_card": D("1")}, average_ticket=D("1")
    )
    with translation.override("zh-hans"):
        assert deposit_text(plan, estimate(plan, merchant)) == "押金 99 元，第 2 个月退还"
        kept = PlanTerms(rates={"credit_card": Rate(D("0.6"))}, deposit=D("99"))
        assert deposit_text(kept, estimate(kept, merchant)) == "押金 99 元，不退"


def test_unsupported_reasons():
    assert unsupported_reasons(("wechat", "alipay", "instant_settlement")) == (
        "Does not accept WeChat Pay, Alipay",
        "No instant settlement (D0)",
    )


# --------------------------------------------------------------------------- chart


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [("1234", "1250", "250"), ("5000", "5000", "1000"), ("99.5", "100", "20"), ("0", "100", "25")],
)
def test_nice_ceiling(value, top, step):
    assert nice_ceiling(D(value)) == (D(top), D(step))


def test_chart_is_a_staircase_with_the_refund_marked():
    plan = PlanTerms(
        rates={"credit_card": Rate(D("1"))},
        deposit=D("100"),
        deposit_refund_volume=D("1500"),
        deposit_refund_days=90,
    )
    merchant = Profile(
        monthly_volume=D("1000"), mix={"credit_card": D("1")}, average_ticket=D("100"), months=3
    )
    e = estimate(plan, merchant)
    # 10 元 fees a month; month 1: 10 + 100 deposit = 110; month 2: 110 + 10 − 100 = 20; 30.
    assert e.cumulative == (D("110"), D("20"), D("30"))
    chart = cumulative_chart([("a", "Plan A", e)])
    assert chart is not None
    # y axis 0–125 in steps of 25; plot 56..388 wide (332), 12..214 high (202).
    # x(m) = 56 + 332·m/3; y(v) = 12 + 202·(1 − v/125).
    (series,) = chart.series
    assert series.path == "M56.0 214.0V36.2H166.7V181.7H277.3V165.5H388.0"
    assert [(m.kind, m.month, m.amount, m.x, m.y) for m in series.markers] == [
        ("refund", 2, D("100"), D("166.7"), D("181.7"))
    ]
    assert [t.label for t in chart.y_ticks] == ["0", "25", "50", "75", "100", "125"]
    assert [t.value for t in chart.x_ticks] == [0, 1, 2, 3]
    assert chart.table == [(1, [D("110")]), (2, [D("20")]), (3, [D("30")])]


def test_chart_marks_annual_and_sim_charges():
    plan = PlanTerms(
        rates={"credit_card": Rate(D("1"))}, annual_fee=D("99"), sim_fee_annual=D("36")
    )
    merchant = Profile(
        monthly_volume=D("1000"), mix={"credit_card": D("1")}, average_ticket=D("100"), months=25
    )
    chart = cumulative_chart([("a", "A", estimate(plan, merchant))])
    assert chart is not None
    # Month 1 is the first step anyway; months 13 and 25 charge 99 + 36 again.
    assert [(m.kind, m.month, m.amount) for m in chart.series[0].markers] == [
        ("charge", 13, D("135")),
        ("charge", 25, D("135")),
    ]
    assert [t.value for t in chart.x_ticks] == [0, 6, 12, 18, 24]  # every 6 up to 48 months


def test_chart_with_nothing_to_draw():
    assert cumulative_chart([]) is None


# --------------------------------------------------------------------------- ranking_build


@pytest.mark.django_db
def test_ranking_orders_prices_pins_and_lists_unsupported_apart():
    plans = [
        make_plan(rates={"credit_card": "0.60", "wechat": "0.38"}, name_en="A"),
        make_plan(rates={"credit_card": "0.55", "wechat": "0.38"}, name_en="B"),
        make_plan(rates={"wechat": "0.38"}, name_en="plate"),
        make_plan(rates={"credit_card": "0.70", "wechat": "0.38"}, name_en="C"),
        make_plan(rates={"credit_card": "0.80", "wechat": "0.38"}, name_en="D"),
    ]
    merchant = Profile(
        monthly_volume=D("10000"),
        mix={"credit_card": D("0.5"), "wechat": D("0.5")},
        average_ticket=D("100"),
        months=12,
    )
    ranking = ranking_build(
        plans=plans, profile=merchant, pins={plans[4].pk, 999999}, chart_cheapest=2
    )
    # Per month: 50 payments × 0.38 = 19 on WeChat, plus 50 × (credit rate) on credit.
    # B: 27.5 + 19 = 46.5 × 12 = 558; A: 30 + 19 = 49 × 12 = 588; C: 35 + 19 = 648; D: 708.
    assert [(r.position, r.plan.name_en, r.estimate.total) for r in ranking.rows] == [
        (1, "B", D("558.00")),
        (2, "A", D("588.00")),
        (3, "C", D("648.00")),
        (4, "D", D("708.00")),
    ]
    assert [(u.plan.name_en, u.reasons) for u in ranking.unsupported] == [
        ("plate", ("Does not accept Credit card",))
    ]
    # The two cheapest plus the pinned D are drawn; the unknown pin is dropped.
    assert [r.plan.name_en for r in ranking.chart_rows] == ["B", "A", "D"]
    assert ranking.chart is not None and len(ranking.chart.series) == 3
    assert ranking.pins == (plans[4].pk,)
    assert ranking.rows[3].pinned and ranking.rows[3].series is not None
    assert ranking.rows[2].series is None


@pytest.mark.django_db
def test_ranking_with_a_rate_rise_keeps_both_totals():
    plans = [
        make_plan(
            rates={"credit_card": "0.60"}, promo_rates={"credit_card": "0.38"}, promo_months=3
        ),
        make_plan(rates={"credit_card": "0.50"}),
    ]
    merchant = Profile(
        monthly_volume=D("10000"), mix={"credit_card": D("1")}, average_ticket=D("100"), months=6
    )
    ranking = ranking_build(
        plans=plans, profile=merchant, rise=RateRise(after_month=3, to_percent=D("1.5"))
    )
    # Intro plan: 3 × 38 + 3 × 60 = 294; rise to 1.5 % after month 3: 3 × 38 + 3 × 150 = 564.
    # Flat plan: 6 × 50 = 300; risen: 3 × 50 + 3 × 150 = 600.
    totals = [(r.estimate.total, r.risen.total, r.rise_extra) for r in ranking.rows]
    assert totals == [
        (D("294.00"), D("564.00"), D("270.00")),
        (D("300.00"), D("600.00"), D("300.00")),
    ]
    assert ranking.cheapest_if_risen is ranking.rows[0]
    # The chart shows the costs with the rise: ends at 564 and 600.
    assert [s.total for s in ranking.chart.series] == [D("564.00"), D("600.00")]


def test_working_marks_rounded_counts_as_approximate():
    plan = PlanTerms(rates={"credit_card": Rate(D("0.6"))})
    merchant = Profile(
        monthly_volume=D("20000"), mix={"credit_card": D("1")}, average_ticket=D("120"), months=12
    )
    # 20,000 / 120 = 166.666… payments of 0.72 元: exactly 120 元 a month, 1,440 a year.
    amount, steps = lines_of(plan, merchant)["Credit card"]
    assert amount == D("1440.00")
    assert steps[0] == "20,000 元 × 100% ÷ 120 元 ≈ 166.67 payments a month"
    assert steps[2] == "≈166.67 × 0.72 元 × 12 months = 1,440 元"


@pytest.mark.parametrize(
    ("rise", "text"),
    [
        (
            RateRise(3, add_percent=D("0.3")),
            "Every rate rises by 0.3 percentage points after month 3.",
        ),
        (
            RateRise(6, add_percent=D("0.1"), fixed=D("1")),
            "Every rate rises by 0.1 percentage points, with a fixed fee of 1 元 a payment, "
            "after month 6.",
        ),
        (RateRise(0, to_percent=D("1.5")), "Every rate rises to 1.50% after month 0."),
        (
            RateRise(3, to_percent=D("1.5"), fixed=D("3")),
            "Every rate rises to 1.50% plus 3 元 a payment after month 3.",
        ),
    ],
)
def test_rise_in_words(rise, text):
    assert rise_text(rise) == text
