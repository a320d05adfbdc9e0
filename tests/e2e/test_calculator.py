"""The calculator in a real Chromium: live updates, the address bar, Back, the chart, a phone."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import watch_errors
from tests.factories import make_brand, make_plan, make_product

ALL = ("debit_card", "credit_card", "wechat", "alipay", "unionpay_qr", "contactless")


@pytest.fixture
def shop(transactional_db):
    lakala = make_brand(name="拉卡拉", name_en="Lakala", slug="lakala")
    shengpay = make_brand(name="盛付通", name_en="Shengpay", slug="shengpay")
    rates = {m: "0.38" for m in ALL} | {
        "credit_card": "0.60",
        "debit_card": {"percent": "0.50", "cap": "20"},
    }
    make_plan(
        make_product(lakala, name="拉卡拉 电签POS", name_en="Lakala e-sign POS", slug="lkl"),
        rates=rates,
        deposit="99",
        deposit_refund_volume="50000",
        deposit_refund_days=90,
        sim_fee_annual="60",
    )
    make_plan(
        make_product(shengpay, name="盛付通 4G电签", name_en="Shengpay 4G", slug="sft"),
        rates=rates | {"credit_card": "0.55"},
        deposit="99",
        deposit_refund_volume="990000",
        deposit_refund_days=270,
        sim_fee_annual="46",
        sim_free_months=1,
        is_estimate=True,
    )
    make_plan(
        make_product(shengpay, name="盛刷", name_en="Shengshua mPOS", slug="ss"),
        rates=rates | {"credit_card": "0.55"},
        device_price="39",
        annual_fee="99",
    )
    make_plan(
        make_product(lakala, name="拉卡拉 码牌", name_en="Lakala QR plate", slug="plate"),
        rates={"wechat": "0.39", "alipay": "0.39"},
        instant_available=False,
    )


def test_live_update_url_back_and_chart(page: Page, live_server, shop, screenshot_dir):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/en/calculator/?volume=30000&preset=retail")
    status = page.locator(".calc-status")
    expect(status).to_contain_text("3 plans ranked for 30,000 元 a month")
    page.evaluate("window.__notReloaded = true")
    first_total = page.locator(".plan-card .amount").first.inner_text()

    # Type a new volume: the ranking updates in place and the address bar follows.
    volume = page.locator("#id_volume")
    volume.fill("")
    volume.press_sequentially("80000", delay=30)
    expect(status).to_contain_text("80,000 元 a month")
    expect(page).to_have_url(re.compile(r"/en/calculator/\?volume=80000&months=12&"))
    assert page.evaluate("window.__notReloaded") is True
    # The language switch follows the new address.
    expect(page.get_by_role("link", name="中文")).to_have_attribute(
        "href", re.compile(r"^/calculator/\?volume=80000&")
    )
    assert page.locator(".plan-card .amount").first.inner_text() != first_total
    volume = page.locator("#id_volume")

    # The chart is drawn: a staircase per plan, at least as wide as the phone allows.
    paths = page.locator(".chart-svg path")
    expect(paths).to_have_count(3)
    box = page.locator(".chart-svg").bounding_box()
    assert box is not None and box["width"] > 300
    expect(page.locator(".chart-legend li").first).to_contain_text("元")

    # Back returns to the first profile.
    page.go_back()
    expect(page).to_have_url(re.compile(r"volume=30000"))
    expect(page.locator("#id_volume")).to_have_value("30000")
    expect(page.locator(".calc-status")).to_contain_text("30,000 元 a month")
    page.go_forward()
    expect(page.locator(".calc-status")).to_contain_text("80,000 元 a month")

    # A mistake shows its message next to the field, without losing what was typed.
    volume.press("End")
    volume.press_sequentially("x")
    expect(page.locator("#error-volume")).to_contain_text("Enter a monthly volume")
    expect(volume).to_have_attribute("aria-invalid", "true")
    expect(volume).to_have_value("80000x")
    volume.press("Backspace")
    expect(page.locator("#error-volume")).to_be_empty()
    expect(status).to_contain_text("80,000 元 a month")

    # Open the working of the cheapest plan, then look at the page on a phone.
    page.locator(".plan-card details.working summary").first.click()
    expect(page.locator(".working-lines").first).to_contain_text("payments a month")
    page.screenshot(path=screenshot_dir / "calculator-en-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    assert errors == []


def test_custom_mix_pins_and_stress_test(page: Page, live_server, shop, screenshot_dir):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/calculator/")
    # Choosing "custom" starts from the preset's split, which can then be edited.
    page.locator("input[name=preset][value=custom]").check()
    expect(page.locator("#id_mix_debit_card")).to_have_value("25")
    expect(page.locator("#id_mix_debit_card")).to_be_enabled()
    page.locator("#id_mix_debit_card").fill("0")
    page.locator("#id_mix_credit_card").fill("0")
    page.locator("#id_mix_credit_card").press("Tab")
    expect(page.locator("#mix-total")).to_have_text("50")
    expect(page.locator("#error-mix")).to_contain_text("50")
    for method, share in (("wechat", "60"), ("alipay", "40"), ("unionpay_qr", "0")):
        page.locator(f"#id_mix_{method}").fill(share)
    page.locator("#id_mix_contactless").fill("0")
    page.locator("#id_mix_contactless").press("Tab")
    expect(page.locator("#mix-total")).to_have_text("100")
    expect(page.locator("#error-mix")).to_be_empty()
    # Only QR methods now: the QR plate can serve the merchant too.
    expect(page.locator(".plan-card")).to_have_count(4)
    expect(page).to_have_url(
        re.compile(
            r"settlement=t1&mix_wechat=60&mix_alipay=40&pin|settlement=t1&mix_wechat=60&mix_alipay=40$"
        )
    )

    # Pin the fourth plan to the chart.
    page.locator(".plan-card").nth(3).locator("input[name=pin]").check()
    expect(page.locator(".chart-svg path")).to_have_count(4)
    expect(page).to_have_url(re.compile(r"pin=\d+"))

    # Stress test: +0.5 points after month 3 adds a line to every plan.
    page.locator("details.stress summary").click()
    page.locator("input[name=rise][value='0.5']").check()
    expect(page.locator(".plan-risen")).to_have_count(4)
    expect(page.locator(".rise-summary")).to_contain_text("0.5")
    page.evaluate("window.scrollTo(0, 0)")  # the inputs column is sticky on wide screens
    page.screenshot(path=screenshot_dir / "calculator-zh-1280.png", full_page=True)
    assert errors == []


def test_works_without_javascript(browser: Browser, live_server, shop, screenshot_dir):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/en/calculator/")
    page.locator("#id_volume").fill("120000")
    page.locator("input[name=settlement][value=instant]").check()
    page.get_by_role("button", name="Show the ranking").click()
    expect(page).to_have_url(re.compile(r"volume=120000.*settlement=instant"))
    expect(page.locator(".calc-status")).to_contain_text("120,000 元 a month")
    # The QR plate has no instant settlement: listed apart, with the reason.
    expect(page.locator(".unsupported-list")).to_contain_text("No instant settlement (D0)")
    expect(page.locator(".chart-svg path")).to_have_count(3)
    # The working without JavaScript: the card's link opens the page with it written out.
    card = page.locator(".plan-card").first
    card.locator("details.working summary").click()
    card.get_by_role("link", name="Open the working of this plan").click()
    expect(page).to_have_url(re.compile(r"working=\d+#plan-\d+$"))
    expect(page.locator(".plan-card").first.locator(".working-lines")).to_contain_text(
        "payments a month"
    )
    page.locator("#id_months").fill("0")
    page.get_by_role("button", name="Show the ranking").click()
    expect(page.locator("#error-months")).to_contain_text("from 1 to 60")
    page.screenshot(path=screenshot_dir / "calculator-nojs-error-390.png", full_page=True)
    context.close()


def test_home_quick_estimate(page: Page, live_server, shop, screenshot_dir):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    results = page.locator("#quick-results")
    expect(results.locator("li")).to_have_count(3)
    page.locator("#id_volume").fill("")
    page.locator("#id_volume").press_sequentially("5万")
    page.locator("#quick-preset").select_option("small_shop")
    expect(results).to_contain_text("50,000 元")
    expect(page).to_have_url(re.compile(r"/\?volume=50000&preset=small_shop$"))
    page.screenshot(path=screenshot_dir / "home-quick-estimate-zh-390.png", full_page=True)
    # Straight from typing to the link: the input's last "change" update must not cancel it.
    page.locator("#quick-results a.btn").click()
    expect(page).to_have_url(re.compile(r"/calculator/\?volume=50000&.*preset=small_shop"))
    expect(page.locator("input[name=preset][value=small_shop]")).to_be_checked()
    assert errors == []


def test_a_pin_ticked_while_an_update_is_on_its_way_is_kept(
    page: Page, live_server, shop, screenshot_dir
):
    """A newer change replaces an update still on its way (hx-sync "replace"): queued behind it,
    the pin would be read from the results that update brings, where it is not ticked yet."""
    errors = watch_errors(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/en/calculator/?volume=30000&preset=retail")
    held: list = []

    def hold_first(route) -> None:  # type: ignore[no-untyped-def]
        if not held:
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r"/en/calculator/\?"), hold_first)
    page.locator("#id_volume").fill("40000")
    page.locator("#id_volume").dispatch_event("change")
    while not held:
        page.wait_for_timeout(50)
    pin = page.locator(".plan-card").nth(2).locator("input[name=pin]")
    pin.check()
    expect(page).to_have_url(re.compile(r"volume=40000.*pin=\d+"))
    with contextlib.suppress(Exception):  # cancelled by the browser: nothing to continue
        held[0].continue_()
    page.wait_for_timeout(300)
    expect(page).to_have_url(re.compile(r"volume=40000.*pin=\d+"))
    expect(page.locator(".plan-card").nth(2).locator("input[name=pin]")).to_be_checked()
    assert errors == []
