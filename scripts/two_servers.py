"""Two app servers, one PostgreSQL, one Redis: the app keeps no state of its own.

    python scripts/two_servers.py            (or: make two-servers; CI runs it)

Starts the production configuration twice (gunicorn on two loopback ports) on one fresh
PostgreSQL database and one Redis database, then checks, through HTTP only:

1. a comparison shared through server A opens on server B, with the same totals;
2. a fee change saved in the admin of server A is served by server B on the next request
   (B had the page in its cache before the change);
3. the share rate limit counts across both servers: the requests that A and B accept together
   stay within the limit, and the next one is refused with 429 on either server.

Exit status 0 when every check holds.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import http.cookiejar
import os
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.prodserver import app_server, manage, prepared_env  # noqa: E402

RATE_CODE = "from django.conf import settings; print(settings.SHARE_RATE_ANONYMOUS)"
ADMIN_PASSWORD = "two-servers-check-Pw-2026"  # a throwaway account in a throwaway database
TOTP_KEY = "3132333435363738393031323334353637383930"  # its authenticator's key (RFC 6238's)


def totp(key_hex: str, step: int = 30) -> str:
    """The code an authenticator app shows now for ``key_hex`` (RFC 6238, SHA-1, 6 digits)."""
    counter = struct.pack(">Q", int(time.time() // step))
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


class FormParser(HTMLParser):
    """Collects the fields of the first form whose action matches (or the first form)."""

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__()
        self.form_id = form_id
        self.depth = 0
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_selected = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if (
            tag == "form"
            and not self.done
            and (self.form_id is None or a.get("id") == self.form_id)
        ):
            self.depth = 1
            return
        if not self.depth:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_value, self._select_selected = name, None, False
        elif tag == "option" and self._select is not None:
            # The selected option's value, or the first option's when none is selected.
            if "selected" in a or (self._select_value is None and not self._select_selected):
                self._select_value = a.get("value", "")
                self._select_selected = "selected" in a
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "select" and self._select is not None:
            self.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "form":
            self.depth = 0
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def form_fields(page: str, form_id: str | None = None) -> dict[str, list[str]]:
    parser = FormParser(form_id)
    parser.feed(page)
    fields: dict[str, list[str]] = {}
    for name, value in parser.fields:
        fields.setdefault(name, []).append(html.unescape(value))
    return fields


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(
        self, url: str, data: dict[str, list[str]] | None = None, referer: str = ""
    ) -> tuple[int, Message, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, headers={"Referer": referer or url})
        try:
            response = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        # The servers run the production settings over plain HTTP on loopback: keep sending
        # their Secure (__Host-) cookies, as a browser does for http://localhost.
        for cookie in self.jar:
            cookie.secure = False
        return response.status, response.headers, response.read().decode("utf-8", "replace")


def check(label: str, ok: bool, detail: str = "") -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {label}{': ' + detail if detail and not ok else ''}")
    return ok


def totals(page: str) -> list[str]:
    """The money figures on a comparison page, in order."""
    return re.findall(r"\d[\d,]*\.\d\d(?= ?元)", page)


def main() -> int:
    results: list[bool] = []
    # Names and ports can be moved (TWO_SERVERS_*) so that several checkouts run it side by side.
    name = os.environ.get("TWO_SERVERS_DB", "poscompare_two_servers")
    redis_db = int(os.environ.get("TWO_SERVERS_REDIS_DB", "8"))
    port_a, port_b = (int(p) for p in os.environ.get("TWO_SERVERS_PORTS", "8401,8402").split(","))
    with prepared_env(db="postgres", name=name, redis_db=redis_db) as env:
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            "from django_otp.plugins.otp_totp.models import TOTPDevice; "
            f"u = User.objects.create_superuser('root', 'root@example.com', '{ADMIN_PASSWORD}'); "
            f"TOTPDevice.objects.create(user=u, name='check', confirmed=True, key='{TOTP_KEY}')",
        )
        slugs = (
            manage(
                env,
                "shell",
                "-c",
                "from catalog.models import Product; print(','.join(Product.objects.active()"
                ".filter(plans__rates__method='credit_card').distinct().order_by('slug')"
                ".values_list('slug', flat=True)[:2]))",
            )
            .strip()
            .splitlines()[-1]
        )
        with app_server(env, port=port_a) as a, app_server(env, port=port_b) as b:
            # 1. Share on A, open on B.
            merchant = Browser()
            compare = f"/compare/?products={slugs}&volume=40000"
            share_form = f"/compare/share/?products={slugs}&volume=40000"
            status, _, page = merchant.request(a.url + share_form)
            fields = form_fields(page, "share-form")
            status, headers, _ = merchant.request(
                a.url + "/compare/share/", fields, referer=a.url + compare
            )
            location = headers.get("Location", "")
            results.append(
                check(
                    "share on A answers a redirect to /s/<code>/",
                    status in (302, 303) and "/s/" in location,
                    f"{status} {location}",
                )
            )
            shared_path = urllib.parse.urlsplit(location).path
            status_a, _, on_a = Browser().request(a.url + shared_path)
            status_b, _, on_b = Browser().request(b.url + shared_path)
            results.append(
                check(
                    "the shared link opens on B",
                    shared_path.startswith("/s/") and status_b == 200,
                    str(status_b),
                )
            )
            results.append(
                check(
                    "with the same totals as on A",
                    status_a == 200 and totals(on_a) == totals(on_b) and bool(totals(on_b)),
                )
            )

            # 2. A fee change saved through A's admin is served by B on the next request.
            product = slugs.split(",")[0]
            page_path = f"/en/products/{product}/"
            _, _, before = Browser().request(b.url + page_path)  # B caches the page
            admin = Browser()
            _, _, login = admin.request(a.url + "/admin/login/")
            login_fields = form_fields(login)
            login_fields.update(username=["root"], password=[ADMIN_PASSWORD], next=["/admin/"])
            status, _, _ = admin.request(a.url + "/admin/login/", login_fields)
            _, _, verify = admin.request(a.url + "/admin/two-factor/?next=/admin/")
            code_fields = form_fields(verify)
            code_fields.update(token=[totp(TOTP_KEY)])
            second, _, _ = admin.request(a.url + "/admin/two-factor/", code_fields)
            results.append(
                check(
                    "sign in to A's admin (password, then the authenticator's code)",
                    status == 302 and second == 302,
                    f"{status} {second}",
                )
            )
            plan_id = (
                manage(
                    env,
                    "shell",
                    "-c",
                    "from catalog.models import Plan; import datetime as d; "
                    f"print(Plan.objects.current(on=d.date.today()).get(product__slug='{product}').pk)",
                )
                .strip()
                .splitlines()[-1]
            )
            change = f"{a.url}/admin/catalog/plan/{plan_id}/change/"
            _, _, form_page = admin.request(change)
            data = form_fields(form_page, "plan_form")
            rate_prefix = next(
                k.removesuffix("-method")
                for k, v in data.items()
                if k.endswith("-method") and v == ["credit_card"]
            )
            old = data[f"{rate_prefix}-percent"][0]
            new = f"{float(old) + 0.37:.2f}"  # a change nobody could mistake
            data[f"{rate_prefix}-percent"] = [new]
            data["change_reason"] = ["two-server check: correction"]
            data["_save"] = ["Save"]
            status, _, body = admin.request(change, data, referer=change)
            results.append(
                check(
                    "save the changed rate in A's admin",
                    status == 302,
                    f"{status} {re.findall(r'errorlist[^<]*<li>([^<]*)', body)[:3]}",
                )
            )
            _, _, after = Browser().request(b.url + page_path)
            results.append(
                check(
                    f"B serves the new rate {new}% on the next request",
                    f"{new}%" in after and f"{new}%" not in before,
                )
            )

            # 3. The share rate limit counts across both servers.
            visitor = Browser()
            _, _, page = visitor.request(a.url + share_form)
            fields = form_fields(page, "share-form")
            accepted = refused = 0
            for i in range(60):
                server = (a, b)[i % 2]
                status, _, _ = visitor.request(
                    server.url + "/compare/share/", fields, referer=a.url + compare
                )
                if status in (302, 303):
                    accepted += 1
                elif status == 429:
                    refused += 1
            rate = manage(env, "shell", "-c", RATE_CODE).strip().splitlines()[-1]
            limit = int(rate.split("/")[0])
            results.append(
                check(
                    f"A and B together accept at most the limit ({limit})",
                    accepted <= limit and refused > 0,
                    f"{accepted} accepted",
                )
            )
    print("two servers:", "all checks hold" if all(results) else "FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
