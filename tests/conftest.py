"""Shared test set-up: browser availability, database-agnostic helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    e2e_dir = Path(__file__).parent / "e2e"
    browser_items = []
    for item in items:
        if Path(str(item.fspath)).is_relative_to(e2e_dir):
            item.add_marker(pytest.mark.e2e)
        if item.get_closest_marker("e2e"):
            browser_items.append(item)
    if not browser_items or chromium_available():
        return
    message = (
        f"Chromium not found at {CHROMIUM}: browser tests cannot run "
        "(install it with `apt-get install -y chromium`)."
    )
    if IN_CI:
        raise pytest.UsageError(message + " Under CI a missing browser is an error.")
    skip = pytest.mark.skip(reason=message)
    for item in browser_items:
        item.add_marker(skip)
    config._pos_browser_skip_message = message  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    message = getattr(config, "_pos_browser_skip_message", None)
    if message:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", yellow=True)
        terminalreporter.write_line(message)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache (pages, fee-data version, rate-limit counters)."""
    from django.core.cache import cache

    from calculator import selectors

    cache.clear()
    # The plans this process remembers per fee-data version: the version lives in the database,
    # and a test's rolled-back rows never move it on, so forget them between tests.
    selectors._memo.clear()
    selectors._memo_version[0] = None
    yield


@pytest.fixture
def english():
    """The test runs in English (messages and labels compared as written in the code)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login(user)`` signs in with both factors (staff pages need the second);
    ``force_login(user, second_factor=False)`` signs in with the password step alone."""
    from django.test import Client

    real = Client.force_login

    def force_login(self, user, backend=None, *, second_factor=True):  # type: ignore[no-untyped-def]
        real(self, user, backend)
        if second_factor:
            from tests.factories import pass_second_factor

            pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
