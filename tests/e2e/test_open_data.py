"""The 开放数据 and 费率变动记录 pages on a phone: readable, nothing wider than the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from catalog.seed import seed_catalog
from tests.e2e.conftest import watch_errors


@pytest.fixture
def seeded(transactional_db):
    seed_catalog()


@pytest.mark.parametrize(
    ("path", "heading", "shot"),
    [
        ("/open-data/", "开放数据", "open-data-zh-390.png"),
        ("/changes/", "费率变动记录", "changes-zh-390.png"),
        ("/en/changes/jlpay/", "Rate changes", "changes-brand-en-390.png"),
    ],
)
def test_page_on_a_phone(page: Page, live_server, seeded, screenshot_dir, path, heading, shot):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    page.screenshot(path=screenshot_dir / shot, full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
