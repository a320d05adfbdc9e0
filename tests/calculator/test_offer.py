"""The merchant's offer in a link: read, validated, priced by the engine (figures by hand)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import QueryDict

from calculator import offer as link
from calculator.engine import estimate
from calculator.offer import read_offer
from tests.examples import HALF_CREDIT_HALF_WECHAT, offer_from

D = Decimal
pytestmark = pytest.mark.usefixtures("english")

MERCHANT = HALF_CREDIT_HALF_WECHAT
offer = offer_from


def errors(query: str) -> dict[str, list[str]]:
    reading = read_offer(QueryDict(query))
    assert reading.present and reading.offer is None
    return dict(reading.errors)


def test_no_offer_fields_means_no_offer():
    assert not read_offer(QueryDict("volume=30000&preset=retail")).present
    # Fields sent empty (the form's blank inputs) are not an offer either.
    assert not read_offer(QueryDict("offer_credit_card=&offer_name=&offer_sim=")).present


def test_every_term_is_read_under_its_link_name():
    o = offer(
        "offer_debit_card=0.5&offer_debit_card_cap=20&offer_credit_card=0.6"
        "&offer_credit_card_fixed=3&offer_credit_card_min=0.1&offer_contactless=0.38"
        "&offer_contactless_limit=1000&offer_contactless_above=0.6&offer_promo_credit_card=0.38"
        "&offer_promo_months=3&offer_device=99&offer_deposit=199&offer_refund_volume=100000"
        "&offer_refund_days=90&offer_monthly=10&offer_monthly_waived_at=50000&offer_annual=99"
        "&offer_sim=48&offer_sim_free=12&offer_instant_percent=0.1&offer_instant_fixed=3"
        "&offer_contract_months=24&offer_etf=300&offer_name=张经理报价&offer_signed=2026-12-01"
    )
    rates = {(r.method, r.is_promo): r for r in o.rates}
    assert (rates["debit_card", False].percent, rates["debit_card", False].cap) == (
        D("0.5"),
        D("20"),
    )
    credit = rates["credit_card", False]
    assert (credit.percent, credit.fixed, credit.minimum) == (D("0.6"), D("3"), D("0.1"))
    nfc = rates["contactless", False]
    assert (nfc.limit, nfc.above_percent) == (D("1000"), D("0.6"))
    assert rates["credit_card", True].percent == D("0.38")
    assert o.figures == {
        "device_price": D("99"),
        "deposit": D("199"),
        "deposit_refund_volume": D("100000"),
        "deposit_refund_days": 90,
        "monthly_fee": D("10"),
        "monthly_fee_waived_at": D("50000"),
        "annual_fee": D("99"),
        "sim_fee_annual": D("48"),
        "sim_free_months": 12,
        "instant_available": None,
        "instant_percent": D("0.1"),
        "instant_fixed": D("3"),
        "promo_months": 3,
        "contract_months": 24,
        "early_termination_fee": D("300"),
    }
    assert (o.name, o.signed) == ("张经理报价", dt.date(2026, 12, 1))


def test_one_rate_for_the_cards_and_one_for_the_qr_codes_fill_what_is_left_empty():
    o = offer("offer_cards=0.55&offer_credit_card=0.6&offer_qr=0.38&offer_alipay=0.35")
    percent = {r.method: r.percent for r in o.rates}
    assert percent == {
        "debit_card": D("0.55"),
        "credit_card": D("0.6"),  # its own rate wins
        "wechat": D("0.38"),
        "alipay": D("0.35"),
        "unionpay_qr": D("0.38"),
    }  # contactless is neither a card nor a QR code: no rate, a term the offer leaves out


def test_the_link_is_written_back_in_a_fixed_order_without_empty_fields():
    o = offer("offer_name=A&offer_sim=48.00&offer_credit_card=0.60&offer_debit_card=&offer_qr=0.38")
    assert o.query == "offer_credit_card=0.6&offer_qr=0.38&offer_sim=48&offer_name=A"
    assert offer(o.query).query == o.query


def test_a_term_the_offer_does_not_state_is_priced_as_zero_but_known_as_not_stated():
    o = offer("offer_credit_card=0.6&offer_wechat=0.38")
    assert not o.stated("sim_fee_annual") and not o.stated("deposit")
    terms = o.terms
    assert (terms.sim_fee_annual, terms.deposit, terms.monthly_fee) == (0, 0, 0)
    assert terms.deposit_refund_volume is None and terms.instant_available is True


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("offer_credit_card=5.5", "offer_credit_card", "Enter a rate from 0 to 5 %, e.g. 0.6."),
        ("offer_credit_card=abc", "offer_credit_card", "Enter a rate from 0 to 5 %, e.g. 0.6."),
        ("offer_device=-1", "offer_device", "Enter an amount from 0 to 100,000,000 元."),
        ("offer_sim=100000", "offer_sim", "Enter an amount from 0 to 10,000 元."),
        (
            "offer_promo_months=61",
            "offer_promo_months",
            "Enter a whole number of months from 0 to 60.",
        ),
        ("offer_refund_days=0&offer_refund_volume=1", "offer_refund_days", link.MSG_DAYS),
        ("offer_name=" + "长" * 10000, "offer_name", link.MSG_NAME),
        ("offer_signed=2026-13-01", "offer_signed", link.MSG_SIGNED),
        (
            "offer_credit_card_cap=5&offer_credit_card_min=6",
            "offer_credit_card_cap",
            link.MSG_CAP_BELOW_MIN,
        ),
        ("offer_contactless_limit=1000", "offer_contactless_above", link.MSG_LIMIT_PAIR),
        ("offer_contactless_above=0.6", "offer_contactless_limit", link.MSG_LIMIT_PAIR),
        ("offer_refund_volume=100000", "offer_refund_days", link.MSG_REFUND_DAYS),
        ("offer_refund_days=90", "offer_refund_volume", link.MSG_REFUND_VOLUME),
        (
            "offer_refund_volume=0&offer_refund_days=90",
            "offer_refund_volume",
            link.MSG_REFUND_POSITIVE,
        ),
        ("offer_promo_wechat=0.2", "offer_promo_months", link.MSG_PROMO_MONTHS),
        ("offer_deposit=1e999999万", "offer_deposit", "Enter an amount from 0 to 100,000,000 元."),
    ],
)
def test_bad_input_is_reported_at_its_field(query, field, message):
    assert errors(f"offer_wechat=0.38&{query}") == {field: [str(message)]}


def test_errors_are_in_chinese_too():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert errors("offer_credit_card=9") == {
            "offer_credit_card": ["请输入 0 到 5% 之间的费率，例如 0.6。"]
        }


def test_an_offer_is_priced_by_the_engine_like_a_plan():
    # credit 0.45 %: 100 × 0.45 % = 0.45 元 × 150 = 67.50 a month; WeChat 0.38 %: 0.38 × 150 =
    # 57 a month; 124.50 × 12 = 1,494.00. The 199 元 deposit needs 100,000 within 90 days and the
    # merchant takes 30,000 × 90 / 30 = 90,000: not refunded, so 1,494 + 199 = 1,693.00.
    o = offer(
        "offer_credit_card=0.45&offer_wechat=0.38&offer_deposit=199"
        "&offer_refund_volume=100000&offer_refund_days=90"
    )
    e = estimate(o.terms, MERCHANT)
    assert e.supported
    assert (e.transaction_fees, e.total, e.one_off) == (D("1494.00"), D("1693.00"), D("199.00"))
    assert e.per_method == {"credit_card": D("810.00"), "wechat": D("684.00")}
    assert e.deposit_refunded is False


def test_introductory_rates_price_the_first_months():
    # Months 1–3: credit 0.38 % (0.38 × 150 = 57) + WeChat 57 = 114; months 4–12: 90 + 57 = 147.
    # 3 × 114 + 9 × 147 = 342 + 1,323 = 1,665.00.
    o = offer(
        "offer_credit_card=0.6&offer_wechat=0.38&offer_promo_credit_card=0.38&offer_promo_months=3"
    )
    e = estimate(o.terms, MERCHANT)
    assert e.total == D("1665.00")
    assert e.cumulative[2] == D("342.00") and e.cumulative[3] == D("489.00")


def test_an_offer_without_a_rate_for_a_method_the_merchant_takes_is_not_priced():
    e = estimate(offer("offer_credit_card=0.45").terms, MERCHANT)
    assert not e.supported and e.unsupported == ("wechat",) and e.total is None
