"""Fee terms in plain words, in Chinese and in English (catalog.wording)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import translation

from catalog import wording
from catalog.regulation import FloorBreach
from tests.factories import D


@dataclass
class R:
    """A rate as the wording module reads it (ORM rows have the same attributes)."""

    percent: Decimal
    method: str = "credit_card"
    fixed: Decimal = Decimal("0")
    cap: Decimal | None = None
    minimum: Decimal | None = None
    limit: Decimal | None = None
    above_percent: Decimal | None = None
    is_promo: bool = False


@dataclass
class P:
    device_price: Decimal = Decimal("0")
    deposit: Decimal = Decimal("0")
    deposit_refund_volume: Decimal | None = None
    deposit_refund_days: int | None = None
    monthly_fee: Decimal = Decimal("0")
    monthly_fee_waived_at: Decimal | None = None
    annual_fee: Decimal = Decimal("0")
    sim_fee_annual: Decimal = Decimal("0")
    sim_free_months: int = 0
    instant_available: bool = True
    instant_percent: Decimal = Decimal("0")
    instant_fixed: Decimal = Decimal("0")
    promo_months: int = 0
    contract_months: int | None = None
    early_termination_fee: Decimal = Decimal("0")


@pytest.fixture
def zh():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def en():
    with translation.override("en"):
        yield


class TestNumbers:
    @pytest.mark.parametrize(
        ("value", "text"),
        [("0.5", "0.50%"), ("0.6000", "0.60%"), ("0.38", "0.38%"), ("0.34425", "0.34425%"),
         ("1", "1.00%"), ("2.49", "2.49%"), ("0.0325", "0.0325%")],
    )  # fmt: skip
    def test_percent(self, value, text):
        assert wording.percent_text(D(value)) == text

    @pytest.mark.parametrize(
        ("value", "text"),
        [("99", "99 元"), ("20.00", "20 元"), ("0.5", "0.50 元"), ("1000", "1,000 元"),
         ("50000", "5 万元"), ("15000", "1.5 万元"), ("990000", "99 万元"), ("12345", "12,345 元"),
         ("10000", "1 万元"), ("2.345", "2.35 元")],
    )  # fmt: skip
    def test_yuan_in_chinese(self, zh, value, text):
        assert wording.yuan_text(D(value)) == text

    @pytest.mark.parametrize(
        ("value", "text"),
        [("99", "99 元"), ("50000", "50,000 元"), ("990000", "990,000 元"), ("0.5", "0.50 元")],
    )
    def test_yuan_in_english(self, en, value, text):
        assert wording.yuan_text(D(value)) == text


class TestRatesInChinese:
    def test_debit_with_cap(self, zh):
        rate = R(D("0.50"), method="debit_card", cap=D("20"))
        assert wording.rate_line(rate) == "借记卡 0.50%，单笔封顶 20 元"
        assert wording.rate_text(rate) == "0.50%，单笔封顶 20 元"

    def test_plain_credit(self, zh):
        assert wording.rate_line(R(D("0.60"))) == "贷记卡 0.60%"

    def test_limit_and_rate_above(self, zh):
        rate = R(D("0.38"), method="contactless", limit=D("1000"), above_percent=D("0.60"))
        assert wording.rate_text(rate) == "单笔 1,000 元以下 0.38%，以上 0.60%"

    def test_fixed_fee_and_minimum(self, zh):
        rate = R(D("1.5"), fixed=D("3"), minimum=D("0.5"))
        assert wording.rate_text(rate) == "1.50%，单笔最低 0.50 元，每笔另加 3 元"

    def test_fixed_only_and_free(self, zh):
        assert wording.rate_text(R(D("0"), fixed=D("2"))) == "每笔 2 元"
        assert wording.rate_text(R(D("0"))) == "免费"

    def test_method_passed_explicitly(self, zh):
        assert wording.rate_line(R(D("0.38")), "wechat") == "微信支付 0.38%"

    def test_promo(self, zh):
        rates = [R(D("0.38"), method="credit_card", is_promo=True)]
        assert wording.promo_text(3, rates) == "前 3 个月优惠：贷记卡 0.38%"


class TestRatesInEnglish:
    def test_debit_with_cap(self, en):
        rate = R(D("0.50"), method="debit_card", cap=D("20"))
        assert wording.rate_line(rate) == "Debit card 0.50%, capped at 20 元 per transaction"

    def test_limit_and_rate_above(self, en):
        rate = R(D("0.38"), method="contactless", limit=D("1000"), above_percent=D("0.60"))
        assert wording.rate_text(rate) == "0.38% up to 1,000 元 per transaction, 0.60% above"

    def test_promo(self, en):
        rates = [R(D("0.38"), method="wechat", is_promo=True)]
        assert (
            wording.promo_text(3, rates)
            == "First 3 months at the introductory rates: WeChat Pay 0.38%"
        )


class TestPlanTermsInChinese:
    def test_deposit_refunded(self, zh):
        plan = P(deposit=D("99"), deposit_refund_volume=D("50000"), deposit_refund_days=90)
        assert wording.deposit_text(plan) == "押金 99 元，90 天内交易满 5 万元退还"

    def test_deposit_kept_and_none(self, zh):
        assert wording.deposit_text(P(deposit=D("99"))) == "押金 99 元，不退还"
        assert wording.deposit_text(P()) == "无押金"

    def test_sim_fee(self, zh):
        assert wording.sim_text(P(sim_fee_annual=D("60"), sim_free_months=12)) == (
            "流量费 60 元/年，首年免费"
        )
        assert wording.sim_text(P(sim_fee_annual=D("46"), sim_free_months=1)) == (
            "流量费 46 元/年，首月免费"
        )
        assert wording.sim_text(P(sim_fee_annual=D("36"), sim_free_months=4)) == (
            "流量费 36 元/年，前 4 个月免费"
        )
        assert wording.sim_text(P(sim_fee_annual=D("60"))) == "流量费 60 元/年"
        assert wording.sim_text(P()) == "无流量费"

    def test_device(self, zh):
        assert wording.device_text(P()) == "机具免费"
        assert wording.device_text(P(device_price=D("148"))) == "机具 148 元"

    def test_instant_settlement(self, zh):
        assert wording.instant_text(P(instant_available=False)) == (
            "不支持秒到（D0），下个工作日到账（T+1）"
        )
        assert wording.instant_text(P()) == "秒到（D0）不另收费"
        assert wording.instant_text(P(instant_fixed=D("3"))) == "秒到（D0）另收：每次 3 元"
        assert wording.instant_text(P(instant_percent=D("0.1"), instant_fixed=D("2"))) == (
            "秒到（D0）另收：金额的 0.10% + 每次 2 元"
        )

    def test_monthly_and_annual_fee_and_contract(self, zh):
        plan = P(
            monthly_fee=D("39"),
            monthly_fee_waived_at=D("30000"),
            annual_fee=D("198"),
            contract_months=12,
            early_termination_fee=D("200"),
        )
        assert wording.monthly_fee_text(plan) == "月费 39 元，当月交易满 3 万元免收"
        assert wording.annual_fee_text(plan) == "年费 198 元"
        assert wording.contract_text(plan) == "合约期 12 个月，提前解约收 200 元"
        assert wording.contract_text(P(early_termination_fee=D("50"))) == "提前解约费 50 元"

    def test_plan_lines_leave_out_absent_fees(self, zh):
        plan = P(deposit=D("99"), deposit_refund_volume=D("50000"), deposit_refund_days=90)
        lines = wording.plan_lines(plan)
        assert [line.key for line in lines] == ["device", "deposit", "sim", "instant"]
        assert lines[1].text == "押金 99 元，90 天内交易满 5 万元退还"


class TestPlanTermsInEnglish:
    def test_deposit(self, en):
        plan = P(deposit=D("99"), deposit_refund_volume=D("50000"), deposit_refund_days=90)
        assert wording.deposit_text(plan) == (
            "Deposit 99 元, refunded once you take 50,000 元 in payments within 90 days"
        )

    def test_sim_fee(self, en):
        assert wording.sim_text(P(sim_fee_annual=D("60"), sim_free_months=12)) == (
            "SIM/data fee 60 元 a year, first year free"
        )

    def test_instant(self, en):
        assert wording.instant_text(P(instant_fixed=D("3"))) == (
            "Instant settlement (D0) costs extra: 3 元 per settlement"
        )


class TestHistoryValues:
    def test_values(self, zh):
        assert wording.field_value_text("deposit", D("99")) == "99 元"
        assert wording.field_value_text("instant_percent", D("0.1")) == "0.10%"
        assert wording.field_value_text("sim_free_months", 12) == "12 个月"
        assert wording.field_value_text("deposit_refund_days", 90) == "90 天"
        assert wording.field_value_text("instant_available", False) == "否"
        assert wording.field_value_text("deposit_refund_volume", None) == "无"
        assert wording.field_label("deposit") == "押金"


class TestWarnings:
    def test_static_qr(self, zh):
        assert "500 元" in wording.static_qr_warning()
        assert "银发〔2017〕296号" in wording.static_qr_warning()

    def test_floor(self, zh):
        text = wording.floor_warning(
            FloorBreach("credit_card", False, "percent", D("0.38"), D("0.4825"))
        )
        assert text.startswith("贷记卡 0.38% 低于标准类商户的监管成本线 0.4825%")

    def test_floor_in_english_for_a_promo(self, en):
        text = wording.floor_warning(
            FloorBreach("debit_card", True, "percent", D("0.3"), D("0.34425"))
        )
        assert "Debit card 0.30% is below the regulatory cost floor of 0.34425%" in text
        assert "introductory price" in text


class TestGroupedRates:
    def test_methods_with_the_same_terms_share_a_line(self, zh):
        rates = [
            R(D("0.38"), method="alipay"),
            R(D("0.60"), method="credit_card"),
            R(D("0.38"), method="wechat"),
            R(D("0.50"), method="debit_card", cap=D("20")),
        ]
        assert wording.grouped_rate_lines(rates) == [
            "借记卡 0.50%，单笔封顶 20 元",
            "贷记卡 0.60%",
            "微信支付、支付宝 0.38%",
        ]

    def test_in_english(self, en):
        rates = [R(D("0.38"), method="wechat"), R(D("0.38"), method="alipay")]
        assert wording.grouped_rate_lines(rates) == ["WeChat Pay, Alipay 0.38%"]
        assert wording.methods_text(["debit_card", "contactless"]) == (
            "Debit card, Contactless (NFC)"
        )
