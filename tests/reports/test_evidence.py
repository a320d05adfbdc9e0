"""The arithmetic check of one payment and the text checks, by hand."""

from decimal import Decimal

import pytest

from reports import evidence

D = Decimal


@pytest.mark.parametrize(
    ("amount", "percent", "cap", "fee"),
    [
        # 1,000 元 at 0.60 %: 6.00 元.
        ("1000", "0.60", None, "6.00"),
        # 333.33 元 at 0.60 %: 1.99998 → 2.00 元 (0.01, half up).
        ("333.33", "0.60", None, "2.00"),
        # 125 元 at 0.38 %: 0.475 → 0.48 元 (half up, not to even).
        ("125", "0.38", None, "0.48"),
        # 5,000 元 debit at 0.50 % is 25 元, capped at 20 元.
        ("5000", "0.50", "20", "20.00"),
    ],
)
def test_a_payment_adds_up_to_the_fen(amount, percent, cap, fee):
    cap_value = D(cap) if cap else None
    assert evidence.fee_of(D(amount), D(percent), cap_value) == D(fee)
    assert evidence.payment_adds_up(D(amount), D(fee), D(percent), cap_value)
    assert not evidence.payment_adds_up(D(amount), D(fee) + D("0.01"), D(percent), cap_value)


def test_a_payment_of_nothing_proves_nothing():
    assert not evidence.payment_adds_up(D("0"), D("0.00"), D("0.6"))


@pytest.mark.parametrize(
    "text",
    [
        "call me 13912345678",
        "card 6222 0212 3456 7890 123",
        "商户号 898440153990123",
        "身份证 11010519491231002X",
    ],
)
def test_numbers_that_identify_a_merchant_are_found(text):
    assert evidence.identifying(text)


@pytest.mark.parametrize("text", ["费率从0.60涨到0.68", "押金299元没退", "2025年10月起"])
def test_ordinary_notes_pass(text):
    assert not evidence.identifying(text)
    assert not evidence.has_link(text)


@pytest.mark.parametrize("text", ["see https://x.example", "www.pos.cn", "加 shop.top 领机"])
def test_links_are_found(text):
    assert evidence.has_link(text)
