"""/products/: every filter narrows the list, sorting, pagination, errors, htmx fragment."""

from __future__ import annotations

import re

import pytest

from tests.catalog.rows import build_catalog

pytestmark = pytest.mark.django_db

ACTIVE = {"a-esign", "b-smart", "c-plate", "e-mpos", "f-two"}


@pytest.fixture
def cat():
    return build_catalog()


def listed(response) -> list[str]:
    """Product slugs on the page, in order."""
    return re.findall(r'<li class="product-card" id="product-([\w-]+)"', response.content.decode())


def get(client, query: str = "", **headers):
    return client.get(f"/products/?{query}", **headers)


class TestFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", ACTIVE),
            ("brand=alpha", {"a-esign", "b-smart", "e-mpos"}),
            ("brand=alpha&brand=gamma", {"a-esign", "b-smart", "e-mpos", "f-two"}),
            ("kind=smart", {"b-smart", "f-two"}),
            ("kind=esign&kind=qr_plate", {"a-esign", "c-plate"}),
            ("features=nfc", {"a-esign", "b-smart"}),
            ("features=nfc&features=scanner", {"b-smart"}),  # all of them
            ("methods=wechat&methods=debit_card", {"a-esign", "b-smart", "f-two"}),
            ("methods=unionpay_qr", {"a-esign", "b-smart", "c-plate"}),
            ("max_credit_rate=0.58", {"b-smart", "f-two"}),
            ("max_credit_rate=0.55", {"b-smart", "f-two"}),
            ("max_credit_rate=0.5", {"f-two"}),
            ("max_debit_cap=20", {"a-esign", "f-two"}),
            ("max_debit_cap=18", {"f-two"}),
            ("max_deposit=50", {"b-smart", "c-plate", "f-two"}),
            ("max_deposit=0", {"b-smart", "c-plate", "f-two"}),
            ("max_deposit=99", {"a-esign", "b-smart", "c-plate", "f-two"}),
            ("instant=on", {"a-esign", "b-smart", "f-two"}),
            ("min_price=100", {"b-smart"}),
            ("max_price=0", {"a-esign", "c-plate", "f-two"}),
            ("min_price=0&max_price=300", {"a-esign", "b-smart", "c-plate", "f-two"}),
            ("active=0", ACTIVE | {"d-old"}),
            ("active=1", ACTIVE),
            ("active=0&kind=traditional", {"d-old"}),
            ("features=nfc&max_deposit=50", {"b-smart"}),
        ],
    )
    def test_each_filter_narrows_the_list(self, client, cat, query, expected):
        response = get(client, query)
        assert response.status_code == 200
        assert set(listed(response)) == expected

    def test_plan_conditions_apply_to_one_plan(self, client, cat):
        # f-two's basic plan has no deposit, its premium plan credit 0.50 %: no single plan
        # has both, so it does not match both filters together.
        response = get(client, "max_deposit=50&max_credit_rate=0.55")
        assert set(listed(response)) == {"b-smart"}

    def test_expired_and_scheduled_plans_do_not_count(self, client, cat):
        # a-esign's expired version had credit 0.55, its scheduled one 0.63; today it is 0.60.
        assert "a-esign" not in listed(get(client, "max_credit_rate=0.56"))
        # e-mpos only has an expired plan: it matches no plan condition.
        assert "e-mpos" not in listed(get(client, "max_credit_rate=5"))

    def test_filters_are_kept_in_the_form(self, client, cat):
        html = get(client, "features=nfc&max_deposit=50&brand=alpha").content.decode()
        assert re.search(r'name="features" value="nfc"[^>]*checked', html)
        assert re.search(r'name="brand" value="alpha"[^>]*checked', html)
        assert 'name="max_deposit" value="50"' in html


