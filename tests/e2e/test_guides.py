"""The guides in a real Chromium: the troubleshooting walk, live code search, the checklist."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from catalog.models import Brand
from catalog.seed import seed_catalog
from guides.seed import seed_guides
from tests.e2e.conftest import settle, watch_errors

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def guide_data(transactional_db):
    """The real data, as ``manage.py seed`` loads it; a brand with a hotline and one without."""
    seed_catalog()
    seed_guides()
    with_hotline = Brand.objects.exclude(hotline="").order_by("slug").first()
    without = Brand.objects.filter(hotline="").order_by("slug").first()
    assert with_hotline and without, "the catalog needs brands with and without a hotline"
    return with_hotline, without


def shot(page: Page, path) -> None:
    # caret="initial": Playwright's default caret hiding leaves style="" on inputs, which htmx
    # then copies while settling a swap and the strict CSP reports.
    page.screenshot(path=path, full_page=True, caret="initial")


def assert_fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "desktop"])
def test_troubleshooting_walk_to_support_shows_the_brand_hotline(
    page: Page, live_server, guide_data, screenshot_dir, viewport
):
    brand, no_hotline = guide_data
    errors = watch_errors(page)
    page.set_viewport_size(viewport)
    tag = "390" if viewport is PHONE else "desktop"
    page.goto(live_server.url + "/guides/troubleshooting/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("用户异常")
    shot(page, screenshot_dir / f"guides-trouble-start-{tag}.png")

    # Say which brand: the page updates in place and the address remembers it.
    page.get_by_label("您的终端品牌").select_option(brand.slug)
    expect(page).to_have_url(re.compile(f"brand={brand.slug}"))

    page.locator(".symptom").first.click()
    expect(page).to_have_url(re.compile(f"step=card&brand={brand.slug}"))
    heading = page.locator("#step-title")
    expect(heading).to_contain_text("检查银行卡")
    expect(heading).to_be_focused()
    expect(page.locator(".trouble-check").first).to_contain_text("怎么办")
    shot(page, screenshot_dir / f"guides-trouble-card-{tag}.png")

    for expected in ["网络", "重启", "更新", "商户状态"]:
        page.get_by_role("link", name="没有，下一步").click()
        expect(heading).to_contain_text(expected)
    shot(page, screenshot_dir / f"guides-trouble-merchant-{tag}.png")
    page.get_by_role("link", name="没有，下一步").click()
    expect(page).to_have_url(re.compile(f"step=support&brand={brand.slug}"))
    expect(heading).to_contain_text("联系客服")
    expect(page.locator("#hotline")).to_contain_text(brand.hotline)
    expect(page.locator("#hotline")).to_contain_text(brand.name)
    expect(page.locator(f'#hotline a[href="tel:{brand.hotline}"]')).to_be_visible()
    expect(page.locator(".support-list")).to_contain_text("终端号和序列号")
    expect(page.locator(".support-list")).to_contain_text("商户号")
    expect(page.get_by_role("link", name="12363")).to_be_visible()
    assert_fits(page, viewport["width"])
    shot(page, screenshot_dir / f"guides-trouble-support-{tag}.png")

    # Back goes to the previous step (htmx pushed every step into the history).
    page.go_back()
    expect(page).to_have_url(re.compile(r"step=merchant"))
    expect(heading).to_contain_text("商户状态")

    # A brand without a verified hotline says so honestly.
    page.goto(live_server.url + f"/guides/troubleshooting/?step=support&brand={no_hotline.slug}")
    expect(page.locator("#hotline")).to_contain_text("没有核实过")
    expect(page.locator("#hotline")).to_contain_text(no_hotline.name)
    assert errors == []


def test_troubleshooting_works_without_javascript(browser, live_server, guide_data):
    brand, _ = guide_data
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en/guides/troubleshooting/")
    page.get_by_label("Your terminal's brand").select_option(brand.slug)
    page.get_by_role("button", name="Save brand").click()
    expect(page).to_have_url(re.compile(f"brand={brand.slug}"))
    page.get_by_role("link", name=re.compile("No signal")).click()
    expect(page.locator("#step-title")).to_contain_text("Check the network")
    page.get_by_role("link", name="Skip to contacting support").click()
    expect(page.locator("#hotline")).to_contain_text(brand.hotline)
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "desktop"])
def test_live_code_search(page: Page, live_server, guide_data, screenshot_dir, viewport):
    errors = watch_errors(page)
    page.set_viewport_size(viewport)
    tag = "390" if viewport is PHONE else "desktop"
    page.goto(live_server.url + "/guides/codes/")
    expect(page.locator(".code-card")).to_have_count(82)
    box = page.get_by_label("应答码或关键词")
    box.fill("余额")
    expect(page).to_have_url(re.compile(r"q=%E4%BD%99%E9%A2%9D"))
    expect(page.locator(".code-card").first).to_contain_text("51")
    box.fill("a0")
    expect(page.locator(".code-card").first).to_contain_text("MAC")
    expect(page).to_have_url(re.compile(r"q=a0"))
    shot(page, screenshot_dir / f"guides-codes-search-{tag}.png")
    # The box stops at 40 characters; a longer query in a link gets a message next to the field,
    # keeps the text, and live search recovers from it.
    response = page.goto(live_server.url + "/guides/codes/?q=" + "x" * 41)
    assert response.status == 400
    expect(page.locator("#code-search-errors")).to_contain_text("40")
    expect(box).to_have_value("x" * 41)
    box.fill("51")
    expect(page.locator("#code-search-errors")).to_be_empty()
    expect(page.locator(".code-card").first).to_contain_text("资金不足")
    settle(page)
    page.locator(".code-card-link").first.click()
    expect(page).to_have_url(live_server.url + "/guides/codes/51/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("资金不足")
    assert_fits(page, viewport["width"])
    shot(page, screenshot_dir / f"guides-code-51-{tag}.png")
    page.goto(live_server.url + "/guides/codes/5Z/")
    expect(page.locator(".code-card").first).to_contain_text("51")
    shot(page, screenshot_dir / f"guides-code-unknown-{tag}.png")
    # Only the deliberate 400 and 404 pages may show up as failed loads.
    assert [e for e in errors if "status of 40" not in e] == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "desktop"])
def test_checklist_for_a_sole_trader(page: Page, live_server, guide_data, screenshot_dir, viewport):
    errors = watch_errors(page)
    page.set_viewport_size(viewport)
    tag = "390" if viewport is PHONE else "desktop"
    page.goto(live_server.url + "/guides/apply/")
    page.get_by_role("link", name="个体工商户").first.click()
    expect(page).to_have_url(re.compile(r"type=individual"))
    progress = page.locator(".checklist-progress")
    expect(progress).to_contain_text("0 / 7")

    page.get_by_label(re.compile("^身份证正反面")).check()
    expect(page).to_have_url(re.compile(r"have=id-card"))
    page.get_by_label(re.compile("^营业执照")).check()
    expect(progress).to_contain_text("2 / 7")
    expect(page).to_have_url(re.compile(r"have=id-card&have=licence"))
    shot(page, screenshot_dir / f"guides-apply-individual-{tag}.png")
    assert_fits(page, viewport["width"])

    # The ticks survive leaving the page and coming back from the menu (kept on this device).
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/guides/apply/?type=individual")
    expect(page.get_by_label(re.compile("^营业执照"))).to_be_checked()
    expect(progress).to_contain_text("2 / 7")
    expect(page).to_have_url(re.compile(r"have=licence"))

    # Clearing them empties the list here and on the device.
    page.get_by_role("link", name="清除勾选").click()
    expect(page.get_by_label(re.compile("^营业执照"))).not_to_be_checked()
    expect(progress).to_contain_text("0 / 7")

    # Printable: the print stylesheet hides the navigation and keeps the list.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".checklist-items")).to_be_visible()
    page.emulate_media(media="screen")
    assert errors == []
