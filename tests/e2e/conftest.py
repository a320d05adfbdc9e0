"""Browser tests: Debian's Chromium driven by Playwright, against pytest-django's live server."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM

# CI runs the suite twice on 2 cores (SQLite, then PostgreSQL + Redis), so an uncached page can
# take seconds: assertions wait up to 15 s (Playwright's default, 5 s, made a navigation to an
# uncached calculator page flaky there). A passing assertion returns as soon as it holds.
expect.set_options(timeout=15_000)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_FLAGS,
        "headless": True,
    }


@pytest.fixture
def screenshot_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# Counts htmx requests in flight and remembers the last input or request, so a test can wait
# until the page is quiet: no request running and no debounced trigger (400 ms) still pending.
# A click on a link while a late htmx response pushes its URL would be cancelled by pushState.
HTMX_TRACKER = """
window.__htmxBusy = 0; window.__htmxLast = Date.now();
const touch = () => { window.__htmxLast = Date.now(); };
for (const name of ["keyup", "input", "change", "click"]) {
  document.addEventListener(name, touch, true);
}
document.addEventListener("htmx:beforeRequest", () => { window.__htmxBusy++; touch(); });
document.addEventListener("htmx:afterRequest", () => { window.__htmxBusy--; touch(); });
document.addEventListener("htmx:afterSettle", touch);
"""


@pytest.fixture
def context(context):  # type: ignore[no-untyped-def]
    context.add_init_script(HTMX_TRACKER)
    return context


def settle(page: Any, quiet_ms: int = 700, timeout_s: float = 10) -> None:
    """Wait until no htmx request runs and nothing was typed or swapped for ``quiet_ms``.
    Polls from Python: the strict CSP forbids the eval that ``wait_for_function`` uses."""
    deadline = time.monotonic() + timeout_s
    check = "q => window.__htmxBusy === 0 && Date.now() - window.__htmxLast > q"
    while not page.evaluate(check, quiet_ms):
        assert time.monotonic() < deadline, "htmx did not settle"
        page.wait_for_timeout(100)


def is_expected_console_error(text: str) -> bool:
    """Console errors that are not problems: the browser's note on our deliberate 400 answers,
    and htmx's log of an update it cancelled because a newer one replaced it (hx-sync replace)."""
    return "status of 400" in text or text.startswith(("htmx:sendAbort", "htmx:afterRequest"))


def watch_errors(page: Any) -> list[str]:
    """Collects the page's console errors and uncaught exceptions (CSP violations show up
    here) from now on, leaving out the expected ones (``is_expected_console_error``)."""
    errors: list[str] = []

    def on_console(msg: Any) -> None:
        if msg.type == "error" and not is_expected_console_error(msg.text):
            errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors
