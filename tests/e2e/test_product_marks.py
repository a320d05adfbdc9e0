"""Provenance marks on the product page in a real Chromium: a tap on a mark shows its source
and date (a sheet on a 390 px phone), the legend opens, the page stays within the phone width;
print shows the sources."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from catalog.seed import seed_catalog

pytestmark = pytest.mark.e2e


@pytest.fixture
def seeded(transactional_db):
    seed_catalog()


def test_marks_on_a_phone(page: Page, live_server, seeded, screenshot_dir):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/products/lakala-4g-esign/")
    mark = page.locator(".fee-table .mark").first
    expect(mark).to_contain_text("代理")
    tip = mark.locator(".mark-tip")
    expect(tip).to_be_hidden()
    mark.focus()  # what a tap does (the mark is focusable)
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("pos.net.cn")
    box = tip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=screenshot_dir / "product-marks-tap-390.png")
    page.get_by_text("标记说明").click()
    expect(page.locator(".marks-legend dl")).to_contain_text("市场区间默认值")
    page.screenshot(path=screenshot_dir / "product-marks-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []


def test_marks_on_a_desktop_and_in_print(page: Page, live_server, seeded, screenshot_dir):
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + "/products/helibao-esign/")
    mark = page.locator(".fee-table .mark-market").first
    mark.hover()
    expect(mark.locator(".mark-tip")).to_contain_text("取市场封顶18–25元中的20元")
    page.screenshot(path=screenshot_dir / "product-marks-1200.png", full_page=True)
    page.emulate_media(media="print")
    expect(page.locator(".fee-table .mark-tip").first).to_be_visible()
    page.screenshot(path=screenshot_dir / "product-marks-print.png", full_page=True)
