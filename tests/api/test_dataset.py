"""The open dataset (/data/fees.json, /data/fees.csv, /data/v/<version>/…) and the 开放数据 page."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from api import csvsafe
from catalog.models import Plan
from core.formatting import percent, yuan_text
from tests.factories import make_alpha_bravo

pytestmark = pytest.mark.django_db


@pytest.fixture
def alpha_bravo():
    return make_alpha_bravo()


def test_fees_json_states_licence_version_and_date(client, alpha_bravo):
    response = client.get("/data/fees.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert data["licence"]["name"] == "CC BY 4.0"
    assert len(data["version"]) == 12
    assert data["data_date"]
    assert data["permanent_url"] == f"/data/v/{data['version']}/fees.json"
    assert [p["slug"] for p in data["products"]] == ["alpha", "bravo"]
    assert [b["slug"] for b in data["brands"]] == ["lakala"]


def test_dataset_has_the_api_fields_of_each_plan(client, alpha_bravo):
    api = client.get("/api/v1/products/alpha").json()
    data = client.get("/data/fees.json").json()
    product = next(p for p in data["products"] if p["slug"] == "alpha")
    api_plan = dict(api["plans"]["current"][0])
    api_plan.pop("status")
    assert product["plans"] == [api_plan]
    assert {k: v for k, v in product.items() if k != "plans"} == {
        k: v for k, v in api.items() if k != "plans"
    }


def test_api_fields_are_what_the_product_page_shows(client, alpha_bravo):
    api = client.get("/api/v1/products/alpha").json()
    plan = api["plans"]["current"][0]
    page = client.get("/products/alpha/").content.decode()
    assert plan["source_url"] in page
    assert f'datetime="{plan["verified_on"]}"' in page
    assert yuan_text(Decimal(plan["deposit"])) in page  # 99 元
    assert percent(Decimal(plan["rates"]["credit_card"]["percent"])) in page  # 0.60%
    assert percent(Decimal(plan["rates"]["wechat"]["percent"])) in page  # 0.38%
    assert api["name"] in page


def test_fees_csv_has_a_row_per_plan_version_and_method(client, alpha_bravo):
    body = client.get("/data/fees.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [(r["product"], r["method"], r["percent"]) for r in rows] == [
        ("alpha", "credit_card", "0.6000"),
        ("alpha", "wechat", "0.3800"),
        ("bravo", "credit_card", "0.5500"),
        ("bravo", "wechat", "0.3800"),
    ]
    version = client.get("/data/fees.json").json()["version"]
    assert {r["data_version"] for r in rows} == {version}
    assert {r["licence"] for r in rows} == {"CC BY 4.0"}
    assert rows[0]["deposit"] == "99.00"
    assert rows[0]["monthly_fee_waived_at"] == ""  # unknown: empty, not 0


def test_each_version_keeps_its_own_file(client, alpha_bravo, django_capture_on_commit_callbacks):
    first = client.get("/data/fees.json").json()
    plan = Plan.objects.get(product__slug="alpha")
    plan.deposit = 199
    with django_capture_on_commit_callbacks(execute=True):
        plan.save()
    second = client.get("/data/fees.json").json()
    assert second["version"] != first["version"]
    old = client.get(f"/data/v/{first['version']}/fees.json")
    assert old.json() == first
    assert "immutable" in old["Cache-Control"]
    alpha = next(p for p in second["products"] if p["slug"] == "alpha")
    assert alpha["plans"][0]["deposit"] == "199.00"
    assert client.get(f"/data/v/{second['version']}/fees.csv").status_code == 200
    assert client.get("/data/v/nope/fees.json").status_code == 404


def test_same_data_same_version(client, alpha_bravo):
    from django.core.cache import cache

    first = client.get("/data/fees.json").json()["version"]
    cache.clear()  # another fee-data version number, the same data
    assert client.get("/data/fees.json").json()["version"] == first


def test_open_data_page_states_the_licence(client, alpha_bravo):
    page = client.get("/open-data/").content.decode()
    version = client.get("/data/fees.json").json()["version"]
    assert "开放数据" in page
    assert 'rel="license"' in page and "CC BY 4.0" in page
    assert version in page
    assert "/data/fees.csv" in page and "/api/v1/docs" in page
    english = client.get("/en/open-data/").content.decode()
    assert "Open data" in english


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("拉卡拉", "拉卡拉"),
        (Decimal("-0.50"), "-0.50"),
        (None, ""),
    ],
)
def test_csv_cells_are_safe_in_a_spreadsheet(value, cell):
    assert csvsafe.cell(value) == cell


def test_fees_json_is_open_to_other_sites(client, alpha_bravo):
    response = client.get("/data/fees.json", HTTP_ORIGIN="https://blog.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content)["licence"]["url"].startswith("https://creativecommons.org")
