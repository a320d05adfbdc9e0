"""Page weight on first visit, measured in Chromium against the production configuration.

    python scripts/page_weight.py            (or: make page-weight)

For each page: bytes transferred over the network (compressed, as the browser received them),
the number of requests, any request outside the site, and render-blocking resources from another
origin. Goal: ≤ 150 KB for the home and comparison pages, nothing outside the site.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TypedDict
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from scripts.prodserver import app_server, prepared_env  # noqa: E402
from tests.conftest import CHROMIUM  # noqa: E402
from tests.e2e.conftest import CHROMIUM_FLAGS  # noqa: E402

BUDGET = 150 * 1024
# Scripts without async/defer and stylesheets block rendering; list those from other origins.
BLOCKING_JS = """() => [...document.querySelectorAll(
    'script[src]:not([async]):not([defer]), link[rel=stylesheet]')]
  .map(e => e.src || e.href).filter(u => new URL(u).origin !== location.origin)"""
FOUR_SLUGS = (
    "from catalog.models import Product; print(','.join("
    "Product.objects.active().order_by('slug').values_list('slug', flat=True)[:4]))"
)
PAGES = {
    "home (zh)": "/",
    "home (en)": "/en/",
    "compare, 4 products": "/compare/?products={four}",
}


class PageWeight(TypedDict):
    bytes: int  # transferred, encoded
    requests: int
    outside: list[str]  # URLs off the site
    blocking: list[str]  # render-blocking third-party scripts and stylesheets


def measure(base: str, path: str) -> PageWeight:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        page.goto(base + path, wait_until="networkidle")
        blocking = page.evaluate(BLOCKING_JS)
        browser.close()
    origin = urlsplit(base).netloc
    outside = sorted({u for u in urls.values() if urlsplit(u).netloc not in (origin, "")})
    return {
        "bytes": sum(sizes.values()),
        "requests": len(urls),
        "outside": outside,
        "blocking": blocking,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8311)
    args = parser.parse_args()
    failed = False
    with (
        prepared_env(db="sqlite", name="poscompare_weight") as env,
        app_server(env, port=args.port) as server,
    ):
        from subprocess import run

        slugs = (
            run(
                [sys.executable, "manage.py", "shell", "-c", FOUR_SLUGS],
                cwd=Path(__file__).resolve().parent.parent,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        print(f"{'page':<24} {'KB':>7} {'requests':>9}  outside-site  render-blocking-3rd-party")
        for label, path in PAGES.items():
            result = measure(server.url, path.format(four=slugs))
            kb = result["bytes"] / 1024
            ok = result["bytes"] <= BUDGET and not result["outside"] and not result["blocking"]
            failed |= not ok
            verdict = "ok" if ok else "OVER BUDGET / EXTERNAL"
            print(
                f"{label:<24} {kb:7.1f} {result['requests']:9d}  {len(result['outside']):^12d}"
                f"  {len(result['blocking']):^25d} {verdict}"
            )
            for url in result["outside"]:
                print(f"    outside: {url}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
