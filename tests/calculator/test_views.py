"""The calculator page: full page and htmx fragment, errors, query budget, stress test."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from catalog.models import Product
from tests.examples import PROFILE_QUERY as PROFILE
from tests.factories import make_alpha_bravo, make_brand, make_plan, make_product

pytestmark = pytest.mark.django_db

URL = "/en/calculator/"
HX = {"HX-Request": "true"}
# 30,000 元 a month, half credit card, half WeChat, 100 元 a payment: 150 payments of each.


@pytest.fixture
def shop():
    """Three plans, with their costs for PROFILE worked out by hand:

    A: credit 0.60 % (150 × 0.60 = 90 a month), WeChat 0.38 % (150 × 0.38 = 57): 147 a month,
       × 12 = 1,764; SIM 60 元 in month 1; deposit 99 refunded (30,000 × 90 / 30 ≥ 50,000) in
       month 2 → total 1,824.00, effective 1,824 / 360,000 = 0.5067 %, 152.00 a month.
    B: credit 0.55 % (82.50) + WeChat 57 = 139.50 a month × 12 = 1,674; monthly fee 10 × 12 =
       120; device 199 → total 1,993.00, one-off 199.00.
    C: a QR plate without card rates: cannot serve this merchant.
    """
    a, b = make_alpha_bravo()
    brand = a.product.brand
    c = make_plan(
        make_product(brand, name="码牌", name_en="QR plate", slug="plate"),
        rates={"wechat": "0.38"},
    )
    return a, b, c


def test_page_ranks_every_current_plan(client, shop):
    a, b, c = shop
    response = client.get(f"{URL}?{PROFILE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Alpha") < html.index("Bravo")  # cheapest first
    for figure in ("1,824.00", "0.5067%", "152.00", "1,993.00", "199.00"):
        assert figure in html
    assert "Deposit 99 元, refunded in month 2" in html
    assert "No deposit" in html
    assert "market estimate</span>" in html  # B is an estimate
    assert "checked 2026-01-01" in html and 'href="https://example.com/source"' in html
    # C is listed apart, with the reason.
    unsupported = html[html.index('id="unsupported-heading"') :]
    assert "QR plate" in unsupported and "Does not accept Credit card" in unsupported
    # The working is loaded when a card's "show the working" opens (htmx), or written out for
    # the plan named by ``working=`` (the link that does the same without JavaScript).
    assert "150 payments a month" not in html
    query = "volume=30000&amp;ticket=100&amp;months=12&amp;settlement=t1&amp;mix_credit_card=50"
    assert f'hx-get="/en/calculator/working/?{query}&amp;mix_wechat=50&amp;plan={a.pk}"' in html
    assert f"&amp;plan={a.pk}" in html and f"&amp;working={a.pk}#plan-{a.pk}" in html
    # The chart and its table.
    assert '<svg class="chart-svg"' in html and "The chart as a table" in html
    assert 'stroke="#0072B2"' in html
    # A real GET form that works without JavaScript, and htmx on top of it.
    assert 'method="get" action="/en/calculator/"' in html
    assert 'hx-get="/en/calculator/"' in html
    assert 'hx-trigger="keyup changed delay:400ms, change, submit"' in html
    assert 'hx-push-url="true"' in html
    for name in (
        "volume",
        "ticket",
        "months",
        "settlement",
        "spm",
        "preset",
        "mix_alipay",
        "ticket_wechat",
        "rise",
        "rise_to",
        "rise_fixed",
        "rise_after",
        "pin",
    ):
        assert f'name="{name}"' in html
    assert 'aria-current="page">Calculator</a>' in html


def test_page_in_chinese(client, shop):
    html = client.get(f"/calculator/?{PROFILE}").content.decode()
    assert "押金 99 元，第 2 个月退还" in html
    assert "零售" in html and "借记卡 25%" in html  # presets show the split they stand for


def test_presets_show_their_percentages(client, shop):
    html = client.get(URL).content.decode()
    assert "Debit card 45% · Credit card 35% · WeChat Pay 8%" in html  # wholesale
    assert "typical payment 3,000 元" in html


def test_htmx_fragment_and_pushed_link(client, shop):
    response = client.get(f"{URL}?{PROFILE}&rise=", headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="calc-results"')
    assert "<html" not in html and "1,824.00" in html
    assert response["HX-Push-Url"] == (
        "/en/calculator/?volume=30000&ticket=100&months=12&settlement=t1"
        "&mix_credit_card=50&mix_wechat=50"
    )
    assert "HX-Request" in response["Vary"]
    # Field errors travel out of band, so the inputs being typed in are never replaced.
    assert '<div id="error-volume" class="field-errors" hx-swap-oob="true"></div>' in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("volume=abc", "volume", "Enter a monthly volume from 0 to 100,000,000 元"),
        ("volume=200000000", "volume", "Enter a monthly volume from 0 to 100,000,000 元"),
        ("ticket=0", "ticket", "Enter an average ticket from 0.01 to 1,000,000 元."),
        ("months=0", "months", "Enter a whole number of months from 1 to 60."),
        ("months=61", "months", "Enter a whole number of months from 1 to 60."),
        ("settlement=d0", "settlement", "Choose T+1 or instant settlement."),
        ("preset=cafe", "preset", "Choose one of the kinds of business listed"),
        ("mix_wechat=70", "mix", "Your custom mix must total 100 %; it totals 70 %."),
        ("rise=custom", "rise_to", "Enter the rate the plans rise to."),
    ],
)
def test_bad_query_strings_show_the_form_with_errors(client, shop, query, field, message):
    page = client.get(f"{URL}?{query}")
    assert page.status_code == 400
    html = page.content.decode()
    holder = html[html.index(f'id="error-{field}"') :][:400]
    assert message in holder
    assert "Some of your entries need correcting" in html
    assert '<form id="calc-form"' in html  # the page itself still renders
    fragment = client.get(f"{URL}?{query}", headers=HX)
    assert fragment.status_code == 400
    text = fragment.content.decode()
    assert f'id="error-{field}" class="field-errors" hx-swap-oob="true"><ul' in text
    assert message in text


def test_what_was_typed_is_kept(client, shop):
    response = client.get(f"{URL}?volume=30000x&months=12&pin=5")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="30000x"' in html
    assert '<input type="hidden" name="pin" value="5">' in html  # pins survive the error
    fragment = client.get(f"{URL}?volume=30000x&ticket=&pin=5", headers=HX)
    assert fragment["HX-Push-Url"] == "/en/calculator/?volume=30000x&pin=5"


def test_user_input_is_escaped(client, shop):
    html = client.get(f"{URL}?volume=<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        "volume=1e999999",
        "volume=-0",
        "volume=%00",
        "volume=%E2%80%8B",
        "volume=Infinity",
        "volume=万万",
        "ticket=1e-999999",
        "months=1e9",
        "months=99999999999999999999999",
        "spm=-5",
        "mix_wechat=NaN&preset=custom",
        "mix_wechat=1e999&mix_alipay=-1e999",
        "preset=",
        "preset=custom&mix_wechat=100&ticket_wechat=0.001",
        "rise=0.3&rise_after=-1",
        "rise=custom&rise_to=snan",
        "pin=1e3&pin=%F0%9F%98%80&pin=99999999999999999999",
        "volume=1&volume=2",
        "settlement=instant&spm=",
        "volume=0&months=60&settlement=instant&spm=10000&rise=0.5&rise_after=59",
    ],
)
def test_never_a_500(client, shop, query):
    for headers in ({}, HX):
        response = client.get(f"{URL}?{query}", headers=headers)
        assert response.status_code in (200, 400), query


def test_zero_volume_has_no_effective_rate(client, shop):
    html = client.get(f"{URL}?volume=0&mix_credit_card=50&mix_wechat=50").content.decode()
    # A: only the SIM fee (60) and the deposit, which is not refunded at zero volume: 159.
    assert "159.00" in html
    assert "—" in html


def test_rate_rise_stress_test(client, shop):
    html = client.get(f"{URL}?{PROFILE}&rise=0.3&rise_after=3").content.decode()
    # A after month 3: credit 0.90 % → 135, WeChat 0.68 % → 102: 237 a month.
    # 3 × 147 + 9 × 237 = 2,574, + SIM 60 = 2,634.00 (810.00 more).
    assert "If rates rise: <strong>2,634.00 元</strong> (+810.00 元)" in html
    # B after month 3: 127.50 + 102 = 229.50; 3 × 139.50 + 9 × 229.50 = 2,484 + 319 = 2,803.
    assert "If rates rise: <strong>2,803.00 元</strong> (+810.00 元)" in html
    assert "Every rate rises by 0.3 percentage points after month 3." in html
    assert "涨价预警" in html  # the control says why it is there


def test_rate_rise_to_a_chosen_rate_and_fixed_fee(client, shop):
    html = client.get(
        f"{URL}?{PROFILE}&rise=custom&rise_to=1.5&rise_fixed=3&rise_after=0"
    ).content.decode()
    # From month 1 every payment costs 100 × 1.5 % + 3 = 4.50: 300 payments × 4.50 × 12 =
    # 16,200. A: + 60 SIM = 16,260.00; B: + 120 + 199 = 16,519.00.
    assert "If rates rise: <strong>16,260.00 元</strong>" in html
    assert "If rates rise: <strong>16,519.00 元</strong>" in html
    assert "Every rate rises to 1.50% plus 3 元 a payment after month 0." in html


def test_pins_are_checked_and_charted(client, shop):
    a, b, _c = shop
    html = client.get(f"{URL}?{PROFILE}&pin={b.pk}").content.decode()
    assert f'name="pin" value="{b.pk}" checked' in html
    assert f'name="pin" value="{a.pk}">' in html
    assert f"pin={b.pk}" in html  # in the link to these results


def test_plans_not_in_force_or_discontinued_are_left_out(client, shop):
    make_plan(
        make_product(name_en="Old", slug="old"),
        rates={"credit_card": "0.1", "wechat": "0.1"},
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2021, 1, 1),
    )
    gone = make_product(name_en="Gone", slug="gone", status=Product.Status.DISCONTINUED)
    make_plan(gone, rates={"credit_card": "0.1", "wechat": "0.1"})
    html = client.get(f"{URL}?{PROFILE}").content.decode()
    assert "Old" not in html and "Gone" not in html


def make_many_plans(count: int) -> None:
    brands = [make_brand() for _ in range(5)]
    for i in range(count):
        product = make_product(brands[i % 5])
        make_plan(
            product,
            rates={
                "credit_card": str(Decimal("0.50") + Decimal(i % 20) / 100),
                "wechat": "0.38",
                "debit_card": {"percent": "0.50", "cap": "20"},
            },
            deposit="99" if i % 2 else "0",
            deposit_refund_volume="50000" if i % 2 else None,
            deposit_refund_days=90 if i % 2 else None,
        )


@pytest.mark.parametrize("count", [10, 200])
def test_query_count_does_not_grow_with_plans(client, count, django_assert_max_num_queries):
    make_many_plans(count)
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(3):  # plans with product and brand; their rates
        response = client.get(f"{URL}?{PROFILE}&pin=3")
    assert response.status_code == 200
    assert response.content.decode().count('class="plan-card') == count
    with django_assert_max_num_queries(2):
        assert client.get(f"{URL}?{PROFILE}", headers=HX).status_code == 200


def test_error_summary_links_to_each_field(client, shop):
    html = client.get(f"{URL}?months=0&preset=custom&mix_wechat=abc").content.decode()
    summary = html[html.index('class="error-summary"') :]
    assert (
        '<a href="#id_months">Months to compare</a>: Enter a whole number of months from 1 to 60.'
        in summary
    )
    assert (
        '<a href="#id_mix_wechat">Custom mix (%) · WeChat Pay</a>: '
        "Enter a percentage from 0 to 100." in summary
    )


def test_working_written_out_for_the_plan_asked_for(client, shop):
    a, b, _c = shop
    html = client.get(f"{URL}?{PROFILE}&working={a.pk}").content.decode()
    card_a = html[html.index(f'id="plan-{a.pk}"') : html.index(f'id="plan-{b.pk}"')]
    assert '<details class="working" open>' in card_a
    assert "30,000 元 × 50% ÷ 100 元 = 150 payments a month" in card_a
    assert "150 × 0.60 元 × 12 months = 1,080 元" in card_a
    assert html.count('<details class="working" open>') == 1  # B's stays closed
    # Nonsense in ``working`` is ignored, never an error.
    for value in ("x", "-1", "９", "1" * 30, ""):
        response = client.get(f"{URL}?{PROFILE}&working={value}")
        assert response.status_code == 200
        assert "150 payments a month" not in response.content.decode()


def test_working_fragment(client, shop):
    a, b, c = shop
    url = "/en/calculator/working/"
    response = client.get(f"{url}?{PROFILE}&plan={b.pk}", headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<ul class="working-lines">')
    # B: credit 150 × 0.55 元 × 12 = 990 元; device 199 元; monthly fee 10 × 12 = 120 元.
    assert "150 × 0.55 元 × 12 months = 990 元" in html
    assert "199.00 元" in html and "120.00 元" in html
    assert "1,993.00 元" in html  # the total line
    # Unknown plan → 404; a plan that cannot serve the profile or a bad profile → 400; both
    # answer a short message in the card, not an error page.
    for query, status in (
        (f"{PROFILE}&plan=999999", 404),
        (f"{PROFILE}&plan=abc", 404),
        (f"{PROFILE}&plan={c.pk}", 400),
        (f"volume=-5&plan={a.pk}", 400),
    ):
        response = client.get(f"{url}?{query}", headers=HX)
        assert response.status_code == status, query
        assert "not available for these entries" in response.content.decode()
    # Outside htmx: the calculator page with that plan's working written out.
    response = client.get(f"{url}?{PROFILE}&plan={b.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?{PROFILE}&working={b.pk}#plan-{b.pk}"
