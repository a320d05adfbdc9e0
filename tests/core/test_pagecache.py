"""The page cache: pages are computed once per inputs and fee-data version, never stale, and
every visitor still gets their own CSRF token."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from catalog.models import Plan, Product, Rate
from catalog.seed import seed_catalog
from core.pagecache import CSRF_MARKER

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


@pytest.fixture
def seeded():
    seed_catalog()


def test_repeat_request_runs_no_query(client, seeded, django_assert_num_queries):
    first = client.get("/en/products/?kind=esign")
    with django_assert_num_queries(0):
        second = client.get("/en/products/?kind=esign")
    assert second.status_code == 200
    # The same page; only the (per-response masked) CSRF token differs.
    assert ANY_TOKEN.sub("T", second.content.decode()) == ANY_TOKEN.sub("T", first.content.decode())


def test_query_order_does_not_matter_but_values_do(client, seeded, django_assert_num_queries):
    client.get("/calculator/?volume=50000&preset=retail")
    with django_assert_num_queries(0):
        client.get("/calculator/?preset=retail&volume=50000")
    other = client.get("/calculator/?preset=retail&volume=60000").content.decode()
    assert "60,000" in other or "60000" in other


def test_language_and_htmx_are_separate_entries(client, seeded):
    zh = client.get("/products/").content.decode()
    en = client.get("/en/products/").content.decode()
    fragment = client.get("/en/products/", HTTP_HX_REQUEST="true").content.decode()
    assert "终端" in zh and '<html lang="en">' in en
    assert "<html" not in fragment


def test_each_visitor_gets_their_own_working_csrf_token(seeded):
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_a = alice.get("/products/").content.decode()
    page_b = bob.get("/products/").content.decode()  # served from the cache
    assert CSRF_MARKER not in page_a and CSRF_MARKER not in page_b
    token_b = TOKEN.search(page_b).group(1)
    slug = Plan.objects.first().product.slug
    response = bob.post(
        "/tray/",
        {"action": "add", "product": slug, "next": "/products/", "csrfmiddlewaretoken": token_b},
    )
    assert response.status_code in (200, 303)
    # Alice's token does not work for Bob: tokens really are per visitor.
    token_a = TOKEN.search(page_a).group(1)
    stranger = Client(enforce_csrf_checks=True)
    stranger.get("/brands/")
    refused = stranger.post(
        "/tray/",
        {"action": "add", "product": slug, "next": "/products/", "csrfmiddlewaretoken": token_a},
    )
    assert refused.status_code == 403


def test_visitors_with_a_session_are_not_served_from_the_cache(seeded):
    visitor = Client()
    visitor.get("/products/")  # fills the cache
    slug = Plan.objects.first().product.slug
    visitor.post("/tray/", {"action": "add", "product": slug, "next": "/products/"})
    page = visitor.get("/products/").content.decode()
    assert "1/6" in page  # the tray shows this visitor's product
    assert "1/6" not in Client().get("/products/").content.decode()


def test_a_committed_fee_change_is_served_on_the_next_request(
    client, seeded, django_capture_on_commit_callbacks
):
    rate = Rate.objects.filter(method="credit_card", plan__product__slug__isnull=False).first()
    url = f"/en/products/{rate.plan.product.slug}/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        rate.percent = rate.percent + 1
        rate.save()
    assert f"{rate.percent:.2f}%" in client.get(url).content.decode()


def test_pages_without_forms_are_compressed_once_and_served_compressed(client, seeded):
    import gzip

    plain = client.get("/en/calculator/?volume=40000").content
    zipped = client.get("/en/calculator/?volume=40000", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain
    # Only the compressed bytes are cached; a client without gzip gets them decompressed.
    again = client.get("/en/calculator/?volume=40000")
    assert "Content-Encoding" not in again and again.content == plain


def test_redis_cache_reuses_one_client_per_pool():
    """Building a redis client per call cost a quarter of a millisecond on every cached page."""
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from core.cache import RedisCache

    ours = RedisCache("redis://127.0.0.1:6379/0", {})  # no connection is made by this test
    assert ours._cache.get_client("k") is ours._cache.get_client("j", write=True)
    theirs = DjangoRedisCache("redis://127.0.0.1:6379/0", {})
    assert theirs._cache.get_client("k") is not theirs._cache.get_client("k")


def test_each_test_worker_has_a_redis_database_of_its_own():
    """cache.clear() before each test flushes a whole Redis database (tests/testenv.py)."""
    from tests.testenv import worker_redis_url

    assert worker_redis_url("redis://127.0.0.1:6379/15", "gw0") == "redis://127.0.0.1:6379/15"
    assert worker_redis_url("redis://127.0.0.1:6379/15", "gw1") == "redis://127.0.0.1:6379/14"
    assert worker_redis_url("redis://127.0.0.1:6379", "gw1") == "redis://127.0.0.1:6379/1"
    assert worker_redis_url("redis://:pw@cache:6380/0", "gw2") == "redis://:pw@cache:6380/2"


def test_a_page_being_computed_reads_the_fee_data_version_once(client, seeded, monkeypatch):
    """The page cache's own read (with the page, in one round trip) is the only one: the
    rankings and comparisons the view looks up reuse it."""
    from django.core.cache import cache

    from core.freshness import FEE_DATA_VERSION_KEY, fee_data_version

    reads: list[str] = []
    inside_many = [False]  # a backend's get_many may call its own get: count the call once
    real_get, real_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        if not inside_many[0]:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.extend(keys)
        inside_many[0] = True
        try:
            return real_get_many(keys, *args, **kwargs)
        finally:
            inside_many[0] = False

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    slugs = ",".join(p.slug for p in Product.objects.active().order_by("slug")[:4])
    fee_data_version()  # the version exists (a flushed cache starts a new one: two more reads)
    for url in (
        "/calculator/?preset=retail&volume=12345",
        f"/compare/?products={slugs}&volume=12345",
    ):
        reads.clear()
        assert client.get(url).status_code == 200
        assert reads.count(FEE_DATA_VERSION_KEY) == 1, url
    # Outside a page being computed, each call reads the cache.
    reads.clear()
    fee_data_version()
    fee_data_version()
    assert reads.count(FEE_DATA_VERSION_KEY) == 2
