"""The comparison tray: add/remove up to six products, in the session, with and without htmx."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.tray import MAX_ITEMS, SESSION_KEY
from tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def products():
    return [make_product(slug=f"p{i}", name=f"终端{i}", name_en=f"Terminal {i}") for i in range(8)]


def post(client, action: str, slug: str = "", htmx: bool = False, next_url: str = "/products/"):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/products/"}
    return client.post(
        "/tray/",
        {"action": action, "product": slug, "next": next_url},
        **(headers if htmx else {}),
    )


def test_add_without_javascript_redirects_back(client, products):
    response = post(client, "add", "p1", next_url="/products/?features=nfc")
    assert response.status_code == 303
    assert response["Location"] == "/products/?features=nfc"
    assert client.session[SESSION_KEY] == ["p1"]
    html = client.get("/products/").content.decode()
    assert 'href="/compare/?products=p1"' in html


def test_add_two_and_open_the_comparison(client, products):
    post(client, "add", "p1")
    post(client, "add", "p2")
    html = client.get("/en/products/").content.decode()
    assert 'href="/en/compare/?products=p1,p2"' in html
    assert "Compare now" in html
    assert client.get("/compare/?products=p1,p2").status_code == 200


def test_add_twice_keeps_one(client, products):
    post(client, "add", "p1")
    post(client, "add", "p1")
    assert client.session[SESSION_KEY] == ["p1"]


def test_remove_and_clear(client, products):
    for slug in ("p1", "p2", "p3"):
        post(client, "add", slug)
    post(client, "remove", "p2")
    assert client.session[SESSION_KEY] == ["p1", "p3"]
    post(client, "clear")
    assert SESSION_KEY not in client.session


def test_at_most_six(client, products):
    for i in range(MAX_ITEMS):
        post(client, "add", f"p{i}")
    response = post(client, "add", "p7", htmx=True)
    assert response.status_code == 409
    assert "最多对比 6 款终端，请先移除一款。" in response.content.decode()
    assert len(client.session[SESSION_KEY]) == MAX_ITEMS
    assert "p7" not in client.session[SESSION_KEY]
    # Without JavaScript: redirected back with the message.
    response = post(client, "add", "p7")
    assert response.status_code == 303
    page = client.get("/products/?sort=name").content.decode()
    assert "最多对比 6 款终端，请先移除一款。" in page
    # The remaining "add" buttons are disabled when the tray is full.
    assert 'data-slug="p7"' in page
    assert page.count(" disabled>") == 2  # p6, p7


def test_htmx_gets_the_tray_fragment(client, products):
    response = post(client, "add", "p1", htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<aside id="tray"')
    assert 'data-slugs="p1"' in html
    assert 'value="/products/"' in html  # next = the page the tray is on, not /tray/


def test_unknown_product_is_refused(client, products):
    response = post(client, "add", "nope", htmx=True)
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_bad_action_is_refused(client, products):
    assert post(client, "explode", "p1", htmx=True).status_code == 400


def test_get_is_not_allowed(client):
    assert client.get("/tray/").status_code == 405


def test_csrf_is_required(products):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/tray/", {"action": "add", "product": "p1"}).status_code == 403


def test_next_must_be_on_this_site(client, products):
    response = post(client, "add", "p1", next_url="https://evil.example/")
    assert response["Location"] == "/products/"


def test_deleted_product_drops_out_of_the_tray(client, products):
    post(client, "add", "p1")
    post(client, "add", "p2")
    products[2].delete()  # p2
    html = client.get("/products/").content.decode()
    assert 'href="/compare/?products=p1"' in html


def test_tray_on_every_catalog_page(client, products):
    post(client, "add", "p1")
    brand = products[0].brand.slug
    for url in ("/products/", "/products/p1/", "/brands/", f"/brands/{brand}/"):
        html = client.get(url).content.decode()
        assert '<aside id="tray"' in html, url
        assert 'href="/compare/?products=p1"' in html, url


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.dictionaries(
        st.sampled_from(["action", "product", "next", "csrfmiddlewaretoken", "x"]),
        st.one_of(
            st.sampled_from(["add", "remove", "clear", "p1", "<script>alert(1)</script>",
                             "//evil.example/", "javascript:alert(1)", "a" * 3000]),
            st.text(max_size=40),
        ),
        max_size=5,
    )
)  # fmt: skip
def test_tray_post_never_500_nor_unescaped(client, products, data):
    for htmx in (False, True):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client.post("/tray/", data, **headers)
        assert response.status_code < 500
        body = response.content.decode("utf-8", "replace")
        assert "<script>alert(1)</script>" not in body
        if response.status_code in (302, 303):
            location = response["Location"]
            assert location.startswith("/") and not location.startswith("//"), location
