"""The widget framed by an outside page: another site (a plain HTTP server on another local
port) puts /embed/… in an iframe, as the README's snippet does; other pages refuse the frame."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from api import dataset
from catalog.seed import seed_catalog
from tests.e2e.conftest import watch_errors

OUTSIDE_PORT = 8552
PAIR = "lakala-4g-esign,jlpay-lishua-esign"


@pytest.fixture
def seeded(transactional_db):
    seed_catalog()
    # The dataset release is written by the first request that needs it. The frames load at
    # once, and the test server's threads share one in-memory SQLite connection, on which two
    # writes at the same moment collide ("cannot start a transaction within a transaction");
    # a real database makes the loser read the winner's row. Made here, before the frames.
    dataset.current()


@pytest.fixture
def outside_site(live_server, tmp_path: Path) -> Iterator[str]:
    """A blog on another origin whose page frames the widget (the README's snippet)."""
    base = live_server.url
    (tmp_path / "index.html").write_text(
        f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A blog</title></head>
<body><h1>我的POS机测评</h1>
<iframe id="calc" src="{base}/embed/calculator/?volume=50000&preset=restaurant"
  width="360" height="460" title="POS机费率估算" loading="lazy"></iframe>
<iframe id="cmp" src="{base}/embed/compare/?products={PAIR}&volume=30000"
  width="360" height="420" title="POS机对比"></iframe>
<iframe id="page" src="{base}/calculator/" width="360" height="200" title="not framable"></iframe>
</body></html>""",
        encoding="utf-8",
    )
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", OUTSIDE_PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{OUTSIDE_PORT}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def test_outside_page_frames_the_widget(page: Page, seeded, outside_site, screenshot_dir):
    errors = watch_errors(page)
    page.set_viewport_size({"width": 390, "height": 1400})
    page.goto(outside_site)
    calc = page.frame_locator("#calc")
    expect(calc.locator(".quick-list li")).to_have_count(3, timeout=20_000)
    expect(calc.get_by_text("中立对比，不是报价", exact=False)).to_be_visible()
    cmp = page.frame_locator("#cmp")
    expect(cmp.locator(".quick-list li")).to_have_count(2, timeout=20_000)
    expect(cmp.locator("a", has_text="在 POS机对比 查看完整页面")).to_have_attribute(
        "href", f"/compare/?products={PAIR}&volume=30000&months=12&settlement=t1&preset=retail"
    )
    # Typing a new volume in the frame recomputes inside the frame.
    calc.locator("input[name=volume]").fill("80000")
    calc.get_by_role("button").click()
    expect(calc.locator("input[name=volume]")).to_have_value("80000")
    expect(calc.locator(".quick-list li")).to_have_count(3, timeout=20_000)
    # The ordinary calculator page refuses to be framed (frame-ancestors 'none').
    handle = page.locator("#page").element_handle()
    assert handle is not None
    framed = handle.content_frame()
    assert framed is not None
    assert framed.url.startswith("chrome-error://"), framed.url
    page.screenshot(path=screenshot_dir / "embed-outside-390.png", full_page=True)
    # The outside server has no favicon (its 404); the refused frame is reported by the browser.
    expected = ("frame-ancestors", "Refused to display", "(File not found)")
    assert not [e for e in errors if not any(x in e for x in expected)]
    assert page.context.cookies() == []


def test_api_docs_page_renders_from_our_static_files(page: Page, live_server, screenshot_dir):
    errors = watch_errors(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("POS Compare API")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/rank")).to_be_visible()
    page.screenshot(path=screenshot_dir / "api-docs.png")
    assert all(u.startswith(live_server.url) or u.startswith("data:") for u in requests), requests
    assert errors == []
