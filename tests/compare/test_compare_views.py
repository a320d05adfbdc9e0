"""``/compare/``: the page and its htmx fragment, "only show differences" without JavaScript,
bad input (400, never 500, what was typed kept), the picker, and the query budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.forms import MSG_VOLUME
from catalog.models import Rate
from compare.forms import MSG_PRODUCTS_FEW
from tests.examples import PROFILE_QUERY as PROFILE
from tests.factories import make_alpha_bravo, make_brand, make_feature, make_plan, make_product

pytestmark = pytest.mark.django_db

URL = "/en/compare/"
HX = {"HX-Request": "true"}
# 30,000 元 a month, half credit card, half WeChat, 100 元 a payment: 150 payments of each.


@pytest.fixture
def shop():
    """alpha: (150 × 0.60 + 150 × 0.38) × 12 = 1,764 + SIM 60 = 1,824.00 (deposit refunded);
    bravo: (150 × 0.55 + 57) × 12 = 1,674 + monthly fee 120 + device 199 = 1,993.00;
    c1…c4: credit 0.70 %: (105 + 57) × 12 = 1,944.00 each."""
    brand = make_brand(name="拉卡拉", name_en="Lakala", slug="lakala")
    nfc = make_feature("nfc", name="闪付", name_en="Contactless")
    alpha, _bravo = make_alpha_bravo(brand)
    alpha.product.features.add(nfc)
    for i in range(1, 5):
        other = make_product(make_brand(), name=f"机{i}", name_en=f"Model {i}", slug=f"c{i}")
        other.features.add(nfc)
        make_plan(other, rates={"credit_card": "0.70", "wechat": "0.38"})
        make_plan(other, name="第二方案", rates={"credit_card": "0.90", "wechat": "0.38"})


def test_two_products_side_by_side(client, shop):
    response = client.get(f"{URL}?products=alpha,bravo&{PROFILE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 terminals compared for 30,000 元 a month · custom mix · 12 months." in html
    assert "Cheapest for you: Lakala Alpha, 1,824.00 元 in total." in html
    assert "1,824.00 元" in html and "1,993.00 元" in html
    assert html.index(">Alpha<") < html.index(">Bravo<")  # the order asked for
    assert 'class="is-best"' in html
    assert 'id="compare-form"' in html and 'name="volume"' in html
    # The page is the same for every visitor (it is cached): no CSRF token in it. The share
    # form is loaded right after it, or opened as a page without JavaScript.
    assert "csrfmiddlewaretoken" not in html
    share = (
        "/en/compare/share/?products=alpha,bravo&volume=30000&ticket=100&months=12"
        "&settlement=t1&mix_credit_card=50&mix_wechat=50"
    )
    assert f'hx-get="{share.replace("&", "&amp;")}" hx-trigger="load"' in html
    form = client.get(share, headers=HX)
    assert form.status_code == 200
    fragment = form.content.decode()
    assert fragment.lstrip().startswith('<form id="share-form" method="post"')
    assert 'action="/en/compare/share/"' in fragment and "csrfmiddlewaretoken" in fragment
    assert '<input type="hidden" name="mix_credit_card" value="50">' in fragment
    page = client.get(share)  # without JavaScript: a page of its own
    assert "<html" in page.content.decode() and "csrfmiddlewaretoken" in page.content.decode()


def test_htmx_gets_the_fragment_and_the_canonical_link(client, shop):
    response = client.get(
        f"{URL}?products=alpha&add=bravo&volume=40000&preset=retail&months=24", headers=HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="compare-results"')
    assert 'id="compare-products" class="compare-products" hx-swap-oob="true"' in html
    assert response["HX-Push-Url"] == (
        "/en/compare/?products=alpha,bravo&volume=40000&months=24&settlement=t1&preset=retail"
    )
    assert response["Vary"].count("HX-Request") == 1
    # A profile change that leaves the products alone does not replace their remove buttons.
    same = client.get(f"{URL}?products=alpha,bravo&volume=50000&preset=retail", headers=HX)
    assert same.status_code == 200 and 'id="compare-products"' not in same.content.decode()
    for changed in ("products=alpha,bravo&remove=bravo", "products=alpha,nope,bravo"):
        html = client.get(f"{URL}?{changed}&volume=50000", headers=HX).content.decode()
        assert 'id="compare-products" class="compare-products" hx-swap-oob="true"' in html


def test_only_differences_without_javascript(client, shop):
    """A checkbox of the page's GET form: ticked and submitted, the link says diff=1."""
    base = f"{URL}?products=alpha,bravo&{PROFILE}"
    html = client.get(base).content.decode()
    assert "Next working day (T+1)" in html
    assert '<input type="checkbox" name="diff" value="1">' in html
    assert "nojs-only" in html  # an Apply button for browsers without JavaScript
    diff = client.get(f"{base}&diff=1")
    assert diff.status_code == 200
    page = diff.content.decode()
    assert "Next working day (T+1)" not in page  # free everywhere: the same
    assert "Total over 12 months" in page
    assert "rows that are the same for every terminal are hidden" in page
    assert '<input type="checkbox" name="diff" value="1" checked>' in page
    fragment = client.get(f"{base}&diff=1", headers=HX)
    assert fragment["HX-Push-Url"].endswith("&diff=1")


