"""Catalog pages in a real Chromium: live filters with a shareable URL, the comparison tray,
the product page, on a desktop and on a 390 px phone, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.catalog.rows import build_catalog


@pytest.fixture
def cat(transactional_db):
    return build_catalog()


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def cards(page: Page):
    return page.locator("#product-results .product-card")


def test_filters_update_the_list_and_the_url(page: Page, live_server, cat, console_errors,
                                             screenshot_dir):  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/products/")
    expect(cards(page)).to_have_count(5)
    page.evaluate("window.__sameDocument = true")

    page.locator("input[name=features][value=nfc]").check()
    expect(cards(page)).to_have_count(2)  # a-esign, b-smart
    expect(page).to_have_url(re.compile(r"/products/\?features=nfc$"))

    deposit = page.get_by_label("押金不超过（元）")
    deposit.fill("50")
    deposit.press("Enter")
    expect(cards(page)).to_have_count(1)
    expect(cards(page).first).to_have_attribute("id", "product-b-smart")
    expect(page).to_have_url(re.compile(r"/products/\?features=nfc&max_deposit=50$"))
    # The list changed without a page load: the marker set on the first page is still there.
    assert page.evaluate("window.__sameDocument === true")
    expect(page).to_have_title(re.compile("POS机"))
    page.screenshot(path=screenshot_dir / "catalog-list-filtered-desktop.png", full_page=True)

    # The URL is a link: loading it again shows the same list and the same form.
    page.reload()
    assert page.evaluate("window.__sameDocument === undefined")
    expect(cards(page)).to_have_count(1)
    expect(cards(page).first).to_have_attribute("id", "product-b-smart")
    expect(page.locator("input[name=features][value=nfc]")).to_be_checked()
    expect(page.get_by_label("押金不超过（元）")).to_have_value("50")

    # A value the server refuses gets a message beside the field; what was typed stays.
    # (The browser itself refuses numbers outside the inputs' min/max.)
    page.get_by_label("机具价格最低（元）").fill("300")
    page.get_by_label("机具价格最高（元）").fill("100")
    page.get_by_label("机具价格最高（元）").press("Enter")
    expect(page.locator("#errors-max_price")).to_contain_text("机具最低价不能高于最高价。")
    expect(page.locator("#product-results .notice-bad")).to_be_visible()
    expect(cards(page)).to_have_count(0)
    expect(page.get_by_label("机具价格最低（元）")).to_have_value("300")
    expect(page).to_have_url(re.compile(r"min_price=300&max_price=100$"))
    page.screenshot(path=screenshot_dir / "catalog-list-error-desktop.png", full_page=True)
    # Chromium logs the intended 400 response itself; nothing else may go wrong.
    assert [e for e in console_errors if "status of 400" not in e] == []


def test_tray_and_comparison(page: Page, live_server, cat, console_errors, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/products/?sort=name")
    tray = page.locator("#tray")
    expect(tray).to_contain_text("0/6")

    page.locator("#product-a-esign").get_by_role("button", name="加入对比").click()
    expect(tray).to_contain_text("1/6")
    expect(page.locator("#product-a-esign").get_by_role("button")).to_contain_text("移出对比")
    page.locator("#product-b-smart").get_by_role("button", name="加入对比").click()
    expect(tray).to_contain_text("2/6")
    expect(tray.get_by_role("link", name="A 电签")).to_be_visible()
    page.screenshot(path=screenshot_dir / "catalog-tray-desktop.png", full_page=False)

    # Removing from the tray updates the product's button too; adding back restores it.
    tray.get_by_role("button", name="从对比中移除 A 电签").click()
    expect(tray).to_contain_text("1/6")
    expect(page.locator("#product-a-esign").get_by_role("button")).to_contain_text("加入对比")
    page.locator("#product-a-esign").get_by_role("button", name="加入对比").click()
    expect(tray).to_contain_text("2/6")

    # The tray follows the merchant to the product page.
    page.goto(live_server.url + "/products/c-plate/")
    expect(page.locator("#tray")).to_contain_text("2/6")

    page.locator("#tray").get_by_role("link", name="开始对比").click()
    expect(page).to_have_url(re.compile(r"/compare/\?products=b-smart,a-esign$"))
    expect(page.get_by_role("link", name="A 电签")).to_be_visible()
    expect(page.get_by_role("link", name="B 智能")).to_be_visible()
    assert console_errors == []


def test_product_page_on_a_phone(page: Page, live_server, cat, console_errors, screenshot_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/products/a-esign/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A 电签")
    expect(page.get_by_text("押金 99 元，90 天内交易满 5 万元退还")).to_be_visible()
    expect(page.get_by_text("流量费 60 元/年，首年免费")).to_be_visible()
    page.screenshot(path=screenshot_dir / "catalog-product-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(live_server.url + "/products/c-plate/")
    expect(page.locator(".warning").first).to_contain_text("500 元")
    page.screenshot(path=screenshot_dir / "catalog-qr-plate-390.png", full_page=True)

    page.goto(live_server.url + "/products/")
    page.get_by_text("筛选和排序").click()
    page.locator("input[name=kind][value=smart]").check()
    expect(cards(page)).to_have_count(2)
    page.locator("#product-b-smart").get_by_role("button", name="加入对比").click()
    expect(page.locator("#tray")).to_contain_text("1/6")
    page.screenshot(path=screenshot_dir / "catalog-list-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(live_server.url + "/en/brands/alpha/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alpha Pay")
    page.screenshot(path=screenshot_dir / "catalog-brand-en-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert console_errors == []


def test_desktop_pages(page: Page, live_server, cat, console_errors, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, path in [
        ("catalog-product-desktop", "/products/a-esign/"),
        ("catalog-product-en-desktop", "/en/products/f-two/"),
        ("catalog-brands-desktop", "/brands/"),
        ("catalog-brand-desktop", "/brands/alpha/"),
        ("catalog-list-en-desktop", "/en/products/"),
        ("catalog-empty-desktop", "/products/?kind=qr_plate&features=nfc"),
    ]:
        page.goto(live_server.url + path)
        page.screenshot(path=screenshot_dir / f"{name}.png", full_page=True)
    assert console_errors == []


def test_everything_works_without_javascript(browser, live_server, cat):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/en/products/")
    page.get_by_text("Filters and sorting").click()
    page.locator("input[name=features][value=nfc]").check()
    page.get_by_label("Deposit at most (元)").fill("50")
    page.get_by_role("button", name="Show terminals").click()
    expect(page).to_have_url(re.compile(r"features=nfc"))
    expect(cards(page)).to_have_count(1)

    page.locator("#product-b-smart").get_by_role("button", name="Add to comparison").click()
    expect(page).to_have_url(re.compile(r"features=nfc"))  # back on the filtered list
    expect(page.locator("#tray")).to_contain_text("1/6")
    expect(page.locator("#product-b-smart").get_by_role("button")).to_contain_text("Remove")
    context.close()
