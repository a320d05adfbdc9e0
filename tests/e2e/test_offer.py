"""A merchant checks an agent's offer in a real Chromium: enters it, sees it ranked and checked,
downloads the calendar file and shares the link."""

from __future__ import annotations

from pathlib import Path

import icalendar
from playwright.sync_api import Page, expect

from tests.e2e.conftest import settle, watch_errors
from tests.e2e.test_calculator import shop

__all__ = ["shop"]


def test_enter_an_offer_see_it_ranked_checked_and_share_it(
    page: Page, live_server, shop, screenshot_dir
):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/en/calculator/?volume=30000&preset=retail")
    page.locator("#offer-form > summary").click()
    # The agent said: 0.45 % on credit cards, 0.45 % on debit cards capped at 20 元, 0.38 % on
    # QR codes, a 199 元 deposit back after 100,000 元 within 90 days; nothing about SIM fees.
    page.locator("#id_offer_credit_card").fill("0.45")
    page.locator("#id_offer_debit_card").fill("0.45")
    page.locator("#id_offer_debit_card_cap").fill("20")
    page.locator("#id_offer_qr").fill("0.38")
    page.locator("#id_offer_contactless").fill("0.38")
    page.locator("#id_offer_deposit").fill("199")
    page.locator("#id_offer_refund_volume").fill("100000")
    page.locator("#id_offer_refund_days").fill("90")
    page.locator("#id_offer_signed").fill("2026-12-01")
    page.locator("#id_offer_signed").press("Enter")
    settle(page)

    card = page.locator("#offer")
    expect(card).to_contain_text("Your offer")
    expect(card).to_contain_text("cheaper than")
    expect(card.locator('[data-check="below_cost_floor"]')).to_contain_text("Credit card")
    # 30,000 × 90 / 30 = 90,000 within 90 days: short of 100,000, the deposit is lost.
    expect(card.locator('[data-check="deposit_forfeited"]')).to_contain_text("199")
    expect(card.locator('[data-check="missing_term"][data-term="sim_fee_annual"]')).to_be_visible()
    expect(card.locator(".questions")).to_contain_text("流量费第几个月开始扣")
    page.screenshot(path=screenshot_dir / "offer-en-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # The reminders as a calendar file: the deposit's deadline, day 90 from 2026-12-01.
    with page.expect_download() as download:
        card.get_by_role("link", name="Add these dates to your calendar (.ics)").click()
    body = Path(download.value.path()).read_bytes()
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event.decoded("dtstart")) == "2027-02-28"

    # The page's link keeps the offer: opened elsewhere, it shows the same offer and checks.
    link = page.get_by_role("link", name="Link to these results").get_attribute("href")
    assert link is not None and "offer_credit_card=0.45" in link
    other = page.context.new_page()
    other.goto(live_server.url + link)
    expect(other.locator("#offer")).to_contain_text("cheaper than")
    expect(other.locator('#offer [data-check="below_cost_floor"]')).to_have_count(1)
    expect(other.locator("#id_offer_debit_card_cap")).to_have_value("20")
    other.close()
    assert errors == []
