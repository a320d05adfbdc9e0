"""/products/<slug>/: fee table in plain words, provenance, warnings, plan history, costs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from catalog.selectors import history
from tests.catalog.rows import build_catalog
from tests.factories import D, make_plan, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat():
    return build_catalog()


def text(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class TestFeeTable:
    def test_current_plan_in_plain_chinese(self, client, cat):
        response = client.get("/products/a-esign/")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<th scope="row">借记卡</th><td>0.50%，单笔封顶 20 元</td>' in html
        assert '<th scope="row">贷记卡</th><td>0.60%</td>' in html
        page = text(response)
        assert "押金 99 元，90 天内交易满 5 万元退还" in page
        assert "流量费 60 元/年，首年免费" in page
        assert "机具免费" in page

    def test_current_plan_in_english(self, client, cat):
        page = text(client.get("/en/products/a-esign/"))
        assert "Debit card 0.50%, capped at 20 元 per transaction" in page
        assert "Deposit 99 元, refunded once you take 50,000 元 in payments within 90 days" in page
        assert "SIM/data fee 60 元 a year, first year free" in page

    def test_limit_and_rate_above(self, client, cat):
        html = client.get("/products/c-plate/").content.decode()
        assert "<td>单笔 1,000 元以下 0.38%，以上 0.55%</td>" in html

    def test_each_current_plan_gets_a_table(self, client, cat):
        page = text(client.get("/en/products/f-two/"))
        assert "Fees: Basic" in page
        assert "Fees: Premium" in page

    def test_no_plan_in_force(self, client, cat):
        page = text(client.get("/en/products/e-mpos/"))
        assert "No fee schedule is in force for this terminal today." in page

    def test_unknown_product_is_404(self, client, cat):
        assert client.get("/products/nothing-here/").status_code == 404


class TestProvenance:
    def test_source_link_and_date(self, client, cat):
        html = client.get("/products/a-esign/").content.decode()
        month_ago = (cat.today - dt.timedelta(days=30)).isoformat()
        assert 'href="https://alpha.example.com/fees"' in html
        assert f'<time datetime="{month_ago}">{month_ago}</time>' in html

    def test_estimate_badge_and_source_note(self, client, cat):
        response = client.get("/en/products/c-plate/")
        page = text(response)
        assert "代理商报价区间" in page
        assert 'class="badge badge-estimate"' in response.content.decode()
        assert "estimate" in page


class TestWarnings:
    def test_static_qr_plate_limit(self, client, cat):
        page = text(client.get("/products/c-plate/"))
        assert "单个付款人每天最多付 500 元" in page

    def test_no_qr_warning_on_a_card_terminal(self, client, cat):
        assert "500 元" not in text(client.get("/products/b-smart/"))

    def test_rate_below_the_cost_floor(self, client, cat):
        product = make_product(slug="cheap", kind="esign")
        make_plan(
            product,
            valid_from=cat.today - dt.timedelta(days=1),
            rates={"credit_card": "0.38", "debit_card": {"percent": "0.30", "cap": "15"}},
        )
        page = text(client.get("/products/cheap/"))
        assert "贷记卡 0.38% 低于标准类商户的监管成本线 0.4825%" in page
        assert "借记卡 0.30% 低于标准类商户的监管成本线 0.34425%" in page
        assert "借记卡封顶 15 元" in page

    def test_no_floor_warning_at_normal_rates(self, client, cat):
        assert "监管成本线" not in text(client.get("/products/a-esign/"))


class TestHistory:
    def test_versions_with_dates_and_changes(self, client, cat):
        page = text(client.get("/en/products/a-esign/"))
        year_ago = (cat.today - dt.timedelta(days=400)).isoformat()
        last_day = (cat.today - dt.timedelta(days=31)).isoformat()
        month_ago = (cat.today - dt.timedelta(days=30)).isoformat()
        next_start = (cat.today + dt.timedelta(days=60)).isoformat()
        assert f"expired {year_ago} to {last_day}" in page
        assert f"in force {month_ago} to " in page
        assert f"scheduled from {next_start}" in page
        # The current version against the expired one; the scheduled against the current.
        assert "Credit card: 0.55% → 0.60%" in page
        assert "Deposit: 0 元 → 99 元" in page
        assert "SIM/data fee per year: 0 元 → 60 元" in page
        assert "Credit card: 0.60% → 0.63%" in page
        assert f"These fees change on {next_start}" in page

    def test_history_in_chinese(self, client, cat):
        page = text(client.get("/products/a-esign/"))
        assert "贷记卡： 0.55% → 0.60%" in page or "贷记卡：0.55% → 0.60%" in page
        assert "押金： 0 元 → 99 元" in page or "押金：0 元 → 99 元" in page


class TestPlanDiff:
    def test_field_by_field_and_rate_by_rate(self, cat):
        old = make_plan(
            cat.b,
            name="diff",
            valid_from=dt.date(2024, 1, 1),
            valid_to=dt.date(2024, 6, 1),
            deposit=D("99"),
            rates={"credit_card": "0.60", "debit_card": {"percent": "0.5", "cap": "20"},
                   "wechat": "0.38"},
        )  # fmt: skip
        new = make_plan(
            cat.b,
            name="diff",
            valid_from=dt.date(2024, 6, 1),
            deposit=D("199"),
            deposit_refund_volume=D("100000"),
            deposit_refund_days=90,
            rates={"credit_card": "0.60", "debit_card": {"percent": "0.5", "cap": "25"},
                   "alipay": "0.38"},
            promo_rates={"credit_card": "0.38"},
            promo_months=3,
        )  # fmt: skip
        with translation.override("en"):
            diff = history.plan_diff(old, new)
        fields = {c.name: (c.old, c.new) for c in diff.fields}
        assert fields == {
            "deposit": (D("99.00"), D("199")),
            "deposit_refund_volume": (None, D("100000")),
            "deposit_refund_days": (None, 90),
            "promo_months": (0, 3),
        }
        rates = [(c.method, c.is_promo, c.kind, c.old_text, c.new_text) for c in diff.rates]
        assert rates == [
            ("debit_card", False, "changed", "0.50%, capped at 20 元 per transaction",
             "0.50%, capped at 25 元 per transaction"),
            ("wechat", False, "removed", "0.38%", ""),
            ("alipay", False, "added", "", "0.38%"),
            ("credit_card", True, "added", "", "0.38%"),
        ]  # fmt: skip

    def test_same_terms_is_an_empty_diff(self, cat):
        plans = list(cat.b.plans.with_rates())
        assert not history.plan_diff(plans[0], plans[0])


class TestCosts:
    def test_estimated_monthly_cost_for_the_default_profile(self, client, cat):
        # See test_product_list: a-esign costs 140.00 元 a month for the retail profile.
        page = text(client.get("/products/a-esign/"))
        assert "140.00 元/月" in page

    def test_plan_that_cannot_serve_the_profile(self, client, cat):
        page = text(client.get("/en/products/c-plate/"))
        assert "it has no rate for Debit card, Credit card, Contactless (NFC)" in page
