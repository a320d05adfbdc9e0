"""Provenance marks on the product page: a mark per figure with its source and date, the
legend, "not stated (priced as 0)" terms, the filter "only figures a source states", the label."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from catalog.terms import Tier, figure_keys
from tests.factories import make_plan, make_product

pytestmark = pytest.mark.django_db

SRC = "S25 https://github.com/whsayxz5/docsify/blob/e5d0eb1/tool/hlb.md"


@pytest.fixture
def plan():
    plan = make_plan(
        make_product(slug="hlb", name="合利宝电签"),
        valid_from=dt.date(2025, 3, 1),
        verified_on=dt.date(2026, 1, 1),
        rates={
            "credit_card": "0.55",
            "debit_card": {"percent": "0.55", "cap": "20", "max_amount": "1000"},
        },
        deposit="99",
        deposit_refund_volume="100000",
        deposit_refund_days=90,
        sim_fee_annual="48",
    )
    prov = {
        k: {"tier": Tier.AGENT, "source": SRC, "date": "2025-03-01"}
        for k in figure_keys(plan.rates.all())
    }
    prov["debit_card.cap"] = {
        "tier": Tier.MARKET,
        "source": "market-facts §2.4",
        "date": None,
        "note": "借记卡封顶18–25元取20元",
    }
    prov["deposit"] = {"tier": Tier.ASSUMED, "source": "", "date": None, "note": "押金取99元"}
    for name in ("monthly_fee", "annual_fee", "early_termination_fee", "instant_percent"):
        prov[name] = {"tier": Tier.ASSUMED, "source": "", "date": None, "unstated": True}
    plan.provenance = prov
    plan.save()
    return plan


def marks(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<span class="mark mark-(\w+)"[^>]*>([^<]+)<span class="mark-tip"', html)


def test_each_figure_carries_a_mark_with_source_and_date(client, plan):
    html = client.get("/products/hlb/").content.decode()
    found = marks(html)
    assert ("agent", "代理") in found
    assert ("market", "市场") in found
    assert ("assumed", "假设") in found
    # the debit row: rate (agent), cap (market), per-payment limit (agent)
    row = re.search(r'<th scope="row">借记卡</th>(.*?)</tr>', html, re.S).group(1)
    assert [m for m, _ in marks(row)] == ["agent", "market", "agent"]
    assert "单笔最高 1,000 元" in row
    assert "tool/hlb.md" in row and "2025-03-01" in row
    assert "借记卡封顶18–25元取20元" in row
    assert "未注明日期" in row  # the market range is undated


def test_legend_lists_every_tier(client, plan):
    html = client.get("/products/hlb/").content.decode()
    legend = html[html.index('class="marks-legend') :]
    for mark in ("源", "代理", "类型", "市场", "假设"):
        assert f">{mark}</span>" in legend


def test_unstated_terms_say_not_stated_priced_as_zero(client, plan):
    html = client.get("/products/hlb/").content.decode()
    assert "月费：未注明（按0计）" in html
    assert "提前解约费：未注明（按0计）" in html
    english = client.get("/en/products/hlb/").content.decode()
    assert "Monthly fee: not stated (priced as 0)" in english


def test_filter_only_figures_a_source_states(client, plan):
    html = client.get("/products/hlb/?figures=stated").content.decode()
    assert '<th scope="row">贷记卡</th>' in html
    assert '<th scope="row">借记卡</th>' not in html  # its cap is a market default
    assert 'class="term-deposit"' not in html  # the deposit is an assumption
    assert "流量费 48 元/年" in html
    assert "2 项已略去" in html


def test_plan_label_is_derived(client, plan, django_capture_on_commit_callbacks):
    html = client.get("/products/hlb/").content.decode()
    assert "部分估算" in html
    plan.provenance = {k: {**v, "tier": Tier.AGENT} for k, v in plan.provenance.items()}
    with django_capture_on_commit_callbacks(execute=True):  # the fee-data version moves on
        plan.save()
    plan.refresh_from_db()
    assert plan.is_estimate is False
    assert "全部有来源" in client.get("/products/hlb/").content.decode()


def test_print_shows_the_source(client, plan):
    # The source text is in the page (the print style shows .mark-tip inline).
    html = client.get("/products/hlb/").content.decode()
    assert '<span class="mark-tip" aria-hidden="true">' in html


def test_a_plan_without_recorded_provenance_shows_no_marks(client):
    make_plan(make_product(slug="old", name="旧机"), rates={"credit_card": "0.60"})
    html = client.get("/products/old/").content.decode()
    assert "mark mark-" not in html.split('class="marks-legend')[0]
    assert '<th scope="row">贷记卡</th><td>0.60%</td></tr>' in html
