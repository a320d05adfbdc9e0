"""Security headers on the main pages, with production settings (HTTPS, DEBUG off)."""

from __future__ import annotations

import pytest

from catalog.seed import seed_catalog

pytestmark = pytest.mark.django_db

MAIN_PAGES = ["/", "/en/", "/products/", "/brands/", "/compare/"]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    seed_catalog()
    return settings


def csp_directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_headers_on_main_pages(client, production, path):
    response = client.get(path, secure=True)
    assert response.status_code in (200, 400)  # /compare/ without products explains itself
    csp = csp_directives(response["Content-Security-Policy"])
    for directive in csp.values():
        assert "'unsafe-inline'" not in directive and "'unsafe-eval'" not in directive
    assert csp["default-src"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    hsts = response["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_plain_http_redirects_to_https(client, production):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_admin_is_never_cached(client, production):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_cookies_are_host_prefixed_secure_httponly(client, production, django_user_model):
    response = client.get("/admin/login/", secure=True)
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"] and cookie["httponly"] and cookie["path"] == "/"
    assert not cookie["domain"]
    django_user_model.objects.create_superuser("root", "root@example.com", "pw-123-long-enough")
    response = client.post(
        "/admin/login/",
        {"username": "root", "password": "pw-123-long-enough", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["path"] == "/"
