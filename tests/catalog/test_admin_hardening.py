"""Admin hardening: login throttling with a clear lock-out message, the admin URL from the
environment, no caching of admin pages, secure cookies in production."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.catalog.admin_helpers import PASSWORD, make_staff
from tests.test_settings import PRODUCTION_ENV, run

pytestmark = pytest.mark.django_db

LOGIN = "/en/admin/login/?next=/en/admin/"


def sign_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_right_password_signs_in():
    make_staff("editor", "fee editors")
    response = sign_in(Client(), "editor", PASSWORD)
    assert response.status_code == 302
    assert response.url == "/en/admin/"


def test_five_wrong_passwords_lock_the_account_out(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    make_staff("editor", "fee editors")
    client = Client()
    for _ in range(4):
        response = sign_in(client, "editor", "wrong")
        assert response.status_code == 200  # the normal form, with Django's error
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429
    # Even the right password is refused now, with a plain explanation.
    again = sign_in(client, "editor", PASSWORD)
    assert again.status_code == 429
    text = again.content.decode()
    assert "Too many failed sign-ins" in text
    assert "blocked for 15 minutes" in text
    assert "no-store" in again["Cache-Control"]
    assert again["Retry-After"] == str(15 * 60)


def test_lock_out_message_is_in_chinese_on_the_chinese_admin():
    make_staff("editor", "fee editors")
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_other_users_are_not_locked_out():
    make_staff("editor", "fee editors")
    make_staff("other", "sales")
    client = Client()
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "other", PASSWORD).status_code == 302


@pytest.mark.parametrize("url", ["/en/admin/login/", "/en/admin/", "/en/admin/catalog/plan/"])
def test_admin_pages_are_never_cached(client, url):
    if "login" not in url:
        client.force_login(make_staff("editor", "fee editors"))
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


ADMIN_URL = (
    "import django; django.setup(); from django.urls import reverse; "
    "from django.utils import translation; translation.activate('zh-hans'); "
    "print(reverse('admin:index'))"
)


def test_admin_url_comes_from_the_environment():
    result = run(ADMIN_URL, DJANGO_DEBUG="1", DJANGO_ADMIN_URL="backoffice-7f3a/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/backoffice-7f3a/"
    default = run(ADMIN_URL, DJANGO_DEBUG="1")
    assert default.stdout.strip() == "/admin/"


COOKIES = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
    " s.AUTHENTICATION_BACKENDS[0], 'axes.middleware.AxesMiddleware' in s.MIDDLEWARE]))"
)


def test_production_cookies_are_secure_and_throttling_is_on():
    result = run(COOKIES, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, True, True, "core.auth.LoginThrottleBackend", True]
