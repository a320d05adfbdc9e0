"""The comparison in a real Chromium: from the catalog tray to a comparison, the volume changed
in place, shared, opened in a fresh browser context with the same totals; print emulation; a
390 px phone (the table scrolls sideways with its row labels pinned)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from compare.models import SharedComparison
from tests.catalog.rows import build_catalog
from tests.e2e.conftest import watch_errors


@pytest.fixture
def cat(transactional_db):
    return build_catalog()


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console and page errors (CSP violations show up here), except the browser's own note on
    our deliberate 400 answers."""
    return watch_errors(page)


def totals(page: Page) -> list[str]:
    return page.locator(".compare-table tr.row-total td .cell-text").all_inner_texts()


def test_tray_to_comparison_to_shared_link(
    page: Page, browser: Browser, live_server, cat, console_errors, screenshot_dir
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/products/?sort=name")
    page.locator("#product-a-esign").get_by_role("button", name="加入对比").click()
    expect(page.locator("#tray")).to_contain_text("1/6")
    page.locator("#product-b-smart").get_by_role("button", name="加入对比").click()
    expect(page.locator("#tray")).to_contain_text("2/6")
    page.locator("#tray").get_by_role("link", name="开始对比").click()

    expect(page).to_have_url(re.compile(r"/compare/\?products=a-esign,b-smart$"))
    status = page.locator(".compare-status")
    expect(status).to_contain_text("月流水 30,000 元")
    expect(page.locator(".compare-table thead")).to_contain_text("A 电签")
    expect(page.locator(".compare-table thead")).to_contain_text("B 智能")
    before = totals(page)
    assert len(before) == 2 and all(t.endswith(" 元") for t in before)
    page.evaluate("window.__sameDocument = true")

    # Change the volume in place: the table updates, the address bar follows.
    volume = page.locator("#id_volume")
    volume.fill("")
    volume.press_sequentially("80000", delay=30)
    expect(status).to_contain_text("月流水 80,000 元")
    expect(page).to_have_url(re.compile(r"/compare/\?products=a-esign,b-smart&volume=80000&"))
    assert page.evaluate("window.__sameDocument === true")
    after = totals(page)
    assert after != before
    expect(page.locator(".chart-svg path")).to_have_count(2)
    expect(page.locator(".compare-words")).to_contain_text("盈亏平衡")

    # Only the differences, in place, and back; the "Apply" button is for browsers without JS.
    expect(page.get_by_role("button", name="应用")).to_be_hidden()
    page.get_by_label("只看不同").check()
    expect(page).to_have_url(re.compile(r"&diff=1$"))
    expect(page.locator(".compare-table .row-t1")).to_have_count(0)
    expect(page.locator(".compare-table .row-total")).to_have_count(1)
    page.get_by_label("只看不同").uncheck()
    expect(page.locator(".compare-table .row-t1")).to_have_count(1)
    expect(page).not_to_have_url(re.compile(r"diff=1"))
    assert page.evaluate("window.__sameDocument === true")
    page.screenshot(path=screenshot_dir / "compare-desktop.png", full_page=True)
    # Printing the live page prints the comparison, not the form.
    page.emulate_media(media="print")
    expect(page.locator(".compare-table")).to_be_visible()
    expect(page.locator("#id_volume")).to_be_hidden()
    page.emulate_media(media="screen")

    # Share (the form is loaded after the cached page): a new page at /s/<code>/ with the
    # same totals.
    page.get_by_role("button", name="分享：生成链接和二维码").click()
    expect(page).to_have_url(re.compile(r"/s/[a-z0-9]{10}/$"))
    code = page.url.rstrip("/").rsplit("/", 1)[1]
    assert totals(page) == after
    # The link names the site's own address (DJANGO_SITE_URL), never the Host it was asked on.
    expect(page.locator("#share-url")).to_have_value(f"{settings.SITE_URL}/s/{code}/")
    page.get_by_text("二维码", exact=True).click()
    qr = page.locator(".share-tools img.qr")
    expect(qr).to_be_visible()
    assert page.evaluate("document.querySelector('.share-tools img.qr').naturalWidth") > 100

    # Print: A4 stylesheet, no navigation, provenance and the date printed.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".share-tools")).to_be_hidden()
    expect(page.locator(".print-provenance")).to_be_visible()
    expect(page.locator(".print-provenance")).to_contain_text(f"/s/{code}/")
    page.screenshot(path=screenshot_dir / "shared-print.png", full_page=True)
    page.emulate_media(media="screen")

    # A fresh browser (another person, no session) — a phone in WeChat: the same totals; the
    # view is counted (headless Chromium's own user agent would count as a robot).
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI",
    )
    merchant = context.new_page()
    merchant.goto(f"{live_server.url}/s/{code}/")
    assert totals(merchant) == after
    expect(merchant.locator(".compare-status")).to_contain_text("月流水 80,000 元")
    assert merchant.evaluate("document.documentElement.scrollWidth") <= 390
    merchant.screenshot(path=screenshot_dir / "shared-390.png", full_page=True)
    context.close()
    assert SharedComparison.objects.get(code=code).view_count == 1
    assert console_errors == []


