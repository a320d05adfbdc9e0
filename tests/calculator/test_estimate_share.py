"""The ranking says how much of each total rests on market defaults or assumptions."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from calculator.engine import Profile
from calculator.ranking import ranking_build
from catalog.terms import Tier, figure_keys
from tests.factories import make_plan, make_product

pytestmark = pytest.mark.django_db

# 10,000 元 a month, half credit, half debit, 1,000 元 a payment, 12 months: 5 payments of each
# a month. Credit 0.60 % → 6.00 a payment, 30 a month, 360 in 12 months (from the agent's page).
# Debit 0.55 % capped at 20 → 5.50 a payment, 27.50 a month, 330 (the cap is a market default).
# Total 690; 330 / 690 = 47.8 % → "48 %".
QUERY = "volume=10000&ticket=1000&months=12&mix_credit_card=50&mix_debit_card=50"


@pytest.fixture
def plan():
    plan = make_plan(
        make_product(slug="mixed", name="混合机", name_en="Mixed"),
        rates={"credit_card": "0.60", "debit_card": {"percent": "0.55", "cap": "20"}},
    )
    agent = {"tier": Tier.AGENT, "source": "S99", "date": None}
    plan.provenance = {k: dict(agent) for k in figure_keys(plan.rates.all())}
    plan.provenance["debit_card.cap"] = {"tier": Tier.MARKET, "source": "§2.4", "date": None}
    plan.save()
    return plan


def test_share_of_total_resting_on_estimates(plan):
    profile = Profile(
        monthly_volume=Decimal("10000"),
        mix={"credit_card": Decimal("0.5"), "debit_card": Decimal("0.5")},
        average_ticket=Decimal("1000"),
        months=12,
    )
    (row,) = ranking_build(plans=[plan], profile=profile).rows
    assert row.estimate.total == Decimal("690.00")
    assert row.estimated_share == Decimal("48")


def test_calculator_card_says_it(client, plan):
    html = client.get(f"/calculator/?{QUERY}").content.decode()
    assert "其中 48 % 为市场估算或假设" in html
    english = client.get(f"/en/calculator/?{QUERY}").content.decode()
    assert "of which 48 % rests on market estimates or assumptions" in english


def test_all_sourced_total_says_so(client, plan):
    plan.provenance["debit_card.cap"]["tier"] = Tier.AGENT
    plan.save()
    profile = Profile(
        monthly_volume=Decimal("10000"),
        mix={"credit_card": Decimal("0.5"), "debit_card": Decimal("0.5")},
        average_ticket=Decimal("1000"),
    )
    (row,) = ranking_build(plans=[plan], profile=profile).rows
    assert row.estimated_share == Decimal("0")


def test_the_working_marks_each_line(client, plan):
    html = client.get(f"/calculator/?{QUERY}&working={plan.pk}").content.decode()
    heads = re.findall(
        r'<div class="working-head"><span>(.*?)</span><span class="num">', html, re.S
    )
    debit = next(h for h in heads if h.startswith("借记卡"))
    credit = next(h for h in heads if h.startswith("贷记卡"))
    assert re.findall(r'class="mark mark-(\w+)"', debit) == ["agent", "market"]
    assert re.findall(r'class="mark mark-(\w+)"', credit) == ["agent"]


def test_the_working_fragment_marks_too(client, plan):
    url = f"/calculator/working/?{QUERY}&plan={plan.pk}"
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'class="mark mark-market"' in html
