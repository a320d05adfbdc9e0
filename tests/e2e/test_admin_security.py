"""In Chromium: a staff member's first sign-in sets up two-factor sign-in (QR code, first code,
recovery codes), and the admin's export page's "select all" works under the site's CSP."""

from __future__ import annotations

import base64
import re

from playwright.sync_api import Page, expect

from tests.catalog.admin_helpers import PASSWORD, make_staff
from tests.e2e.test_admin_fee_editor import plan, sign_in  # noqa: F401 - the fixture
from tests.factories import totp


def test_first_sign_in_sets_up_two_factor(
    page: Page, live_server, screenshot_dir, transactional_db
):
    make_staff("newcomer", "fee editors", authenticator=False)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/en/admin/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    qr = page.get_by_role("img", name="QR code of the authenticator key")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 100  # the data: image is allowed by the CSP
    page.screenshot(path=screenshot_dir / "admin-two-factor-setup-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshot_dir / "admin-two-factor-setup-390.png", full_page=True)
    key = page.locator("code").first.inner_text()
    hex_key = base64.b32decode(key + "=" * (-len(key) % 8)).hex()
    page.get_by_label("Code").fill(totp(hex_key))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is set up")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z0-9]+", c) for c in codes)
    page.screenshot(path=screenshot_dir / "admin-two-factor-codes-390.png", full_page=True)
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e]


def test_export_select_all_works_under_the_csp(page: Page, live_server, plan, screenshot_dir):  # noqa: F811
    make_staff("editor", "fee editors")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + "/en/admin/catalog/plan/export/")
    toggle = page.locator("input.select-toggle")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 5
    toggle.uncheck()
    assert all(not fields.nth(i).is_checked() for i in range(fields.count()))
    toggle.check()
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))
    page.screenshot(path=screenshot_dir / "admin-export-1280.png", full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e], errors
