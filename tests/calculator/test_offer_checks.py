"""What an offer means for the merchant: findings, questions, reminders, the calendar file.

The market is two plans (alpha: credit 0.60 %, WeChat 0.38 %; bravo: credit 0.55 %, WeChat
0.38 %); the merchant takes 150 credit and 150 WeChat payments of 100 元 a month (30,000 元),
12 months, T+1. Every amount below is worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import icalendar
import pytest
from django.utils import translation

from calculator.engine import PlanTerms, Rate, estimate
from calculator.forms import RateRise
from calculator.offer_checks import add_months, calendar, check_offer, questions, reminders
from tests.examples import HALF_CREDIT_HALF_WECHAT, offer_from

D = Decimal
pytestmark = pytest.mark.usefixtures("english")

MERCHANT = HALF_CREDIT_HALF_WECHAT
ALPHA = PlanTerms(rates={"credit_card": Rate(D("0.60")), "wechat": Rate(D("0.38"))}, key=1)
BRAVO = PlanTerms(rates={"credit_card": Rate(D("0.55")), "wechat": Rate(D("0.38"))}, key=2)


offer = offer_from


def findings(query: str, rise: RateRise | None = None):
    o = offer(query)
    e = estimate(o.terms, MERCHANT)
    cheapest = ("Bravo", estimate(BRAVO, MERCHANT))  # 82.50 + 57 = 139.50 × 12 = 1,674.00
    return o, check_offer(
        o, profile=MERCHANT, estimate_=e, plans=[ALPHA, BRAVO], cheapest=cheapest, rise=rise
    )


def by_code(found):
    result: dict[str, list] = {}
    for f in found:
        result.setdefault(f.code, []).append(f)
    return result


LOW = (
    "offer_credit_card=0.45&offer_wechat=0.38&offer_deposit=199&offer_refund_volume=100000"
    "&offer_refund_days=90&offer_signed=2026-12-01"
)


def test_a_rate_below_the_cost_floor_and_what_a_rise_to_the_market_would_cost():
    _o, found = findings(LOW)
    (floor,) = by_code(found)["below_cost_floor"]
    assert floor.term == "credit_card"
    # The market's typical credit rate here is alpha's 0.60 %: 0.60 − 0.45 = 0.15 元 more on each
    # of 150 payments a month = 22.50 × 12 = 270.00.
    assert floor.amount == D("270.00")
    assert "0.4825%" in floor.text and "跳码" in floor.text and "270 元" in floor.text


def test_a_deposit_not_refunded_at_the_merchants_volume_is_lost():
    _o, found = findings(LOW)
    (deposit,) = by_code(found)["deposit_forfeited"]
    # 30,000 × 90 / 30 = 90,000 within 90 days, short of the 100,000 the rule needs.
    assert deposit.amount == D("199")
    assert "90,000 元" in deposit.text and "100,000 元" in deposit.text


def test_a_deposit_the_merchant_gets_back_says_in_which_month():
    _o, found = findings(
        "offer_credit_card=0.6&offer_wechat=0.38&offer_deposit=99&offer_refund_volume=50000"
        "&offer_refund_days=90"
    )
    (refunded,) = by_code(found)["deposit_refunded"]
    # 90,000 ≥ 50,000 within 90 days; 50,000 is reached in month ⌈50,000 / 30,000⌉ = 2.
    assert refunded.level == "info" and refunded.title == "Deposit refunded in month 2"


def test_every_term_the_offer_leaves_out_is_a_missing_term():
    _o, found = findings(LOW)
    missing = [f.term for f in by_code(found)["missing_term"]]
    assert missing == ["sim_fee_annual", "instant_fixed", "monthly_fee", "contract_months"]


def test_a_method_the_merchant_takes_without_a_rate_is_missing_not_free():
    _o, found = findings("offer_credit_card=0.6")
    assert by_code(found)["missing_term"][0].term == "wechat"


def test_zero_on_cards_is_the_myth():
    _o, found = findings("offer_credit_card=0&offer_wechat=0.38")
    codes = by_code(found)
    assert [f.term for f in codes["zero_rate"]] == ["credit_card"]
    assert "below_cost_floor" in codes  # 0 % is below the floor too


ABOVE = (
    "offer_credit_card=0.6&offer_wechat=0.38&offer_promo_credit_card=0.38&offer_promo_months=3"
    "&offer_sim=99&offer_sim_free=0&offer_instant_fixed=5&offer_deposit=99"
    "&offer_contract_months=24&offer_etf=300&offer_signed=2026-01-31"
)


def test_fees_above_the_market_range():
    _o, found = findings(ABOVE)
    above = {f.term: f for f in by_code(found)["above_market"]}
    # SIM 99 元 a year against the 60 元 top of the common range, charged once in 12 months.
    assert above["sim_fee_annual"].amount == D("39")
    # 5 元 a settlement against 3 元; the merchant settles T+1, so nothing over the horizon.
    assert above["instant_fixed"].amount is None
    # Credit 0.60 %: one of the two plans charges less, not most of them.
    assert "credit_card" not in above


def test_a_method_dearer_than_most_plans():
    _o, found = findings("offer_credit_card=0.7&offer_wechat=0.38")
    (credit,) = [f for f in by_code(found)["above_market"] if f.term == "credit_card"]
    # 0.70 元 a payment against a median of (0.55 + 0.60) / 2 = 0.575: 0.125 × 150 × 12 = 225.
    assert credit.amount == D("225.000")
    assert "2 of the 2 plans" in credit.text


def test_the_end_of_the_introductory_rates():
    _o, found = findings(ABOVE)
    (promo,) = by_code(found)["promo_ends"]
    # Months 1–3: 57 + 57 = 114 a month; then 90 + 57 = 147: 33 more in each of 9 months = 297.
    assert promo.amount == D("297")
    assert "114 元" in promo.text and "147 元" in promo.text


def test_the_stress_test_applies_after_the_promotion():
    _o, found = findings(ABOVE, rise=RateRise(after_month=3, add_percent=D("0.3")))
    (promo,) = by_code(found)["promo_ends"]
    # From month 4 every rate is 0.3 points higher: 0.30 元 × 300 payments × 9 months = 810.
    assert "810 元" in promo.text


def test_a_deposit_without_a_refund_rule_is_lost_and_the_rule_is_asked_for():
    o, found = findings(ABOVE)
    codes = by_code(found)
    assert codes["deposit_forfeited"][0].amount == D("99")
    assert "deposit_refund_volume" in [f.term for f in codes["missing_term"]]
    asked = [local for _zh, local in questions(o, found)]
    assert "Is the deposit refunded automatically" in asked[1]


def test_the_early_termination_fee_against_switching():
    _o, found = findings(ABOVE)
    (etf,) = by_code(found)["etf"]
    # The offer: 3 × 114 + 9 × 147 = 1,665 + SIM 99 + deposit 99 = 1,863; bravo 1,674: switching
    # would save 189 元 over 12 months, less than the 300 元 fee.
    assert etf.amount == D("300")
    assert "more than the 189 元 that Bravo would save" in etf.text


def test_questions_are_in_chinese_and_in_the_pages_language():
    o, found = findings(LOW)
    asked = questions(o, found)
    assert asked[0] == (
        "这是标准类商户的费率吗？交易会不会被发到其他商户类别（跳码）？",
        "Is this the rate for a standard-class merchant? Will payments be sent under another "
        "merchant category (跳码)?",
    )
    assert asked[1][0] == "流量费第几个月开始扣、每年扣几次、每次多少？"
    assert asked[-1][0] == "费率调整提前多久通知？通过什么方式通知？"  # always asked
    with translation.override("zh-hans"):
        chinese, local = questions(o, found)[0]
    assert chinese == local


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_reminders_are_the_dates_that_cost_money():
    o = offer(ABOVE)
    items = reminders(o, MERCHANT)
    # SIM from the signing day (no free months), every year of the 24-month contract (twice);
    # the promotion ends 3 months after 2026-01-31, on 2026-04-30; the contract on 2028-01-31.
    assert [(r.key, r.day, r.yearly) for r in items] == [
        ("sim", dt.date(2026, 1, 31), 2),
        ("promo", dt.date(2026, 4, 30), 0),
        ("contract", dt.date(2028, 1, 31), 0),
    ]
    low = reminders(offer(LOW), MERCHANT)
    # Day 1 is 2026-12-01, so day 90 is 2027-02-28.
    assert [(r.key, r.day) for r in low] == [("deposit", dt.date(2027, 2, 28))]
    assert "90,000 元" in low[0].text


def test_no_signing_day_no_reminders():
    assert reminders(offer("offer_credit_card=0.6&offer_deposit=99"), MERCHANT) == []


def test_the_calendar_file_holds_one_event_per_date():
    o = offer(ABOVE)
    stamp = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    body = calendar(o, reminders(o, MERCHANT), url="https://pos.example/offer", stamp=stamp)
    cal = icalendar.Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [
        dt.date(2026, 1, 31),
        dt.date(2026, 4, 30),
        dt.date(2028, 1, 31),
    ]
    assert events[0]["rrule"] == {"FREQ": ["YEARLY"], "COUNT": [2]}
    assert "SIM data fee" in str(events[0]["summary"])
    assert len({str(e["uid"]) for e in events}) == 3
    assert all(list(e.walk("VALARM")) for e in events)
    assert b"https://pos.example/offer" in body
