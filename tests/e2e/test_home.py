"""The home page in a real Chromium, in both languages, on a phone-sized screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from catalog.models import Brand
from catalog.seed import seed_catalog


@pytest.fixture
def seeded(transactional_db):
    seed_catalog()


def test_home_in_both_languages(page: Page, live_server, seeded, screenshot_dir):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("heading", level=1)).to_contain_text("POS")
    brands = page.locator(".brand-grid li")
    expect(brands).to_have_count(Brand.objects.count())
    expect(page.get_by_text("拉卡拉", exact=True)).to_be_visible()
    page.screenshot(path=screenshot_dir / "home-zh-390.png", full_page=True)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server.url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which POS terminal costs you least?")
    expect(page.get_by_text("Lakala", exact=True)).to_be_visible()
    page.screenshot(path=screenshot_dir / "home-en-390.png", full_page=True)

    # Nothing overflows the phone's width.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert errors == []
