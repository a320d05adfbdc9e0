"""/brands/ and /brands/<slug>/: licence or "terminal maker", hotline, website, products, costs."""

from __future__ import annotations

import re

import pytest

from tests.catalog.rows import build_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat():
    return build_catalog()


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class TestBrandList:
    def test_licence_or_terminal_maker(self, client, cat):
        page = text(client.get("/en/brands/"))
        assert "Alpha Pay" in page
        assert "Payment licence Z2000000000001" in page
        assert f"valid until {cat.alpha.licence_valid_until.isoformat()}" in page
        assert "Terminal maker, not an acquirer" in page
        assert "Service hotline 95000-1" in page
        # Gamma's licence date has passed.
        assert re.search(r"Z2000000000003 · expired", page)

    def test_cost_range_per_brand(self, client, cat):
        # Alpha's products on sale for the retail profile: a-esign 140.00, b-smart 164.92
        # (e-mpos has no plan in force). See test_product_list for the arithmetic.
        page = text(client.get("/en/brands/"))
        assert "140.00 to 164.92 元 a month" in page
        assert "no terminal can serve the default profile" in page  # beta: only the QR plate


class TestBrandDetail:
    def test_acquirer(self, client, cat):
        response = client.get("/en/brands/alpha/")
        assert response.status_code == 200
        page = text(response)
        html = response.content.decode()
        assert "Z2000000000001" in page
        assert "Scope: Bank-card acquiring" in page
        assert f"Valid until {cat.alpha.licence_valid_until.isoformat()}" in page
        assert 'href="tel:950001"' in html
        assert 'href="https://alpha.example.com/"' in html
        assert "140.00 to 164.92 元 a month" in page
        for slug in ("a-esign", "b-smart", "e-mpos"):
            assert f'id="product-{slug}"' in html

    def test_terminal_maker(self, client, cat):
        page = text(client.get("/en/brands/beta/"))
        assert "None: a terminal maker, not an acquirer." in page
        assert "not recorded" in page  # no hotline, no website

    def test_expired_licence_is_flagged(self, client, cat):
        page = text(client.get("/en/brands/gamma/"))
        assert "expired" in page
        assert "renewed" in page

    def test_chinese(self, client, cat):
        page = text(client.get("/brands/alpha/"))
        assert "阿尔法支付" in page
        assert "支付业务许可证" in page

    def test_unknown_brand_is_404(self, client, cat):
        assert client.get("/brands/nobody/").status_code == 404