class TestInvalidFilters:
    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("max_deposit=abc", "max_deposit", "Enter a number."),
            ("max_credit_rate=9", "max_credit_rate", "less than or equal to 5"),
            ("max_debit_cap=-1", "max_debit_cap", "greater than or equal to 0"),
            ("kind=spaceship", "kind", "Select a valid choice"),
            ("brand=nobody", "brand", "Select a valid choice"),
            ("methods=cash", "methods", "Select a valid choice"),
            ("sort=cheapest", "sort", "Select a valid choice"),
            ("preset=bakery", "preset", "Select a valid choice"),
            ("volume=-5", "volume", "greater than or equal to 0"),
            ("page=0", "page", "greater than or equal to 1"),
            ("page=x", "page", "Enter a whole number."),
            ("min_price=300&max_price=100", "max_price", "lowest device price must not be"),
            ("page=9", "page", "There is no such page of results; the list has 1."),
        ],
    )
    def test_errors_next_to_the_field_with_400(self, client, cat, query, field, message):
        response = client.get(f"/en/products/?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        slot = re.search(rf'<div id="errors-{field}" class="field-errors">(.*?)</div>', html, re.S)
        assert slot and message in slot.group(1), html[:200]
        assert listed(response) == []

    def test_typed_values_are_kept(self, client, cat):
        html = client.get("/products/?max_deposit=abc&features=nfc").content.decode()
        assert 'name="max_deposit" value="abc"' in html
        assert re.search(r'name="features" value="nfc"[^>]*checked', html)

    def test_error_in_chinese(self, client, cat):
        response = client.get("/products/?max_deposit=abc")
        assert response.status_code == 400
        assert "输入一个数字" in response.content.decode()


class TestSorting:
    def test_default_sort_is_monthly_cost_for_the_default_profile(self, client, cat):
        # Retail preset: 30,000 元 a month, 120 元 a payment; 25 % debit, 25 % credit,
        # 22 % WeChat, 18 % Alipay, 5 % UnionPay QR, 5 % contactless; 12 months.
        # a-esign: debit 0.60 元 × 62.5 + credit 0.72 × 62.5 + QR round(0.456)=0.46 ×
        # (55 + 45 + 12.5 + 12.5) = 37.50 + 45.00 + 57.50 = 140.00 a month; the deposit comes
        # back in month 2 (90,000 ≥ 50,000), the SIM fee starts in month 13.
        # b-smart: 0.66 × 62.5 × 2 + 57.50 = 140.00 a month + 299 device / 12 = 164.92.
        response = get(client)
        html = response.content.decode()
        order = listed(response)
        assert order[:2] == ["a-esign", "b-smart"]
        # c-plate and f-two lack methods the retail mix uses; e-mpos has no plan in force.
        assert set(order[2:]) == {"c-plate", "e-mpos", "f-two"}
        assert "140.00" in html
        assert "164.92" in html

    def test_profile_changes_the_costs(self, client, cat):
        # 60,000 元 a month doubles a-esign's transaction fees: 280.00.
        html = get(client, "volume=60000").content.decode()
        assert "280.00" in html

    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            ("credit_rate", ["f-two", "b-smart", "a-esign", "c-plate", "e-mpos"]),
            ("device_price", ["a-esign", "c-plate", "f-two", "b-smart", "e-mpos"]),
            ("deposit", ["b-smart", "c-plate", "f-two", "a-esign", "e-mpos"]),
            ("name", ["a-esign", "b-smart", "c-plate", "e-mpos", "f-two"]),
        ],
    )
    def test_sorts(self, client, cat, sort, expected):
        assert listed(get(client, f"sort={sort}")) == expected

    def test_name_sort_in_english_uses_english_names(self, client, cat):
        cat.a.name_en = "Z e-sign"
        cat.a.save()
        order = listed(client.get("/en/products/?sort=name"))
        assert order[-1] == "a-esign"


class TestPagination:
    def test_pages(self, client, cat, monkeypatch):
        monkeypatch.setattr("catalog.selectors.listing.PER_PAGE", 2)
        first = get(client, "sort=name")
        second = get(client, "sort=name&page=2")
        assert listed(first) == ["a-esign", "b-smart"]
        assert listed(second) == ["c-plate", "e-mpos"]
        html = first.content.decode()
        assert "?sort=name&amp;page=2" in html

    def test_pages_when_sorted_by_cost(self, client, cat, monkeypatch):
        monkeypatch.setattr("catalog.selectors.listing.PER_PAGE", 2)
        assert listed(get(client, "page=1")) == ["a-esign", "b-smart"]
        assert len(listed(get(client, "page=3"))) == 1


class TestEmptyState:
    def test_suggests_which_filter_to_relax(self, client, cat):
        response = client.get("/en/products/?kind=qr_plate&features=nfc")
        assert response.status_code == 200
        html = response.content.decode()
        assert listed(response) == []
        assert "No terminal matches all these filters" in html
        # Without the NFC feature one QR plate is left; without the kind two NFC terminals.
        assert "without “Features (all of): Contactless (NFC)”: 1 terminal" in html
        assert "without “Kind: QR payment plate”: 2 terminals" in html
        assert 'href="?features=nfc"' in html


class TestHtmx:
    def test_fragment_for_htmx(self, client, cat):
        response = get(client, "features=nfc", HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html
        assert set(listed(response)) == {"a-esign", "b-smart"}
        assert 'id="errors-max_deposit" class="field-errors" hx-swap-oob="true"' in html
        assert '<span id="filter-count" hx-swap-oob="true"><span class="badge">已选 1 项' in html
        assert "HX-Request" in response["Vary"]

    def test_full_page_without_htmx(self, client, cat):
        html = get(client, "features=nfc").content.decode()
        assert "<html" in html
        assert 'hx-get="/products/"' in html
        assert 'hx-push-url="true"' in html
        assert '<form id="product-filters" class="filters" method="get" action="/products/"' in html

    def test_fragment_with_errors_is_400_and_refreshes_error_slots(self, client, cat):
        response = get(client, "max_deposit=abc", HTTP_HX_REQUEST="true")
        assert response.status_code == 400
        html = response.content.decode()
        assert re.search(
            r'id="errors-max_deposit" class="field-errors" hx-swap-oob="true">'
            r'<ul class="errorlist"><li>',
            html,
        )
