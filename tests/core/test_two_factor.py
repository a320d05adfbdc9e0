"""Two-factor sign-in for staff: enrolment on the first sign-in (QR code, first code, recovery
codes), the code on every later sign-in, recovery codes that work once, admin and staff pages
refused to a session without the second factor, and the command for the first superuser. The
codes are computed here from the key (RFC 6238), not by the library."""

from __future__ import annotations

import base64
import datetime as dt
import re
from io import StringIO
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.catalog.admin_helpers import PASSWORD, make_staff
from tests.factories import TOTP_KEY, totp

pytestmark = pytest.mark.django_db

LOGIN = "/en/admin/login/"
ADMIN = "/en/admin/"
VERIFY = "/en/admin/two-factor/"
SETUP = "/en/admin/two-factor/setup/"


def password_step(username: str) -> Client:
    client = Client()
    response = client.post(f"{LOGIN}?next={ADMIN}", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def key_on_page(html: str) -> str:
    """The authenticator key shown to type in (base32), as hex."""
    b32 = re.search(r"<code>([A-Z2-7]+)</code>", html).group(1)
    return base64.b32decode(b32 + "=" * (-len(b32) % 8)).hex()


def wait_out_the_throttle() -> None:
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - dt.timedelta(minutes=5))


def test_first_sign_in_sets_up_the_authenticator_then_shows_recovery_codes():
    make_staff("editor", "fee editors", authenticator=False)
    client = password_step("editor")
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert unquote(response["Location"]) == f"{SETUP}?next={ADMIN}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, allowed by the CSP's img-src
    key = key_on_page(html)
    wrong = client.post(SETUP, {"token": "000000" if totp(key) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    # Right after a wrong code even the right one is refused for a moment (django-otp's
    # throttling: 1 s, then 2, 4, …); once the moment has passed it is accepted.
    assert client.post(SETUP, {"token": totp(key)}).status_code == 400
    wait_out_the_throttle()
    done = client.post(SETUP, {"token": totp(key), "next": ADMIN})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "no-store" in done["Cache-Control"]
    assert client.get(ADMIN).status_code == 200  # signed in with both factors


def test_later_sign_ins_ask_for_the_code():
    make_staff("editor", "fee editors")  # has an authenticator with the test key
    client = password_step("editor")
    response = client.get("/en/admin/catalog/plan/")
    assert response.status_code == 302
    assert unquote(response["Location"]) == f"{VERIFY}?next=/en/admin/catalog/plan/"
    wrong = client.post(VERIFY, {"token": "12345", "next": "/en/admin/catalog/plan/"})
    assert wrong.status_code == 400
    assert client.get(ADMIN).status_code == 302  # still not through
    wait_out_the_throttle()
    code = totp(TOTP_KEY)
    ok = client.post(VERIFY, {"token": code, "next": "/en/admin/catalog/plan/"})
    assert ok.status_code == 302 and ok["Location"] == "/en/admin/catalog/plan/"
    assert client.get("/en/admin/catalog/plan/").status_code == 200
    # The same code cannot be used again (replay), in another session.
    again = password_step("editor")
    assert again.post(VERIFY, {"token": code}).status_code == 400


def test_a_recovery_code_works_once():
    make_staff("editor", "fee editors", authenticator=False)
    out = StringIO()
    call_command("two_factor", "editor", stdout=out)
    code = re.findall(r"^  ([a-z0-9]+)$", out.getvalue(), re.M)[0]
    first = password_step("editor")
    assert first.post(VERIFY, {"token": code}).status_code == 302
    assert first.get(ADMIN).status_code == 200
    second = password_step("editor")
    assert second.post(VERIFY, {"token": code}).status_code == 400


def test_the_command_sets_up_the_first_superuser():
    make_staff("root", superuser=True, authenticator=False)
    out = StringIO()
    call_command("two_factor", "root", stdout=out)
    text = out.getvalue()
    secret = re.search(r"secret=([A-Z2-7]+)", text).group(1)
    assert "otpauth://totp/" in text
    assert len(re.findall(r"^  [a-z0-9]+$", text, re.M)) == 10
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    client = password_step("root")
    assert client.post(VERIFY, {"token": totp(key)}).status_code == 302
    assert client.get(ADMIN).status_code == 200


@pytest.mark.parametrize(
    "url", [ADMIN, "/admin/", "/en/admin/catalog/plan/", "/en/compare/links/", "/compare/links/"]
)
def test_staff_pages_refuse_a_session_without_the_second_factor(url):
    client = Client()
    client.force_login(make_staff("seller", "sales"), second_factor=False)
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/two-factor/" in response["Location"]


def test_the_pages_are_in_chinese():
    make_staff("editor", "fee editors")
    client = Client()
    client.post("/admin/login/?next=/admin/", {"username": "editor", "password": PASSWORD})
    page = client.get("/admin/two-factor/?next=/admin/").content.decode()
    assert "双重验证" in page
