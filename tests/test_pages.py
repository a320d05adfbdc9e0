"""Site-level pages: home in both languages, health check."""

from __future__ import annotations

import pytest
from django.db import connection

from catalog.models import Brand
from catalog.seed import seed_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_catalog()


def test_home_lists_every_brand_in_chinese(client, seeded, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html
    for brand in Brand.objects.all():
        assert brand.name in html
    assert "哪款POS机最省钱？" in html
    assert 'href="/en/"' in html  # language switch


def test_home_in_english(client, seeded):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    lakala = Brand.objects.get(slug="lakala")
    assert lakala.name_en in html
    assert "Which POS terminal costs you least?" in html


def test_hreflang_links(client, seeded):
    html = client.get("/brands/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/brands/"' in html
    assert 'hreflang="zh-Hans" href="http://testserver/brands/"' in html


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_dead_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
