"""Catalog pages run a fixed number of queries whatever the number of products (10 or 200)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Brand, Feature, Plan, Product, Rate
from tests.factories import D

pytestmark = pytest.mark.django_db

METHODS = ["debit_card", "credit_card", "wechat", "alipay", "unionpay_qr", "contactless"]

# (url, budget). The budgets include the session and the comparison tray, and on product and
# brand pages the two queries of the fee reports panel (accepted rates, reported changes).
PAGES = [
    ("/products/", 10),
    ("/products/?sort=name", 10),
    ("/products/?sort=credit_rate&page=2", 10),
    ("/products/?features=nfc&brand=b0&brand=b1&max_deposit=100&methods=wechat", 12),
    ("/products/?kind=nope", 6),  # an invalid filter
    ("/products/p3/", 9),
    ("/brands/", 7),
    ("/brands/b0/", 11),
    ("/en/brands/b0/", 11),
]


def build(n: int) -> None:
    """n products over 4 brands, each with a current and an expired plan of six rates."""
    today = timezone.localdate()
    brands = [
        Brand.objects.create(slug=f"b{i}", name=f"品牌{i}", name_en=f"Brand {i}", kind="acquirer")
        for i in range(4)
    ]
    nfc = Feature.objects.create(code="nfc", name="闪付", name_en="NFC", category="payment")
    products = Product.objects.bulk_create(
        Product(brand=brands[i % 4], slug=f"p{i}", name=f"终端{i}", name_en=f"T{i}", kind="esign")
        for i in range(n)
    )
    Product.features.through.objects.bulk_create(
        Product.features.through(product_id=p.pk, feature_id=nfc.pk) for p in products
    )
    plans = Plan.objects.bulk_create(
        Plan(
            product=p,
            name="标准",
            valid_from=today - dt.timedelta(days=days_ago),
            valid_to=None if current else today - dt.timedelta(days=100),
            verified_on=today,
            deposit=D(i % 200),
            device_price=D(i % 50),
        )
        for i, p in enumerate(products)
        for current, days_ago in ((True, 100), (False, 400))
    )
    Rate.objects.bulk_create(
        Rate(plan=plan, method=m, percent=D("0.60") - D(i % 10) / 100)
        for i, plan in enumerate(plans)
        for m in METHODS
    )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code in (200, 400), url
    return len(ctx.captured_queries)


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    # Five per page, so that page 2 exists with 10 products as well as with 200.
    monkeypatch.setattr("catalog.selectors.listing.PER_PAGE", 5)


@pytest.fixture
def tray(client):
    def fill():
        for slug in ("p1", "p2"):
            client.post("/tray/", {"action": "add", "product": slug})

    return fill


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.parametrize(("url", "budget"), PAGES)
def test_page_within_budget(client, tray, django_assert_max_num_queries, n, url, budget):
    build(n)
    tray()
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(("url", "_budget"), PAGES)
def test_query_count_does_not_grow_with_products(client, tray, url, _budget):
    build(10)
    tray()
    small = count_queries(client, url)
    Product.objects.all().delete()
    Plan.objects.all().delete()
    Brand.objects.all().delete()
    Feature.objects.all().delete()
    build(200)
    assert count_queries(client, url) == small
