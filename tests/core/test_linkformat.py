"""Amounts as merchants write them (万, 千, 亿) and the ones no amount can be (huge exponents)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.linkformat import Invalid, Number

VOLUME = Number("volume", "bad volume", low=Decimal(0), high=Decimal(100_000_000))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3万", Decimal(30_000)),
        ("1.5万", Decimal(15_000)),
        ("5千", Decimal(5_000)),
        ("5千元", Decimal(5_000)),
        ("0.5亿", Decimal(50_000_000)),
        ("1 亿", Decimal(100_000_000)),
        ("３万", Decimal(30_000)),  # full-width digit
        ("30,000", Decimal(30_000)),
    ],
)
def test_chinese_units(text, expected):
    assert VOLUME.clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1e999999万",
        "1e999999千",
        "1e999999亿",
        "-1e999999万",
        "1e-999999万",
        "9.9E+999999999亿",
        "1e17万",  # 10^21 元: more digits than a money column holds
        "2亿",  # above the field's bound
        "万",
        "亿亿",
        "3万万",
    ],
)
def test_huge_or_malformed_amounts_are_invalid_not_an_overflow(text):
    with pytest.raises(Invalid):
        VOLUME.clean(text)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1e999999万", "1e999999千", "-1e999999亿"])
def test_huge_exponent_with_a_unit_is_a_400_with_the_fields_message(client, value):
    zh = client.get("/calculator/", {"volume": value})
    assert zh.status_code == 400
    assert "请输入 0 到 100,000,000 元之间的月流水" in zh.text
    en = client.get("/en/compare/", {"volume": value})
    assert en.status_code == 400
    assert "Enter a monthly volume from 0 to 100,000,000" in en.text


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["ticket", "offer_deposit", "offer_monthly", "rise_fixed"])
@pytest.mark.parametrize("path", ["/calculator/", "/compare/", "/calculator/offer/"])
def test_every_money_field_refuses_huge_exponents(client, field, path):
    response = client.get(path, {field: "1e999999万", "rise": "0.1"})
    assert response.status_code == 400
