"""The client's address behind trusted proxies (DJANGO_TRUSTED_PROXY_HOPS), for the login lockout
(and its audit rows) and the share rate limit: a proxy's X-Forwarded-For is believed as far as
the trusted hops go, a client's own (spoofed) entries never."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings

from core.clientip import client_ip
from tests.catalog.admin_helpers import PASSWORD, make_staff
from tests.factories import make_alpha_bravo

PROXY = "127.0.0.1"  # nginx on the app server's host
ALICE, BOB, SPOOF = "203.0.113.7", "198.51.100.20", "192.0.2.99"


def through_proxy(client_address: str, sent_by_client: str = "") -> dict[str, str]:
    """The request headers nginx passes on: it appends the address it saw to whatever
    X-Forwarded-For the client sent ($proxy_add_x_forwarded_for)."""
    forwarded = f"{sent_by_client}, {client_address}" if sent_by_client else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.mark.parametrize(
    ("hops", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": ALICE, "HTTP_X_FORWARDED_FOR": SPOOF}, ALICE),  # header ignored
        (1, through_proxy(ALICE), ALICE),
        (1, through_proxy(ALICE, sent_by_client=SPOOF), ALICE),
        (1, through_proxy(ALICE, sent_by_client=f"{SPOOF}, 10.0.0.1"), ALICE),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{SPOOF}, {ALICE}, 10.0.0.5"}, ALICE),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),  # no header: did not come through the proxy
        (2, through_proxy(ALICE), PROXY),  # fewer entries than trusted hops
        (1, through_proxy("not-an-address"), PROXY),
        (1, through_proxy("2001:db8::1"), "2001:db8::1"),
    ],
)
def test_client_ip(settings, hops, meta, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_one_setting_drives_axes_and_the_rate_limits(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.clientip.client_ip"
    assert settings.RATELIMIT_IP_META_KEY == "core.clientip.client_ip"


LOGIN = "/en/admin/login/"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1)
def test_lockout_is_per_client_behind_the_proxy():
    make_staff("editor", "fee editors")
    attacker = Client()
    for n in range(5):  # rotating a spoofed entry does not make a new client
        attacker.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            **through_proxy(ALICE, sent_by_client=f"10.9.9.{n}"),
        )
    locked = attacker.post(
        LOGIN, {"username": "editor", "password": PASSWORD}, **through_proxy(ALICE)
    )
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked out of the account.
    other = Client().post(LOGIN, {"username": "editor", "password": PASSWORD}, **through_proxy(BOB))
    assert other.status_code == 302
    # The audit row holds the client's address, not the proxy's nor a spoofed one.
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ALICE]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1, SHARE_RATE_ANONYMOUS="2/h")
def test_share_limit_is_per_client_behind_the_proxy():
    make_alpha_bravo()
    data = {"products": "alpha,bravo"}
    alice = Client()
    for _ in range(2):
        assert alice.post("/compare/share/", data, **through_proxy(ALICE)).status_code == 303
    spoofed = alice.post("/compare/share/", data, **through_proxy(ALICE, sent_by_client=SPOOF))
    assert spoofed.status_code == 429
    assert spoofed["Retry-After"] == "60"
    # The whole site is not one bucket: another client behind the proxy can still share.
    assert Client().post("/compare/share/", data, **through_proxy(BOB)).status_code == 303


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1)
def test_lockout_log_names_the_username_and_the_client_address(caplog):
    make_staff("editor", "fee editors")
    client = Client()
    with caplog.at_level("WARNING", logger="axes"):
        for _ in range(5):
            client.post(
                LOGIN, {"username": "editor", "password": "wrong"}, **through_proxy(ALICE, SPOOF)
            )
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    locked = [line for line in lines if "Locking out" in line]
    assert locked, lines
    assert all('username: "editor"' in line and f'ip_address: "{ALICE}"' in line for line in locked)
    assert SPOOF not in " ".join(lines)
