"""Costs on catalog pages read the same profile fields as the calculator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import translation

from catalog import pricing
from catalog.models import Plan
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    make_plan(rates={"credit_card": "0.60", "wechat": "0.38"})
    make_plan(rates={"wechat": "0.38"})
    return list(Plan.objects.with_rates().order_by("pk"))


def test_prices_for_the_profile_in_the_query(plans):
    card, plate = plans
    with translation.override("en"):
        result = pricing.price(
            plans, QueryDict("volume=20000&mix_credit_card=50&mix_wechat=50&ticket=100&months=6")
        )
    # 100 payments of each a month: 60 + 38 = 98 a month, 588 over 6 months.
    cost = result.costs[card.pk]
    assert (cost.monthly_average, cost.total, cost.effective_rate) == (
        Decimal("98.00"),
        Decimal("588.00"),
        Decimal("0.4900"),
    )
    assert result.costs[plate.pk].total is None
    assert result.costs[plate.pk].unsupported == ("credit_card",)
    assert result.profile_label == "20,000 元 a month · custom mix · 6 months"
    assert result.profile_query == (
        "volume=20000&ticket=100&months=6&settlement=t1&mix_credit_card=50&mix_wechat=50"
    )
    assert result.errors == {}


def test_invalid_fields_are_reported_and_defaults_used(plans):
    with translation.override("en"):
        result = pricing.price(plans, {"volume": "lots", "mix_wechat": "10"})
    assert result.errors == {
        "volume": ["Enter a monthly volume from 0 to 100,000,000 元, e.g. 30000 or 3万."],
        "mix": ["Your custom mix must total 100 %; it totals 10 %."],
    }
    assert result.profile_query == "volume=30000&months=12&settlement=t1&preset=retail"
    assert result.costs[plans[0].pk].total is None  # retail needs debit card etc.
