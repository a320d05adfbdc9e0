"""Worked examples shared by the engine and calculator tests (pure Python, no database)."""

from __future__ import annotations

from decimal import Decimal

from django.http import QueryDict

from calculator.engine import PlanTerms, Profile, Rate
from calculator.offer import Offer, read_offer

D = Decimal


def design_example() -> tuple[PlanTerms, Profile]:
    """DESIGN.md's worked example: debit 0.5 % capped at 20 元, credit 0.6 %, WeChat 0.38 %;
    deposit 99 元 refunded at 50,000 元 within 90 days; SIM 60 元/year after 12 free months;
    instant settlement 3 元 per settlement. Merchant: 30,000 元 a month, 30 % debit / 40 % credit
    / 30 % WeChat, average ticket 5,000 元, instant settlement 30 times a month, 24 months."""
    plan = PlanTerms(
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
    merchant = Profile(
        monthly_volume=D("30000"),
        mix={"debit_card": D("0.3"), "credit_card": D("0.4"), "wechat": D("0.3")},
        average_ticket=D("5000"),
        months=24,
        instant_settlement=True,
        settlements_per_month=30,
    )
    return plan, merchant


# The merchant most view tests price by hand: 30,000 元 a month, half credit cards and half
# WeChat Pay, 100 元 a payment, 12 months — 150 credit and 150 WeChat payments a month.
PROFILE = {"volume": "30000", "mix_credit_card": "50", "mix_wechat": "50", "ticket": "100"}
PROFILE_QUERY = "volume=30000&mix_credit_card=50&mix_wechat=50&ticket=100"


# 30,000 元 a month, half credit cards, half WeChat Pay, 100 元 a payment, 12 months: 150 credit
# and 150 WeChat payments a month (the offer tests' merchant).
HALF_CREDIT_HALF_WECHAT = Profile(
    monthly_volume=D("30000"),
    mix={"credit_card": D("0.5"), "wechat": D("0.5")},
    average_ticket=D("100"),
)


def offer_from(query: str) -> Offer:
    """The offer a query string states; fails the test when it is not a valid one."""
    reading = read_offer(QueryDict(query))
    assert reading.valid, reading.errors
    assert reading.offer is not None
    return reading.offer
