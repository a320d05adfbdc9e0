"""The JSON API (/api/v1/): catalog data, computations, errors, query counts, freshness."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.models import Plan
from tests.factories import make_alpha_bravo, make_plan, make_product

pytestmark = pytest.mark.django_db

PROFILE = "volume=30000&preset=custom&mix_credit_card=50&mix_wechat=50&ticket=100&months=12"


@pytest.fixture
def alpha_bravo():
    return make_alpha_bravo()


def test_brands_by_slug_and_by_number(client, alpha_bravo):
    brand = alpha_bravo[0].product.brand
    listing = client.get("/api/v1/brands").json()
    assert listing["count"] == 1
    assert listing["results"][0]["slug"] == "lakala"
    assert client.get("/api/v1/brands/lakala").json()["name_en"] == "Lakala"
    assert client.get(f"/api/v1/brands/{brand.pk}").json()["slug"] == "lakala"
    missing = client.get("/api/v1/brands/nope")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["status"] == 404


def test_product_has_every_plan_version_with_nulls_where_unknown(client, alpha_bravo):
    alpha = alpha_bravo[0].product
    make_plan(
        alpha,
        name="旧费率",
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 1, 1),
        rates={"credit_card": "0.63"},
    )
    make_plan(alpha, name="新费率", valid_from=dt.date(2099, 1, 1), rates={"credit_card": "0.58"})
    data = client.get("/api/v1/products/alpha").json()
    assert data["brand"] == "lakala"
    plans = data["plans"]
    assert [p["name"] for p in plans["current"]] == ["标准费率"]
    assert [p["name"] for p in plans["scheduled"]] == ["新费率"]
    assert [p["name"] for p in plans["past"]] == ["旧费率"]
    current = plans["current"][0]
    assert current["product"] == "alpha"
    assert current["deposit"] == "99.00"
    assert current["deposit_refund_volume"] == "50000.00"
    assert current["deposit_refund_days"] == 90
    assert current["monthly_fee_waived_at"] is None  # unknown, never a guessed zero
    assert current["contract_months"] is None
    assert current["source_url"] == "https://example.com/source"
    assert current["verified_on"] == "2026-01-01"
    assert current["is_estimate"] is False
    assert current["rates"]["credit_card"] == {
        "percent": "0.6000",
        "fixed": "0.00",
        "cap": None,
        "minimum": None,
        "limit": None,
        "above_percent": None,
        "max_amount": None,
    }
    assert current["rates"]["debit_card"] is None  # no rate: the plan cannot take debit cards
    assert client.get(f"/api/v1/plans/{current['id']}").json() == current


def test_products_are_filtered_as_the_list_page_and_paginated(client, alpha_bravo):
    both = client.get("/api/v1/products").json()
    assert both["count"] == 2
    cheap = client.get("/api/v1/products?max_credit_rate=0.58").json()
    assert [p["slug"] for p in cheap["results"]] == ["bravo"]
    page = client.get("/api/v1/products?page_size=1&page=2").json()
    assert page == {**page, "count": 2, "page": 2, "pages": 2}
    assert [p["slug"] for p in page["results"]] == ["bravo"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("max_deposit=abc", "max_deposit"),
        ("kind=spaceship", "kind"),
        ("page=0", "page"),
        ("page=99", "page"),
        ("page_size=1000", "page_size"),
    ],
)
def test_bad_product_filters_are_a_problem_naming_the_field(client, alpha_bravo, query, field):
    response = client.get(f"/api/v1/products?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_rank_prices_as_the_calculator(client, alpha_bravo):
    data = client.get(f"/api/v1/rank?{PROFILE}").json()
    # alpha: 150 credit payments × 0.60 + 150 WeChat × 0.38 = 147 元 a month × 12 = 1,764;
    # SIM 60 in month 1; the deposit comes back in month 2 → 1,824.00.
    # bravo: 150 × 0.55 + 150 × 0.38 = 139.50 × 12 = 1,674 + device 199 + 10 × 12 → 1,993.00.
    assert [(r["product"], r["estimate"]["total"]) for r in data["rows"]] == [
        ("alpha", "1824.00"),
        ("bravo", "1993.00"),
    ]
    assert data["rows"][0]["estimate"]["per_method"] == {
        "credit_card": "1080.00",
        "wechat": "684.00",
    }
    assert data["rows"][1]["is_estimate"] is True
    assert "mix_credit_card=50" in data["profile"]["query"]


def test_rank_lists_plans_that_cannot_serve_apart(client, alpha_bravo):
    data = client.get("/api/v1/rank?volume=30000&preset=retail").json()
    assert data["rows"] == []
    assert {u["product"] for u in data["unsupported"]} == {"alpha", "bravo"}


def test_compare_two_products(client, alpha_bravo):
    data = client.get(f"/api/v1/compare?products=bravo,alpha&{PROFILE}").json()
    assert [(c["product"], c["estimate"]["total"], c["cheapest"]) for c in data["products"]] == [
        ("bravo", "1993.00", False),
        ("alpha", "1824.00", True),
    ]


def test_compare_with_the_stress_test(client, alpha_bravo):
    data = client.get(
        f"/api/v1/compare?products=alpha,bravo&{PROFILE}&rise=0.1&rise_after=6"
    ).json()
    # alpha: months 7–12 each pay 150 × 0.10 + 150 × 0.10 = 30 元 more: 1,824 + 180 = 2,004.00.
    assert data["products"][0]["risen_total"] == "2004.00"
    assert data["products"][0]["estimate"]["total"] == "1824.00"


@pytest.mark.parametrize(
    "products",
    ["alpha", "alpha,alpha", "alpha,nope", "a,b,c,d,e,f,g", ""],
)
def test_compare_refuses_what_the_page_refuses(client, alpha_bravo, products):
    response = client.get(f"/api/v1/compare?products={products}")
    assert response.status_code == 400
    assert "products" in [e["field"] for e in response.json()["errors"]]


def test_offer_check_gives_estimate_rank_and_findings(client, alpha_bravo):
    offer = "offer_credit_card=0&offer_wechat=0.38"
    data = client.get(f"/api/v1/offer-check?{PROFILE}&{offer}").json()
    # 150 × 0 + 150 × 0.38 = 57 元 a month × 12 = 684.00: cheaper than both plans.
    assert data["estimate"]["total"] == "684.00"
    assert (data["cheaper_than"], data["of"]) == (2, 2)
    codes = {f["code"] for f in data["findings"]}
    assert {"zero_rate", "below_cost_floor"} <= codes
    assert data["questions"]


def test_offer_check_without_an_offer_is_a_problem(client, alpha_bravo):
    response = client.get(f"/api/v1/offer-check?{PROFILE}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "offer"


def test_problems_are_in_the_requested_language(client, alpha_bravo):
    chinese = client.get("/api/v1/rank?volume=abc").json()
    english = client.get("/api/v1/rank?volume=abc", HTTP_ACCEPT_LANGUAGE="en").json()
    assert chinese["errors"] == [
        {
            "field": "volume",
            "message": "请输入 0 到 100,000,000 元之间的月流水，例如 30000 或 3万。",
        }
    ]
    assert english["errors"] == [
        {
            "field": "volume",
            "message": "Enter a monthly volume from 0 to 100,000,000 元, e.g. 30000 or 3万.",
        }
    ]
    assert english["status"] == 400


@pytest.mark.parametrize(
    "query",
    [
        "volume=1e999999",
        "months=0",
        "preset=custom&mix_credit_card=30",
        "offer_credit_card=9",
        "spm=x",
    ],
)
def test_bad_computation_input_is_400_never_500(client, alpha_bravo, query):
    for path in ("rank", "offer-check", "compare"):
        response = client.get(f"/api/v1/{path}?products=alpha,bravo&{query}")
        assert response.status_code == 400, (path, query)
        assert response["Content-Type"] == "application/problem+json"


def _catalog(n: int) -> None:
    for i in range(n):
        product = make_product(slug=f"p{i:03d}")
        # Rates differ by product: identical market estimates would be one "market typical" row.
        credit = f"0.{600 + i}"
        make_plan(
            product, rates={"credit_card": credit, "debit_card": {"percent": "0.5", "cap": "20"}}
        )
        make_plan(product, name="旧", valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2025, 1, 1))


@pytest.mark.parametrize("n", [3, 30])
def test_query_counts_do_not_grow_with_the_products(client, django_assert_max_num_queries, n):
    _catalog(n)
    client.get("/api/v1/brands")  # reads the fee data's date once per version
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/products?page_size=100").json()["count"] == n
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/brands?page_size=100").json()["count"] == n
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/products/p001").status_code == 200
    with django_assert_max_num_queries(3):
        rows = client.get("/api/v1/rank?volume=30000&preset=custom&mix_credit_card=100").json()
    assert len(rows["rows"]) == n
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/compare?products=p000,p001").status_code == 200


def test_etag_answers_304_and_moves_with_the_fee_data(
    client, alpha_bravo, django_capture_on_commit_callbacks
):
    first = client.get("/api/v1/products/alpha")
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["Last-Modified"]
    again = client.get("/api/v1/products/alpha", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert (
        client.get(
            "/api/v1/products/alpha", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
        ).status_code
        == 304
    )
    plan = Plan.objects.get(product__slug="alpha")
    plan.deposit = 199
    with django_capture_on_commit_callbacks(execute=True):
        plan.save()
    changed = client.get("/api/v1/products/alpha", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["plans"]["current"][0]["deposit"] == "199.00"


def test_cors_get_is_open_to_any_origin_on_the_api_only(client, alpha_bravo):
    api = client.get("/api/v1/brands", HTTP_ORIGIN="https://blog.example")
    assert api["Access-Control-Allow-Origin"] == "*"
    page = client.get("/brands/", HTTP_ORIGIN="https://blog.example")
    assert "Access-Control-Allow-Origin" not in page


def test_anonymous_rate_limit_is_stricter_for_computations(client, alpha_bravo, settings):
    settings.API_RATE = "5/m"
    settings.API_COMPUTE_RATE = "2/m"
    assert [client.get(f"/api/v1/rank?{PROFILE}").status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get(f"/api/v1/rank?{PROFILE}")
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["Retry-After"] == "60"
    assert [client.get("/api/v1/brands").status_code for _ in range(6)] == [200] * 5 + [429]


def test_openapi_31_with_both_languages_and_problem_responses(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    rank = schema["paths"]["/api/v1/rank"]["get"]
    names = {p["name"] for p in rank["parameters"]}
    assert {"volume", "preset", "mix_wechat", "offer_credit_card", "rise"} <= names
    assert "application/problem+json" in rank["responses"]["400"]["content"]
    plan = schema["components"]["schemas"]["Plan"]["properties"]
    assert "押金" in plan["deposit"]["description"]
    assert "Deposit" in plan["deposit"]["description"]


def test_docs_page_uses_our_own_static_files(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("n", [3, 30])
def test_open_data_widget_and_export_queries_do_not_grow(client, django_assert_max_num_queries, n):
    _catalog(n)
    slugs = "p000,p001"
    profile = "volume=30000&preset=custom&mix_credit_card=100"
    budgets = [
        # The first build of this version: the catalog (4), brands, the date of the last change
        # (one per audited model), the release looked up and kept, and the fee-data version read
        # from the database (core.freshness) on a cold cache.
        ("/data/fees.json", 16),
        ("/data/fees.csv", 1),
        ("/open-data/", 2),
        (f"/embed/calculator/?{profile}", 3),
        (f"/embed/compare/?products={slugs}&{profile}", 5),
        (f"/calculator/export.csv?{profile}", 2),
        (f"/compare/export.csv?products={slugs}&{profile}", 2),
    ]
    for url, budget in budgets:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/api/v1/nope", 404), ("get", "/data/nope.json", 404), ("post", "/api/v1/rank", 405)],
)
def test_unknown_paths_and_methods_are_problems_too(client, method, path, status):
    response = getattr(client, method)(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] in ("Not found.", "Method not allowed.")


def test_every_operation_parameter_and_field_is_described_in_both_languages(client):
    import re

    chinese = re.compile(r"[\u4e00-\u9fff]")
    schema = client.get("/api/v1/openapi.json").json()
    missing = []
    for path, item in schema["paths"].items():
        for operation in item.values():
            if not chinese.search(operation["summary"]) or not re.search(
                "[A-Za-z]", operation["summary"]
            ):
                missing.append(path)
            for p in operation.get("parameters", []):
                text = p.get("description") or p["schema"].get("description", "")
                if not chinese.search(text):
                    missing.append(f"{path} {p['name']}")
    # Model fields: the catalog's own labels (a few, like "Wi-Fi", read the same in both).
    for name, component in schema["components"]["schemas"].items():
        for prop, value in component.get("properties", {}).items():
            if not chinese.search(value.get("description", "")) and prop != "network_wifi":
                missing.append(f"{name}.{prop}")
    assert missing == []
