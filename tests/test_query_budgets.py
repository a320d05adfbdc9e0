"""Every public page outside the catalog list runs a fixed number of queries, whatever the
number of products in the catalog (10 or 200). Catalog pages: tests/catalog/test_query_budget.py;
comparison with 2 vs 6 products: tests/calculator/test_compare_views.py."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calculator import selectors
from catalog.models import Brand, Feature, Plan, Product
from tests.catalog.test_query_budget import build

pytestmark = pytest.mark.django_db

# (url, budget) — the page cache is emptied before each request, so these are first requests
# (each budget includes the fee-data version's read from the database: no copy in the cache).
PAGES = [
    ("/", 5),
    ("/en/?volume=80000&preset=wholesale", 5),
    ("/calculator/?volume=50000&preset=retail", 5),
    ("/en/calculator/?volume=50000&preset=restaurant&rise=0.3&months=24", 5),
    ("/guides/troubleshooting/?step=support&brand=b1", 3),
    ("/guides/codes/?q=51", 3),
    ("/guides/apply/", 3),
]


def count_queries(client, url: str) -> int:
    cache.clear()
    # The catalog was rebuilt without a commit (so without moving the fee-data version on):
    # forget the plans this process remembers, as a committed change would make it.
    selectors._memo.clear()
    selectors._memo_version[0] = None
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def wipe() -> None:
    Plan.objects.all().delete()
    Product.objects.all().delete()
    Brand.objects.all().delete()
    Feature.objects.all().delete()


@pytest.mark.parametrize(("url", "budget"), PAGES)
def test_queries_fixed_and_within_budget(client, url, budget):
    build(10)
    small = count_queries(client, url)
    wipe()
    build(200)
    large = count_queries(client, url)
    assert small == large, (small, large)
    assert large <= budget
