"""Regulatory cost floors (market-facts.md §1.2) and what counts as undercutting them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from catalog.regulation import (
    CREDIT_COST_FLOOR,
    DEBIT_COST_CAP,
    DEBIT_COST_FLOOR,
    STATIC_QR_DAILY_LIMIT,
    FloorBreach,
    floor_breaches,
)
from tests.factories import D


@dataclass
class R:
    method: str
    percent: Decimal
    is_promo: bool = False
    cap: Decimal | None = None
    limit: Decimal | None = None
    above_percent: Decimal | None = None


def test_floors_are_the_derived_figures():
    # Credit: issuer 0.45 % + acquirer's half of the network fee 0.0325 %.
    assert D("0.45") + D("0.0325") == CREDIT_COST_FLOOR == D("0.4825")
    # Debit at 90 %: 0.315 % + 0.02925 %; caps 13 元 + 3.25 元.
    assert D("0.35") * D("0.9") + D("0.0325") * D("0.9") == DEBIT_COST_FLOOR == D("0.34425")
    assert D("13") + D("3.25") == DEBIT_COST_CAP
    assert D("500") == STATIC_QR_DAILY_LIMIT


@pytest.mark.parametrize(
    ("rate", "breaches"),
    [
        (R("credit_card", D("0.60")), []),
        (R("credit_card", D("0.4825")), []),  # equal to the floor is not below it
        (R("credit_card", D("0.48")), [("percent", D("0.48"), D("0.4825"))]),
        (R("debit_card", D("0.34")), [("percent", D("0.34"), D("0.34425"))]),
        (R("debit_card", D("0.35")), []),
        (R("debit_card", D("0.50"), cap=D("20")), []),
        (R("debit_card", D("0.50"), cap=D("15")), [("cap", D("15"), D("16.25"))]),
        (R("wechat", D("0.20")), []),  # wallets have no card-scheme floor
        (R("contactless", D("0.30")), []),
        (
            R("credit_card", D("0.55"), limit=D("1000"), above_percent=D("0.38")),
            [("above_percent", D("0.38"), D("0.4825"))],
        ),
    ],
)
def test_floor_breaches(rate, breaches):
    found = floor_breaches([rate])
    assert [(b.part, b.value, b.floor) for b in found] == breaches


def test_promo_flag_is_kept():
    found = floor_breaches([R("credit_card", D("0.38"), is_promo=True)])
    assert found == [FloorBreach("credit_card", True, "percent", D("0.38"), D("0.4825"))]
