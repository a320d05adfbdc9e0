"""The rate-change log: /api/v1/changes, the 费率变动记录 pages and their Atom feeds."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_brand, make_plan, make_product

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def history():
    lakala = make_brand(name="拉卡拉", name_en="Lakala", slug="lakala")
    other = make_brand(slug="other")
    alpha = make_product(lakala, name="甲机", name_en="Alpha", slug="alpha")
    make_plan(
        alpha,
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2026, 3, 1),
        rates={"credit_card": "0.60", "wechat": "0.38"},
        sim_fee_annual="48",
    )
    make_plan(
        alpha,
        valid_from=dt.date(2026, 3, 1),
        rates={"credit_card": "0.63", "alipay": "0.38"},
        sim_fee_annual="60",
        source_url="https://example.com/2026-notice",
    )
    beta = make_product(other, slug="beta")
    make_plan(
        beta,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 6, 1),
        rates={"credit_card": "0.55"},
    )
    make_plan(beta, valid_from=dt.date(2025, 6, 1), rates={"credit_card": "0.60"})


def test_every_change_is_an_event_with_old_new_date_and_source(client, history):
    data = client.get("/api/v1/changes?product=alpha").json()
    events = {(e["method"] or e["term"], e["kind"]): e for e in data["results"]}
    assert set(events) == {
        ("credit_card", "changed"),
        ("wechat", "removed"),
        ("alipay", "added"),
        ("sim_fee_annual", "changed"),
    }
    credit = events[("credit_card", "changed")]
    assert credit["old"]["percent"] == "0.6000"
    assert credit["new"]["percent"] == "0.6300"
    assert credit["valid_from"] == "2026-03-01"
    assert credit["source_url"] == "https://example.com/2026-notice"
    assert credit["brand"] == "lakala"
    assert events[("wechat", "removed")]["new"] is None
    sim = events[("sim_fee_annual", "changed")]
    assert (sim["old"], sim["new"]) == ("48.00", "60.00")


def test_changes_filter_by_brand_and_since(client, history):
    everything = client.get("/api/v1/changes").json()
    assert everything["count"] == 5
    assert [e["valid_from"] for e in everything["results"]][-1] == "2025-06-01"  # newest first
    other = client.get("/api/v1/changes?brand=other").json()
    assert [e["product"] for e in other["results"]] == ["beta"]
    recent = client.get("/api/v1/changes?since=2026-01-01").json()
    assert {e["product"] for e in recent["results"]} == {"alpha"}
    bad = client.get("/api/v1/changes?since=yesterday")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "since"


def test_change_log_page_for_the_market_and_a_brand(client, history):
    page = client.get("/changes/").content.decode()
    assert "费率变动记录" in page
    assert "0.60% → 0.63%" not in page  # before and after are in their own columns
    assert "0.63%" in page and "https://example.com/2026-notice" in page
    assert 'type="application/atom+xml"' in page
    brand = client.get("/changes/other/").content.decode()
    assert "beta" in brand and "alpha" not in brand.split("<table")[1]
    assert client.get("/changes/nope/").status_code == 404


def test_atom_feed(client, history):
    response = client.get("/en/changes/lakala/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert any("Credit card" in t and "0.60%" in t and "0.63%" in t for t in titles)
    assert all(e.findtext(f"{ATOM}updated", "").startswith("2026-03-01") for e in entries)


@pytest.mark.parametrize("n", [2, 20])
def test_change_log_queries_do_not_grow(client, django_assert_max_num_queries, n):
    for i in range(n):
        p = make_product(slug=f"p{i}")
        make_plan(
            p,
            valid_from=dt.date(2024, 1, 1),
            valid_to=dt.date(2025, 1, 1),
            rates={"credit_card": "0.5"},
        )
        make_plan(p, valid_from=dt.date(2025, 1, 1), rates={"credit_card": "0.6"})
    client.get("/api/v1/brands")
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/changes?page_size=100").json()["count"] == n
    with django_assert_max_num_queries(6):
        assert client.get("/changes/").status_code == 200
