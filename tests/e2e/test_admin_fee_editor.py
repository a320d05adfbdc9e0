"""In Chromium: a fee editor signs in, makes a new plan version with a higher credit-card rate and
publishes it; the public pages and the prices show the new rate. A sales user can only look."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from catalog import pricing
from catalog.management.commands.setup_roles import setup_roles
from catalog.models import Plan
from tests.catalog.admin_helpers import PASSWORD, make_staff
from tests.factories import make_plan, make_product, totp


@pytest.fixture
def plan(transactional_db) -> Plan:
    setup_roles()
    today = timezone.localdate()
    product = make_product(slug="lakala-a8", name="拉卡拉 A8", name_en="Lakala A8")
    return make_plan(
        product,
        valid_from=today - dt.timedelta(days=60),
        verified_on=today - dt.timedelta(days=5),
        rates={
            "credit_card": "0.60",
            "debit_card": {"percent": "0.50", "cap": "20"},
            "wechat": "0.38",
            "alipay": "0.38",
            "unionpay_qr": "0.38",
            "contactless": "0.38",
        },
    )


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/en/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # The second factor: the code the authenticator shows for the test key.
    page.get_by_label("Code").fill(totp())
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def wholesale_monthly(plan_id: int) -> Decimal:
    plans = list(Plan.objects.filter(pk=plan_id).with_rates())
    result = pricing.price(plans, {"volume": "30000", "preset": "wholesale"})
    assert result is not None
    return result.costs[plan_id].monthly_average


def test_fee_editor_publishes_a_higher_credit_rate(page: Page, live_server, plan, screenshot_dir):
    make_staff("editor", "fee editors")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    base = live_server.url
    today = timezone.localdate()

    # Wholesale preset: 30,000 元/month at 3,000 元 a ticket; 45 % debit 0.50 % (15.00 a
    # ticket, under the 20 元 cap), 35 % credit, 20 % QR/contactless at 0.38 %.
    # Before: 30,000 × (0.45×0.50 + 0.35×0.60 + 0.20×0.38) % = 153.30 元 a month.
    assert wholesale_monthly(plan.pk) == Decimal("153.30")

    sign_in(page, base, "editor")
    page.goto(base + "/en/admin/catalog/plan/")
    page.get_by_role("link", name="拉卡拉 A8").first.click()
    page.get_by_role("link", name="New version").click()
    page.get_by_label("New version valid from").fill(today.isoformat())
    page.get_by_role("button", name="Create draft version").click()

    expect(page.locator(".messagelist").first).to_contain_text("Draft new version from")
    methods = page.locator("select[name$='-method']")
    index = next(i for i in range(methods.count()) if methods.nth(i).input_value() == "credit_card")
    prefix = methods.nth(index).get_attribute("name").removesuffix("-method")
    page.locator(f"input[name='{prefix}-percent']").fill("0.72")
    page.screenshot(path=screenshot_dir / "admin-draft-version-1280.png", full_page=True)
    page.get_by_role("button", name="Save and publish").click()

    expect(page.locator(".messagelist").first).to_contain_text("Published: in force from")
    page.screenshot(path=screenshot_dir / "admin-published-1280.png", full_page=True)
    # The admin works under the site's strict CSP (its only console error is the missing
    # /favicon.ico, which Django's admin does not link).
    assert not [e for e in errors if "Content Security Policy" in e]
    errors.clear()

    # The public product page shows the new rate on the next request.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/products/lakala-a8/")
    credit_row = page.locator(".fee-table tr").filter(has=page.locator("th", has_text="贷记卡"))
    expect(credit_row.locator("td").first).to_have_text("0.72%")
    page.screenshot(path=screenshot_dir / "product-after-new-version-390.png", full_page=True)

    # The comparison page (same rates) and the prices for a merchant use it too.
    page.goto(base + "/en/compare/?products=lakala-a8")
    credit = page.locator(".compare-table tr.row-rate_credit_card td").first
    expect(credit).to_contain_text("0.72%")
    # One product alone: the page asks for a second one (status 400), which Chromium logs.
    errors[:] = [e for e in errors if "status of 400" not in e]
    current = Plan.objects.current(on=today).get(product__slug="lakala-a8")
    assert current.pk != plan.pk
    # After: 30,000 × (0.225 + 0.35×0.72 + 0.076) % = 30,000 × 0.553 % = 165.90 元 a month.
    assert wholesale_monthly(current.pk) == Decimal("165.90")
    # The calculator ranks it at the new price on the next request.
    page.goto(base + "/calculator/?volume=30000&preset=wholesale")
    card = page.locator(f"#plan-{current.pk}")
    expect(card).to_contain_text("165.90 元")
    assert errors == []


def test_sales_user_cannot_open_the_plan_change_page(page: Page, live_server, plan, screenshot_dir):
    make_staff("seller", "sales")
    base = live_server.url
    sign_in(page, base, "seller")

    page.goto(f"{base}/en/admin/catalog/plan/{plan.pk}/change/")
    expect(page.get_by_role("heading", name="View plan")).to_be_visible()
    expect(page.locator("input[name='_save']")).to_have_count(0)
    expect(page.locator("input[name$='-percent']")).to_have_count(0)
    expect(page.get_by_role("link", name="New version")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "admin-sales-view-plan-1280.png", full_page=True)

    response = page.goto(f"{base}/en/admin/catalog/plan/{plan.pk}/new-version/")
    assert response is not None and response.status == 403
    response = page.goto(f"{base}/en/admin/catalog/plan/add/")
    assert response is not None and response.status == 403
