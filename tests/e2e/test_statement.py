"""A merchant checks a statement in a real Chromium: uploads a GBK file with a preamble and a rate
rise in the middle, sees the profile, the ranking, the rate_change with its date, the saving, and
prints the evidence pack. (The file is made from the layout descriptions: tests/statements.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import watch_errors
from tests.e2e.test_accessibility import AXE, keyboard_reachable
from tests.factories import make_alpha_bravo
from tests.statements.test_views import rise_file


@pytest.fixture
def two_plans(db):  # type: ignore[no-untyped-def]
    return make_alpha_bravo()


@pytest.mark.parametrize(("width", "name"), [(1280, "desktop"), (390, "phone")])
def test_upload_a_gbk_statement_and_print_the_evidence(
    page: Page, live_server, two_plans, screenshot_dir, tmp_path, width, name
):
    errors = watch_errors(page)
    page.set_viewport_size({"width": width, "height": 900})
    path = tmp_path / "对账单.csv"
    path.write_bytes(rise_file())
    page.goto(live_server.url + "/en/statement/")
    page.screenshot(path=screenshot_dir / f"statement-form-{name}.png", full_page=True)
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Check the statement").click()

    summary = page.locator("#statement-summary")
    expect(summary).to_contain_text("40 successful payments, 22,000.00 元 over 2 months")
    expect(page.locator("#statement-methods")).to_contain_text("Credit card")
    rows = page.locator("#statement-plans tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Alpha")
    # Paid 167.60; alpha would have cost 286.60: 119.00 more.
    expect(rows.first.locator("[data-saving]")).to_have_text("-119.00")
    finding = page.locator('[data-finding="rate_change"]')
    expect(finding).to_contain_text("2026-02-02")
    expect(finding).to_contain_text("40.00 元")
    page.screenshot(path=screenshot_dir / f"statement-result-{name}.png", full_page=True)
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert keyboard_reachable(page) == []
    if width == 390:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

    calculator = page.locator("#statement-calculator").get_attribute("href")
    assert calculator is not None and "mix_credit_card=90.91" in calculator

    page.locator("#statement-evidence").click()
    expect(page.locator("h1")).to_contain_text("evidence pack")
    expect(page.locator('#evidence-findings [data-finding="rate_change"]')).to_contain_text("40.00")
    page.emulate_media(media="print")
    page.screenshot(path=screenshot_dir / f"statement-evidence-print-{name}.png", full_page=True)
    pdf = page.pdf(path=str(screenshot_dir / "statement-evidence.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    assert errors == []