def test_remove_button_takes_a_product_out(client, shop):
    html = client.get(f"{URL}?products=alpha,bravo,c1&{PROFILE}").content.decode()
    assert '<button type="submit" name="remove" value="bravo"' in html
    response = client.get(f"{URL}?products=alpha,bravo,c1&remove=bravo&{PROFILE}", headers=HX)
    assert response.status_code == 200
    assert response["HX-Push-Url"].startswith("/en/compare/?products=alpha,c1&volume=30000")


def test_landing_page_without_products(client, shop):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose the terminals to compare" in html
    assert '<option value="alpha">Alpha</option>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("products=alpha", "Choose at least 2 terminals to compare: add one below."),
        ("products=alpha,nope", "We have no terminal called nope."),
        ("products=alpha,alpha,bravo", "Each terminal can be compared once; listed twice: alpha."),
        ("products=alpha,bravo,c1,c2,c3,c4,c5", "Compare at most 6 terminals at a time"),
    ],
)
def test_bad_products_answer_400_with_a_message(client, shop, query, message):
    response = client.get(f"{URL}?{query}&{PROFILE}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_one_product_still_shows_its_terms(client, shop):
    html = client.get(f"{URL}?products=alpha&{PROFILE}").content.decode()
    assert str(MSG_PRODUCTS_FEW) in html
    assert "Credit card" in html and "0.60%" in html
    assert "Share: make a link" not in html  # nothing to share until the input is right


def test_malformed_profile_keeps_what_was_typed(client, shop):
    response = client.get(f"{URL}?products=alpha,bravo&volume=3万x&months=0")
    assert response.status_code == 400
    html = response.content.decode()
    assert str(MSG_VOLUME) in html
    assert 'value="3万x"' in html
    assert "Enter a whole number of months from 1 to 60." in html
    # htmx: the fragment, 400, and the address bar keeps the typed query.
    fragment = client.get(f"{URL}?products=alpha,bravo&volume=abc", headers=HX)
    assert fragment.status_code == 400
    assert fragment["HX-Push-Url"] == "/en/compare/?products=alpha%2Cbravo&volume=abc"


def test_input_is_escaped(client, shop):
    evil = "<script>alert(1)</script>"
    response = client.get(URL, {"products": f"alpha,{evil}", "volume": evil})
    assert response.status_code == 400
    html = response.content.decode()
    assert evil not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_chinese_by_default(client, shop):
    html = client.get(f"/compare/?products=alpha,bravo&{PROFILE}").content.decode()
    assert "终端对比" in html
    assert "甲机" in html


@pytest.mark.parametrize("count", [2, 6])
def test_query_budget_is_fixed(client, shop, django_assert_max_num_queries, count):
    slugs = ",".join(["alpha", "bravo", "c1", "c2", "c3", "c4"][:count])
    # Products with brand, their plans, the plans' rates, features; the picker's list.
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(6):
        response = client.get(f"{URL}?products={slugs}&{PROFILE}")
    assert response.status_code == 200
    # The same comparison again: its data comes from the cache; only the picker is read.
    with django_assert_max_num_queries(1):
        assert client.get(f"{URL}?products={slugs}&{PROFILE}", headers=HX).status_code == 200


def test_a_fee_change_is_seen_on_the_next_request(client, shop, django_capture_on_commit_callbacks):
    """alpha's credit rate 0.60 % → 0.80 %: (150 × 0.80 + 57) × 12 + SIM 60 = 2,184.00."""
    url = f"{URL}?products=alpha,bravo&{PROFILE}"
    assert "1,824.00 元" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Rate.objects.filter(plan__product__slug="alpha", method="credit_card").update(
            percent=Decimal("0.80")
        )
        Rate.objects.get(plan__product__slug="alpha", method="credit_card").save()
    html = client.get(url).content.decode()
    assert "2,184.00 元" in html and "1,824.00 元" not in html
