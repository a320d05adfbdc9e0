"""The profile form: link-format names, defaults, bounds, messages in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import translation

from calculator import forms
from calculator.forms import ProfileForm, RateRise
from catalog.profile import PRESETS

pytestmark = pytest.mark.usefixtures("english")


def D(value: str) -> Decimal:
    return Decimal(value)


def bound(query: str | dict) -> ProfileForm:
    data = QueryDict(query) if isinstance(query, str) else query
    return ProfileForm.from_query(data)


def test_empty_query_takes_the_defaults_shown_on_the_form():
    form = bound("")
    assert form.is_valid(), form.errors
    profile = form.profile()
    assert profile.monthly_volume == D("30000")
    assert profile.months == 12
    assert profile.instant_settlement is False
    assert profile.settlements_per_month == 30
    # Retail: 25/25/22/18/5/5 percent, typical payment 120 元.
    assert dict(profile.mix) == {
        "debit_card": D("0.25"),
        "credit_card": D("0.25"),
        "wechat": D("0.22"),
        "alipay": D("0.18"),
        "unionpay_qr": D("0.05"),
        "contactless": D("0.05"),
    }
    assert profile.average_ticket == D("120")
    assert form.query() == "volume=30000&months=12&settlement=t1&preset=retail"
    # The defaults are what the form shows.
    assert form["volume"].value() == "30000"
    assert form["months"].value() == "12"
    assert form.shown == {"preset": "retail", "settlement": "t1", "rise": ""}


def test_every_link_format_field_is_read():
    form = bound(
        "volume=50000&ticket=300&months=24&settlement=instant&spm=60&preset=wholesale"
        "&ticket_wechat=45&unknown=ignored"
    )
    assert form.is_valid(), form.errors
    p = form.profile()
    assert (p.monthly_volume, p.average_ticket, p.months) == (D("50000"), D("300"), 24)
    assert (p.instant_settlement, p.settlements_per_month) == (True, 60)
    assert p.mix["debit_card"] == D("0.45")  # wholesale: 45 % debit
    assert dict(p.average_tickets) == {"wechat": D("45")}
    assert p.ticket("wechat") == D("45") and p.ticket("credit_card") == D("300")
    assert form.query() == (
        "volume=50000&ticket=300&months=24&settlement=instant&spm=60&preset=wholesale"
        "&ticket_wechat=45"
    )


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_each_preset_sums_to_100_and_uses_its_typical_ticket(preset):
    form = bound({"preset": preset})
    assert form.is_valid()
    p = form.profile()
    assert sum(p.mix.values()) == 1
    assert p.average_ticket == PRESETS[preset].average_ticket


def test_merchant_style_numbers_are_understood():
    form = bound({"volume": "3.5万", "ticket": "1,200元", "mix_wechat": "60%", "mix_alipay": "40"})
    assert form.is_valid(), form.errors
    p = form.profile()
    assert p.monthly_volume == D("35000")
    assert p.average_ticket == D("1200")
    assert dict(p.mix) == {"wechat": D("0.6"), "alipay": D("0.4")}


def test_custom_mix_without_preset_is_used_and_linked_without_preset():
    form = bound("mix_credit_card=50&mix_wechat=50")
    assert form.is_valid()
    assert form.is_custom
    assert form.profile().average_ticket == D("100")  # the custom default, shown as placeholder
    assert form.query() == "volume=30000&months=12&settlement=t1&mix_credit_card=50&mix_wechat=50"


def test_named_preset_ignores_mix_fields():
    form = bound("preset=restaurant&mix_credit_card=100")
    assert form.is_valid()
    assert form.profile().mix["wechat"] == D("0.4")
    assert "mix_" not in form.query()


@pytest.mark.parametrize(
    ("query", "total"),
    [("mix_credit_card=60", "60"), ("preset=custom&mix_wechat=70&mix_alipay=40.5", "110.5")],
)
def test_custom_mix_must_total_100(query, total):
    form = bound(query)
    assert not form.is_valid()
    assert form.mix_errors == [f"Your custom mix must total 100 %; it totals {total} %."]


def test_custom_preset_with_nothing_entered_is_an_error():
    form = bound("preset=custom")
    assert not form.is_valid()
    assert form.mix_errors == ["Your custom mix must total 100 %; it totals 0 %."]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("volume", "-1", forms.MSG_VOLUME),
        ("volume", "100000000.01", forms.MSG_VOLUME),
        ("volume", "abc", forms.MSG_VOLUME),
        ("volume", "NaN", forms.MSG_VOLUME),
        ("volume", "1e400", forms.MSG_VOLUME),
        ("volume", "万", forms.MSG_VOLUME),
        ("volume", "1.234", forms.MSG_VOLUME),
        ("ticket", "0", forms.MSG_TICKET),
        ("ticket", "1000000.01", forms.MSG_TICKET),
        ("ticket_wechat", "0.001", forms.MSG_TICKET),
        ("months", "0", forms.MSG_MONTHS),
        ("months", "61", forms.MSG_MONTHS),
        ("months", "12.5", forms.MSG_MONTHS),
        ("settlement", "d0", forms.MSG_SETTLEMENT),
        ("spm", "0", forms.MSG_SPM),
        ("spm", "10001", forms.MSG_SPM),
        ("preset", "cafe", forms.MSG_PRESET),
        ("mix_wechat", "101", forms.MSG_MIX_PERCENT),
        ("rise", "0.2", forms.MSG_RISE),
        ("rise_to", "11", forms.MSG_RISE_TO),
        ("rise_fixed", "-3", forms.MSG_RISE_FIXED),
        ("rise_after", "60", forms.MSG_RISE_AFTER),
    ],
)
def test_out_of_bounds_values_are_reported_on_their_field(field, value, message):
    form = bound({field: value})
    assert not form.is_valid()
    assert form.errors[field] == [str(message)]


def test_boundaries_are_accepted():
    form = bound(
        {"volume": "100000000", "ticket": "0.01", "months": "60", "spm": "10000", "rise_after": "0"}
    )
    assert form.is_valid(), form.errors
    form = bound({"volume": "0", "ticket": "1000000", "months": "1"})
    assert form.is_valid(), form.errors
    assert form.profile().monthly_volume == 0


def test_messages_are_in_chinese_too():
    with translation.override("zh-hans"):
        form = bound({"volume": "abc", "months": "99"})
        assert not form.is_valid()
        assert form.errors["volume"] == [
            "请输入 0 到 100,000,000 元之间的月流水，例如 30000 或 3万。"
        ]
        assert form.errors["months"] == ["请输入 1 到 60 之间的整数月数。"]
    with translation.override("en"):
        assert bound({"months": "99"}).errors["months"] == [
            "Enter a whole number of months from 1 to 60."
        ]


def test_cleared_field_takes_its_default_and_shows_it_as_placeholder():
    form = bound({"volume": "", "ticket": "", "preset": "small_shop"})
    assert form.is_valid()
    assert form.profile().monthly_volume == D("30000")
    assert form.profile().average_ticket == D("40")  # small shop's typical payment
    assert 'placeholder="30000"' in str(form["volume"])
    assert 'placeholder="40"' in str(form["ticket"])
    assert "volume" not in form.query()


def test_invalid_input_is_kept_for_re_display():
    form = bound({"volume": "30000x"})
    assert not form.is_valid()
    assert 'value="30000x"' in str(form["volume"])
    assert 'aria-invalid="true"' in str(form["volume"])


# --------------------------------------------------------------------------- rate rise


def test_no_rise_by_default():
    assert bound("").rate_rise() is None


def test_rise_by_points_after_month():
    form = bound("rise=0.3&rise_after=6")
    assert form.is_valid()
    assert form.rate_rise() == RateRise(after_month=6, add_percent=D("0.3"))
    assert form.query().endswith("rise=0.3&rise_after=6")


def test_rise_to_a_chosen_rate_plus_fixed_fee():
    form = bound("rise=custom&rise_to=1.5&rise_fixed=3&rise_after=3")
    assert form.is_valid()
    assert form.rate_rise() == RateRise(after_month=3, to_percent=D("1.5"), fixed=D("3"))


def test_custom_rise_needs_a_rate():
    form = bound("rise=custom")
    assert not form.is_valid()
    assert form.errors["rise_to"] == [str(forms.MSG_RISE_TO_REQUIRED)]


def test_rise_must_start_within_the_horizon():
    form = bound("rise=0.1&months=6&rise_after=6")
    assert not form.is_valid()
    assert form.errors["rise_after"] == ["The rise must start within your 6 months: enter 0 to 5."]


def test_rise_settings_without_a_rise_are_left_out_of_the_link():
    form = bound("rise=&rise_to=2&rise_after=4")
    assert form.is_valid()
    assert form.rate_rise() is None
    assert "rise" not in form.query()


# --------------------------------------------------------------------------- pins


def test_pins_are_read_from_repeated_parameters():
    form = bound("pin=7&pin=3&pin=7&pin=x&pin=-1")
    assert form.is_valid()
    assert form.pins == (7, 3)
    assert form.query().endswith("pin=7&pin=3")


def test_too_many_pins_keep_the_first_five_and_say_so():
    form = bound("&".join(f"pin={n}" for n in range(1, 9)))
    assert form.is_valid()
    assert form.pins == (1, 2, 3, 4, 5)
    assert form.pin_notice == "Only 5 plans can be pinned to the chart; the others were left out."


def test_plain_mapping_is_accepted():
    form = ProfileForm.from_query({"volume": "1000", "preset": "retail"})
    assert form.is_valid()
    assert form.profile().monthly_volume == D("1000")
    assert form.profile_label() == "1,000 元 a month · Retail · 12 months"


def test_pin_with_unicode_digits_is_ignored_not_a_crash():
    # "¹".isdigit() is True in Python but int("¹") fails: found by the fuzz test.
    from django.http import QueryDict

    from calculator.forms import ProfileForm

    form = ProfileForm.from_query(QueryDict("pin=¹&pin=٣&pin=7"))
    assert form.is_valid()
    assert form.pins == (7,)


def test_text_input_markup_matches_djangos_template():
    """The Python-rendered input gives the same markup as Django's widget template."""
    from django import forms as django_forms

    from calculator.forms import TextInput

    attrs = {"inputmode": "decimal", "autocomplete": "off", "aria-invalid": True, "hidden": False}
    for value in (None, "", "5万", '"><script>', 12):
        ours = TextInput(attrs=attrs).render("volume", value, {"id": "id_volume"})
        django = django_forms.TextInput(attrs=attrs).render("volume", value, {"id": "id_volume"})
        assert ours == django, value
