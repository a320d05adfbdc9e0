"""Ties among pure estimates: one "market typical" entry per kind, sourced plans first."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.engine import Profile
from calculator.ranking import ranking_build, top_plans
from catalog.models import Plan, Product
from catalog.terms import Tier, figure_keys
from tests.factories import make_brand, make_plan, make_product

pytestmark = pytest.mark.django_db

RATES = {"credit_card": "0.60", "wechat": "0.38"}
PROFILE = Profile(
    monthly_volume=Decimal("30000"),
    mix={"credit_card": Decimal("0.5"), "wechat": Decimal("0.5")},
    average_ticket=Decimal("100"),
)


def with_tier(plan: Plan, tier: str) -> Plan:
    plan.provenance = {
        k: {"tier": tier, "source": "S", "date": None} for k in figure_keys(plan.rates.all())
    }
    plan.save()
    return plan


def estimate(slug: str, kind: str = Product.Kind.ESIGN, **kw) -> Plan:
    brand = make_brand(slug=slug, name=slug, name_en=slug)
    product = make_product(brand, slug=f"{slug}-p", kind=kind)
    return with_tier(make_plan(product, rates=RATES, **kw), Tier.MARKET)


@pytest.fixture
def plans():
    a = estimate("aa")
    b = estimate("bb")
    c = estimate("cc")
    other_kind = estimate("dd", kind=Product.Kind.SMART)
    different = estimate("ee", sim_fee_annual=Decimal("60"))
    sourced = with_tier(make_plan(rates=RATES), Tier.AGENT)
    return a, b, c, other_kind, different, sourced


def test_identical_estimates_of_one_kind_are_one_typical_entry(plans):
    a, b, c, other_kind, different, sourced = plans
    ranking = ranking_build(plans=[a, b, c, other_kind, different, sourced], profile=PROFILE)
    # 150 payments of each: credit 0.60 % of 100 = 0.60 → 90, WeChat 0.38 → 57: 147 a month,
    # 1,764 in 12 months for all but "ee" (+60 SIM fee = 1,824).
    totals = [(r.plan.pk, r.estimate.total) for r in ranking.rows]
    assert totals == [
        (sourced.pk, Decimal("1764.00")),  # sourced first among equal totals
        (a.pk, Decimal("1764.00")),
        (other_kind.pk, Decimal("1764.00")),
        (different.pk, Decimal("1824.00")),
    ]
    typical = ranking.rows[1]
    assert typical.typical
    assert [p.product.brand.slug for p in typical.typical_brands] == ["aa", "bb", "cc"]
    assert not ranking.rows[2].typical  # the only estimate of its kind
    assert [r.position for r in ranking.rows] == [1, 2, 3, 4]


def test_calculator_page_lists_the_brands(client, plans):
    html = client.get(
        "/calculator/?volume=30000&ticket=100&mix_credit_card=50&mix_wechat=50"
    ).content.decode()
    assert "市场典型：电签POS" in html
    assert "代表 3 个各项数字完全相同的方案，均为市场估算：" in html
    for slug in ("aa", "bb", "cc"):
        assert f'href="/products/{slug}-p/"' in html  # each brand's page still shows its plan


def test_home_quick_estimate_merges_them_too(plans):
    a, b, c, other_kind, different, sourced = plans
    rows = top_plans(plans=[a, b, c, other_kind, different, sourced], profile=PROFILE, count=3)
    assert [r.plan.pk for r in rows] == [sourced.pk, a.pk, other_kind.pk]
    assert [p.pk for p in rows[1].typical_brands] == [a.pk, b.pk, c.pk]
