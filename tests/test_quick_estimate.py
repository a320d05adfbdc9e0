"""The home page's quick estimate: monthly volume + kind of business → the three cheapest."""

from __future__ import annotations

import pytest

from tests.factories import make_plan, make_product

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@pytest.fixture
def plans():
    """Four plans taking every method a preset uses, at a flat rate each.

    Restaurant preset at 10,000 元 a month, 80 元 a payment: 125 payments a month. One payment
    costs 80 × p %, rounded to the fen: 0.38 % → 0.304 → 0.30 (37.50 a month, 450.00 a year),
    0.50 % → 0.40 (50.00, 600.00), 0.55 % → 0.44 (55.00, 660.00), 0.60 % → 0.48 (60.00).
    """
    methods = ("debit_card", "credit_card", "wechat", "alipay", "unionpay_qr", "contactless")
    made = []
    for name, rate in (("Fifty", "0.50"), ("Sixty", "0.60"), ("Cheap", "0.38"), ("Mid", "0.55")):
        product = make_product(name_en=name, slug=name.lower())
        made.append(make_plan(product, rates=dict.fromkeys(methods, rate)))
    return made


def test_home_shows_the_three_cheapest(client, plans, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # brands; plans (product, brand); their rates
        response = client.get("/en/?volume=10000&preset=restaurant")
    assert response.status_code == 200
    html = response.content.decode()
    quick = html[html.index('id="quick-results"') :]
    assert quick.index("Cheap") < quick.index("Fifty") < quick.index("Mid")
    assert "Sixty" not in quick  # only three
    for figure in ("37.50", "450.00", "50.00", "600.00", "55.00", "660.00"):
        assert figure in quick
    assert "Debit card 10% · Credit card 15% · WeChat Pay 40%" in quick
    link = "/en/calculator/?volume=10000&amp;months=12&amp;settlement=t1&amp;preset=restaurant"
    assert f'href="{link}"' in quick
    # The form works without JavaScript (GET to the home page) and live with htmx.
    assert 'id="quick-form" class="quick-form" method="get" action="/en/"' in html
    assert 'hx-trigger="keyup changed delay:400ms, change, submit"' in html
    assert '<option value="restaurant" selected>' in html


def test_home_quick_estimate_fragment(client, plans):
    response = client.get("/en/?volume=10000&preset=restaurant", headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="quick-results"')
    assert "Which POS terminal" not in html
    assert response["HX-Push-Url"] == "/en/?volume=10000&preset=restaurant"


@pytest.mark.parametrize("query", ["volume=-5", "volume=abc", "preset=cafe", "volume=1e999"])
def test_home_bad_input(client, plans, query):
    page = client.get(f"/en/?{query}")
    assert page.status_code == 400
    html = page.content.decode()
    assert "Which POS terminal costs you least?" in html  # the page still renders
    assert "Please correct the marked field" in html
    fragment = client.get(f"/en/?{query}", headers=HX)
    assert fragment.status_code == 400
    assert 'class="field-errors" hx-swap-oob="true"><ul class="errorlist">' in (
        fragment.content.decode()
    )


def test_home_without_query_uses_the_defaults(client, plans):
    html = client.get("/").content.decode()
    assert 'value="30000"' in html
    assert '<option value="retail" selected>' in html


def test_home_reports_errors_of_fields_it_does_not_show(client, plans):
    html = client.get("/en/?months=99").content.decode()
    assert "Months to compare: Enter a whole number of months from 1 to 60." in html
