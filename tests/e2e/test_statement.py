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


def test_upload_progress_is_shown(page: Page, live_server, two_plans, tmp_path):
    # A bigger file over a slow line (Chromium's network emulation): the page shows the upload's
    # progress, then that the payments are being checked, then the result.
    lines = [
        f"2026-01-{d % 28 + 1:02d} 10:00:00,100.00,微信,,0.38,成功,898310058120001"
        for d in range(8000)
    ]
    path = tmp_path / "big.csv"
    path.write_bytes(
        (
            "交易时间,交易金额（元）,支付方式,卡类型,手续费（元）,交易状态,商户编号\n"
            + "\n".join(lines)
        ).encode()
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    page.goto(live_server.url + "/en/statement/")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 150_000},
    )
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Check the statement").click()
    progress = page.locator("#statement-progress")
    expect(progress).to_be_visible()
    expect(progress).to_contain_text("Uploading…")
    expect(page.locator("#statement-summary")).to_contain_text(
        "8000 successful payments", timeout=20_000
    )


def test_chinese_page_at_phone_width(page: Page, live_server, two_plans, screenshot_dir, tmp_path):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    path = tmp_path / "对账单.csv"
    path.write_bytes(rise_file())
    page.goto(live_server.url + "/statement/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="开始体检").click()
    expect(page.locator("#statement-summary")).to_contain_text("成功交易 40 笔")
    expect(page.locator('[data-finding="rate_change"]')).to_contain_text("费率被上调")
    page.screenshot(path=screenshot_dir / "statement-result-zh-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
