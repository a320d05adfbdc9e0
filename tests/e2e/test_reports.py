"""In Chromium: a merchant reports what they pay from the offer check, an editor accepts it in
the admin, and the product page shows the median (the fifth report from a third merchant).
The reports are test data made here, never shipped."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from catalog.management.commands.setup_roles import setup_roles
from reports.models import Report
from tests.catalog.admin_helpers import make_staff
from tests.e2e.conftest import watch_errors
from tests.e2e.test_admin_fee_editor import sign_in
from tests.factories import make_plan, make_product
from tests.reports.helpers import make_report
from tests.statements.test_views import rise_file


@pytest.fixture
def product(transactional_db):
    setup_roles()
    make_staff("editor", "fee editors")
    product = make_product(slug="lakala-a8", name="拉卡拉 A8", name_en="Lakala A8")
    make_plan(product, rates={"credit_card": "0.60", "wechat": "0.38"})
    # Four accepted reports from two other merchants: not enough to show a median yet.
    for i in range(4):
        make_report(product, client=f"earlier-{i % 2}", rates={"credit_card": "0.68"})
    return product


def accept(page: Page, base: str, report: Report) -> None:
    """The editor accepts the report from the moderation queue, in a browser context of its own."""
    editor = page.context.browser.new_page()  # type: ignore[union-attr]
    sign_in(editor, base, "editor")
    editor.goto(f"{base}/en/admin/reports/report/?status__exact=new")
    editor.locator(f'input[name="_selected_action"][value="{report.pk}"]').check()
    editor.locator('select[name="action"]').select_option("accept")
    editor.get_by_role("button", name="Go").click()
    expect(editor.locator(".messagelist")).to_contain_text("1 report updated.")
    editor.context.close()  # closed here, before the server stops


def test_report_from_the_offer_check_through_moderation_to_the_product_page(
    page: Page, live_server, product, screenshot_dir
):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url
    page.goto(f"{base}/en/products/lakala-a8/")
    expect(page.locator('#fee-reports [data-method="credit_card"]')).to_contain_text(
        "Not enough reports yet"
    )
    # The merchant checked the offer they hold: 0.68 % on credit cards.
    page.goto(f"{base}/en/calculator/offer/?volume=30000&preset=retail&offer_credit_card=0.68")
    page.get_by_role("link", name="Report what you pay").click()
    expect(page.locator("#id_rate_credit_card")).to_have_value("0.68")
    page.locator("#id_product").select_option("lakala-a8")
    page.locator("#id_province").select_option("zhejiang")
    page.locator("#id_since").fill("2025-06")
    # One payment from the receipt: 1,250 元, fee 8.50 元 (1,250 × 0.68 % = 8.50).
    page.locator("#id_proof_method").select_option("credit_card")
    page.locator("#id_proof_amount").fill("1250")
    page.locator("#id_proof_fee").fill("8.50")
    page.screenshot(path=screenshot_dir / "report-form-en-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()
    report = Report.objects.get(status="new")
    assert report.tier == "t1"

    accept(page, base, report)

    page.goto(f"{base}/en/products/lakala-a8/")
    row = page.locator('#fee-reports [data-method="credit_card"]')
    expect(row).to_contain_text("0.68")
    expect(row).to_contain_text("5 reports from 3 merchants")
    expect(row.locator("[data-disagrees]")).to_contain_text("the plan above says 0.60")
    page.locator("#fee-reports").screenshot(path=screenshot_dir / "product-reports-en-390.png")
    assert errors == []


def test_report_from_a_statement_check_up_through_moderation_to_the_product_page(
    page: Page, live_server, product, tmp_path
):
    errors = watch_errors(page)
    base = live_server.url
    # The statement: credit cards charged 160.00 元 on 20,000 元 (0.80 %), WeChat 0.38 %.
    path = tmp_path / "statement.csv"
    path.write_bytes(rise_file())
    page.goto(f"{base}/en/statement/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Check the statement").click()
    page.locator("#statement-report").click()
    expect(page.locator(".report-page")).to_contain_text("measured in your statement check-up")
    page.locator("#id_product").select_option("lakala-a8")
    page.locator("#id_province").select_option("sichuan")
    page.locator("#id_since").fill("2026-01")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()
    report = Report.objects.get(status="new")
    assert report.tier == "t2"
    rates = {r.method: r.percent for r in report.rates.all()}
    assert rates == {"credit_card": Decimal("0.8000"), "wechat": Decimal("0.3800")}

    accept(page, base, report)
    page.goto(f"{base}/en/products/lakala-a8/")
    row = page.locator('#fee-reports [data-method="credit_card"]')
    # Four reports at 0.68 % and this one at 0.80 %: the median is 0.68 %, the range to 0.80 %.
    expect(row).to_contain_text("0.68% (0.68%–0.80%)")
    expect(row).to_contain_text("Measured in a statement check-up ×1")
    assert errors == []
