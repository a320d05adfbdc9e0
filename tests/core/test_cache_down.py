"""Redis down does not take the site down: every public page is computed without the cache,
share posts are refused with 503 + Retry-After (the rate limit fails closed), the login lockout
keeps working (on the database), and /healthz says the cache is degraded while staying 200.

The cache here is our Redis backend pointed at a port where nothing listens (connection
refused, as after a crash); scripts/redis_outage.py kills a real Redis mid-traffic."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from catalog.models import Product
from catalog.seed import seed_catalog
from compare.services import comparison_share
from core import cache as core_cache
from core.freshness import fee_data_version, stored_version
from guides.seed import seed_guides
from tests.catalog.admin_helpers import PASSWORD, make_staff
from tests.factories import make_brand
from tests.test_fuzz import public_paths

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:8549/0"  # this worktree's port range; nothing listens on it


def kill_cache(settings) -> None:
    core_cache._down_until.clear()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


@pytest.fixture
def redis_down(settings):
    kill_cache(settings)
    yield
    core_cache._down_until.clear()


@pytest.fixture
def seeded(db):
    seed_catalog()
    seed_guides()
    slugs = list(Product.objects.active().order_by("slug").values_list("slug", flat=True)[:3])
    comparison_share(slugs=slugs, params={}, on=timezone.localdate())
    return slugs


def test_every_public_page_is_served_without_the_cache(seeded, settings):
    client = Client(raise_request_exception=False)
    paths = public_paths()
    with_cache = {path: client.get(path) for path in paths}
    kill_cache(settings)
    for path in paths:
        response = client.get(path)
        assert response.status_code == with_cache[path].status_code, path  # never a 500
    assert sum(r.status_code == 200 for r in with_cache.values()) >= 30
    core_cache._down_until.clear()


def test_a_cache_failure_is_remembered_for_a_moment(redis_down, monkeypatch):
    assert cache.get("anything", "default") == "default"  # connection refused: a miss
    backend = cache._connections[cache._alias]  # type: ignore[attr-defined]
    assert backend.is_down()

    def no_call(*args, **kwargs):
        raise AssertionError("Redis is not tried again during the pause")

    monkeypatch.setattr(backend._cache, "get_client", no_call)
    assert cache.get_many(["a", "b"]) == {}
    cache.set("a", 1)
    assert cache.add("a", 1) is False
    with pytest.raises(core_cache.CacheUnavailable):
        cache.incr("counter")


def test_share_posts_are_refused_with_503_and_retry_after(seeded, redis_down):
    client = Client()
    data = {"products": ",".join(seeded[:2])}
    zh = client.post("/compare/share/", data)
    assert zh.status_code == 503
    assert zh["Retry-After"] == "30"
    assert "请稍后再试" in zh.content.decode()
    en = client.post("/en/compare/share/", data)
    assert en.status_code == 503
    assert "try again in a minute" in en.content.decode()


def test_fee_data_version_comes_from_the_database(redis_down, django_capture_on_commit_callbacks):
    before = fee_data_version()
    assert before == stored_version()
    with django_capture_on_commit_callbacks(execute=True):
        make_brand()  # a saved change bumps the version in the database
    assert fee_data_version() == before + 1


def test_healthz_is_200_and_degraded_and_readyz_ready(client, redis_down):
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["ready"] is True


def test_readyz_fails_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["ready"] is False


def test_login_lockout_keeps_working(redis_down):
    make_staff("editor", "fee editors")
    client = Client()
    for _ in range(5):
        client.post("/en/admin/login/", {"username": "editor", "password": "wrong"})
    locked = client.post("/en/admin/login/", {"username": "editor", "password": PASSWORD})
    assert locked.status_code == 429
