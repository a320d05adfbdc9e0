"""Provenance on the comparison page and in share links: a mark per figure in each cell, terms
no source states shown as 未注明（按0计）, the plan label; a share link keeps the provenance."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from catalog.models import Plan
from catalog.terms import Tier, figure_keys
from tests.examples import PROFILE, PROFILE_QUERY
from tests.factories import make_brand, make_plan, make_product

pytestmark = pytest.mark.django_db

SRC = "S25 https://github.com/whsayxz5/docsify/blob/e5d0eb1/tool/sft.md"


def provenance(plan: Plan, tier: str) -> dict:
    out = {k: {"tier": tier, "source": SRC, "date": None} for k in figure_keys(plan.rates.all())}
    for name in ("monthly_fee", "annual_fee", "early_termination_fee", "instant_percent"):
        out[name] = {"tier": Tier.ASSUMED, "source": "", "date": None, "unstated": True}
    return out


@pytest.fixture
def shop():
    brand = make_brand(name="盛付通", name_en="Shengfutong", slug="sft")
    since = timezone.localdate() - dt.timedelta(days=30)
    alpha = make_plan(
        make_product(brand, name="甲机", name_en="Alpha", slug="alpha"),
        rates={"credit_card": "0.60", "wechat": "0.38"},
        valid_from=since,
    )
    bravo = make_plan(
        make_product(brand, name="乙机", name_en="Bravo", slug="bravo"),
        rates={"credit_card": "0.55", "wechat": "0.38"},
        valid_from=since,
    )
    alpha.provenance = provenance(alpha, Tier.AGENT)
    alpha.save()
    bravo.provenance = provenance(bravo, Tier.MARKET)
    bravo.save()
    return alpha, bravo


def row(html: str, key: str) -> str:
    return re.search(rf'<tr class="row-{key}">(.*?)</tr>', html, re.S).group(1)


def query() -> str:
    return "&".join(f"{k}={v}" for k, v in PROFILE.items())


def test_each_cell_carries_marks(client, shop):
    html = client.get(f"/compare/?products=alpha,bravo&{query()}").content.decode()
    credit = row(html, "rate_credit_card")
    assert re.findall(r'class="mark mark-(\w+)"', credit) == ["agent", "market"]
    assert "tool/sft.md" in credit


def test_unstated_terms_are_not_stated_priced_as_zero(client, shop):
    html = client.get(f"/compare/?products=alpha,bravo&{query()}").content.decode()
    monthly = row(html, "monthly_fee")
    assert monthly.count("未注明（按0计）") == 2
    assert "mark mark-" not in monthly  # the badge says it; no mark for a figure nobody gives


def test_the_label_row(client, shop):
    html = client.get(f"/en/compare/?products=alpha,bravo&{query()}").content.decode()
    labels = row(html, "estimate")
    assert "All from a source about this product" in labels
    assert "market estimate" in labels


def test_a_share_link_keeps_the_marks(client, shop):
    alpha, _bravo = shop
    response = client.post("/compare/share/", {"products": "alpha,bravo", **PROFILE})
    link = response["Location"]
    alpha.provenance = {}  # the catalog changes later; the quote keeps what it was made with
    Plan.objects.filter(pk=alpha.pk).update(provenance={})
    html = client.get(link).content.decode()
    credit = row(html, "rate_credit_card")
    assert re.findall(r'class="mark mark-(\w+)"', credit) == ["agent", "market"]


def test_comparison_and_calculator_show_the_legend(client, shop):
    for url in (f"/compare/?products=alpha,bravo&{query()}", f"/calculator/?{query()}"):
        html = client.get(url).content.decode()
        legend = html[html.index('class="marks-legend') :]
        for mark in ("源", "代理", "类型", "市场", "假设"):
            assert f">{mark}</span>" in legend, url


def test_the_comparison_export_says_where_each_figure_comes_from(client, shop):
    import csv
    import io

    alpha = Plan.objects.get(product__slug="alpha")
    alpha.provenance = provenance(alpha, Tier.AGENT)
    alpha.save()
    body = client.get(f"/en/compare/export.csv?products=alpha,bravo&{PROFILE_QUERY}").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    credit = next(r for r in rows if r and r[0] == "Credit card")
    assert f"[agent: {SRC}]" in credit[1]  # alpha's figure, with its source
    assert f"[market: {SRC}]" in credit[2]  # bravo's is a market default
    body = client.get(f"/en/calculator/export.csv?{PROFILE_QUERY}").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    head = next(r for r in rows if r and r[0] == "Rank")
    column = head.index("Of which market estimates or assumptions (%)")
    alpha_row = next(r for r in rows if len(r) > 1 and "Alpha" in r[1])
    assert alpha_row[column] == "0"  # every figure of alpha's total is an agent's
