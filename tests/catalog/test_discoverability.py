"""Titles, descriptions, canonical and hreflang links, Open Graph, sitemap.xml, robots.txt."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.catalog.rows import build_catalog

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def cat():
    return build_catalog()


def head(client, url: str) -> dict[str, str]:
    html = client.get(url).content.decode()
    found = {"title": re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()}
    for attr in ("name", "property"):
        for key, value in re.findall(rf'<meta {attr}="([^"]+)" content="([^"]*)"', html):
            found[key] = value
    for rel, href in re.findall(r'<link rel="(canonical)" href="([^"]+)"', html):
        found[rel] = href
    for lang, href in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html):
        found[f"hreflang:{lang}"] = href
    return found


@pytest.mark.parametrize(
    ("url", "zh_title", "en_title"),
    [
        ("/products/", "POS机对比：费率、押金和流量费", "POS terminals compared"),
        ("/products/a-esign/", "A 电签：费率、押金和流量费", "A e-sign: fees, deposit and SIM fee"),
        ("/brands/", "POS品牌与收单机构", "POS brands and acquirers"),
        ("/brands/alpha/", "阿尔法支付 POS机", "Alpha Pay POS terminals"),
    ],
)
def test_titles_and_descriptions_in_both_languages(client, cat, url, zh_title, en_title):
    zh = head(client, url)
    en = head(client, "/en" + url)
    assert zh_title in zh["title"]
    assert en_title in en["title"]
    assert zh["description"] and en["description"]
    assert zh["description"] != en["description"]
    assert zh["og:title"] in zh["title"]
    assert en["og:description"] == en["description"]
    assert zh["og:locale"] == "zh_CN" and en["og:locale"] == "en_US"


def test_product_description_summarises_the_fees(client, cat):
    en = head(client, "/en/products/a-esign/")
    assert "Debit card 0.50%, capped at 20 元 per transaction" in en["description"]
    assert en["og:type"] == "product"
    zh = head(client, "/products/a-esign/")
    assert "押金 99 元，90 天内交易满 5 万元退还" in zh["description"]


def test_canonical_and_hreflang_drop_the_query(client, cat):
    found = head(client, "/en/products/?features=nfc&sort=name")
    assert found["canonical"] == "http://testserver/en/products/"
    assert found["og:url"] == "http://testserver/en/products/"
    assert found["hreflang:zh-Hans"] == "http://testserver/products/"
    assert found["hreflang:en"] == "http://testserver/en/products/"
    assert found["hreflang:x-default"] == "http://testserver/products/"


def test_language_switch_keeps_the_filters(client, cat):
    html = client.get("/products/?features=nfc").content.decode()
    assert 'href="/en/products/?features=nfc" hreflang="en"' in html


def test_hreflang_on_a_product_page(client, cat):
    found = head(client, "/products/a-esign/")
    assert found["canonical"] == "http://testserver/products/a-esign/"
    assert found["hreflang:en"] == "http://testserver/en/products/a-esign/"


def test_sitemap_lists_both_languages_with_alternates(client, cat):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = {u.find(f"{SM}loc").text: u for u in root.findall(f"{SM}url")}
    for path in ("/", "/products/", "/brands/", "/products/a-esign/", "/products/d-old/",
                 "/brands/beta/"):  # fmt: skip
        assert f"http://testserver{path}" in locs, path
        assert f"http://testserver/en{path}" in locs, path
    entry = locs["http://testserver/products/a-esign/"]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert alternates == {
        "zh-hans": "http://testserver/products/a-esign/",
        "en": "http://testserver/en/products/a-esign/",
        "x-default": "http://testserver/products/a-esign/",
    }
    # lastmod: the latest date a plan of the product was checked (its scheduled version).
    assert entry.find(f"{SM}lastmod").text == cat.today.isoformat()


def test_robots_txt(client, cat):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    assert "Disallow: /tray/" in body
    assert "Disallow: /en/tray/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "admin" not in body  # the admin path may be secret
