"""Staff sessions end after 30 minutes idle and 12 hours in all; anonymous tray sessions keep
their two weeks; signed-in pages and /compare/links/ are private, no-store."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from core.middleware import SignedInSessionMiddleware as M
from tests.catalog.admin_helpers import make_staff
from tests.factories import make_alpha_bravo

pytestmark = pytest.mark.django_db

ADMIN = "/en/admin/"


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(make_staff("editor", "fee editors"))
    assert M.STARTED in client.session  # the clocks start at sign-in
    return client


def move_clocks(client: Client, *, started: int = 0, seen: int = 0) -> None:
    """Pretend the sign-in was ``started`` seconds ago and the last request ``seen`` ago."""
    session = client.session
    now = int(time.time())
    session[M.STARTED] = now - started
    session[M.SEEN] = now - seen
    session.save()


def test_staff_session_lives_30_minutes_idle(staff_client, settings):
    assert settings.STAFF_SESSION_IDLE_SECONDS == 30 * 60
    assert staff_client.session.get_expiry_age() == 30 * 60
    move_clocks(staff_client, started=3600, seen=29 * 60)
    assert staff_client.get(ADMIN).status_code == 200  # 29 minutes idle: still signed in
    move_clocks(staff_client, started=3600, seen=31 * 60)
    response = staff_client.get(ADMIN)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "_auth_user_id" not in staff_client.session


def test_staff_session_ends_12_hours_after_sign_in_even_when_busy(staff_client, settings):
    assert settings.STAFF_SESSION_MAX_SECONDS == 12 * 3600
    move_clocks(staff_client, started=12 * 3600 - 60, seen=10)
    assert staff_client.get(ADMIN).status_code == 200
    move_clocks(staff_client, started=12 * 3600 + 1, seen=10)
    response = staff_client.get(ADMIN)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_anonymous_tray_session_keeps_its_lifetime(client):
    make_alpha_bravo()
    client.post("/tray/", {"action": "add", "product": "alpha", "next": "/products/"})
    assert client.session.get_expiry_age() == 14 * 24 * 3600
    assert M.STARTED not in client.session


@pytest.mark.parametrize("url", ["/", "/en/products/", "/en/compare/links/", ADMIN])
def test_signed_in_pages_are_private_no_store(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code in (200, 403)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_my_links_is_no_store_even_for_the_sign_in_redirect(client):
    response = client.get("/compare/links/")
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    anonymous = client.get("/en/products/")
    assert "no-store" not in anonymous.get("Cache-Control", "")