def test_phone_table_scrolls_with_pinned_labels(page: Page, live_server, cat, console_errors,
                                                screenshot_dir):  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/compare/?products=a-esign,b-smart,d-old,f-two&preset=restaurant")
    expect(page.locator(".compare-status")).to_contain_text("4 款终端")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=screenshot_dir / "compare-390.png", full_page=True)

    scroller = page.locator(".compare-scroll")
    scroller.scroll_into_view_if_needed()
    label = page.locator(".compare-table tr.row-total th[scope=row]")
    first_cell = page.locator(".compare-table tr.row-total td").first
    label_x = label.bounding_box()["x"]
    cell_x = first_cell.bounding_box()["x"]
    scroller.evaluate("el => { el.scrollLeft = 300; }")
    page.wait_for_timeout(100)
    assert abs(label.bounding_box()["x"] - label_x) < 1  # the label stays put
    assert first_cell.bounding_box()["x"] < cell_x - 250  # the columns moved
    page.screenshot(path=screenshot_dir / "compare-390-scrolled.png", full_page=False)
    assert console_errors == []


def test_bad_input_shows_a_message_and_keeps_it(page: Page, live_server, cat, console_errors):
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(live_server.url + "/en/compare/?products=a-esign,nope&volume=3x")
    assert response is not None and response.status == 400
    expect(page.locator(".compare-results .notice-bad")).to_contain_text(
        "We have no terminal called nope."
    )
    expect(page.locator("#error-volume")).to_contain_text("Enter a monthly volume")
    expect(page.locator("#id_volume")).to_have_value("3x")
    # Without products the page invites to choose some; the picker adds one.
    page.goto(live_server.url + "/en/compare/")
    page.locator("#id_add").select_option("a-esign")
    expect(page).to_have_url(re.compile(r"/en/compare/\?products=a-esign&"))
    expect(page.locator(".compare-results .notice-bad")).to_contain_text("Choose at least 2")
    page.locator("#id_add").select_option("b-smart")
    expect(page).to_have_url(re.compile(r"/en/compare/\?products=a-esign,b-smart&"))
    expect(page.locator(".compare-status")).to_contain_text("2 terminals compared")
    page.locator("#id_add").select_option("f-two")
    expect(page.locator(".compare-status")).to_contain_text("3 terminals compared")
    # Enter in a field updates the comparison; it does not press a remove button.
    page.locator("#id_volume").fill("45000")
    page.locator("#id_volume").press("Enter")
    expect(page.locator(".compare-status")).to_contain_text("45,000 元 a month")
    expect(page.locator(".compare-table thead th.compare-head")).to_have_count(3)
    page.get_by_role("button", name="Remove Alpha Pay B smart from the comparison").click()
    expect(page).to_have_url(re.compile(r"/en/compare/\?products=a-esign,f-two&volume=45000&"))
    expect(page.locator(".compare-table thead th.compare-head")).to_have_count(2)
    assert console_errors == []
