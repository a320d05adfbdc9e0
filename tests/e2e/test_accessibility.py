"""Every public page, in both languages, in Chromium: no Content-Security-Policy violation or
other console error, no serious or critical axe-core violation, and every control reachable
with the keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page

from catalog.models import Brand, Product
from catalog.seed import seed_catalog
from compare.services import comparison_share
from guides.seed import seed_guides

AXE = Axe()


def public_pages() -> list[str]:
    product = Product.objects.active().order_by("slug").first()
    brand = Brand.objects.order_by("slug").first()
    first = list(Product.objects.active().order_by("slug").values_list("slug", flat=True)[:3])
    slugs = ",".join(first)
    shared = comparison_share(slugs=first, params={}, on=timezone.localdate())
    return [
        "/",
        "/products/?features=nfc",
        f"/products/{product.slug}/",
        "/brands/",
        f"/brands/{brand.slug}/",
        "/calculator/?volume=50000&preset=restaurant&rise=0.3",
        f"/compare/?products={slugs}",
        f"/s/{shared.code}/",
        "/guides/troubleshooting/",
        "/guides/troubleshooting/?step=network",
        "/guides/codes/?q=51",
        "/guides/codes/51/",
        "/guides/apply/?type=individual",
        "/open-data/",
        "/changes/",
        f"/changes/{brand.slug}/",
        "/embed/calculator/?volume=50000",
        f"/embed/compare/?products={slugs}",
    ]


@pytest.fixture
def seeded(transactional_db):
    seed_catalog()
    seed_guides()


# What keyboard users must be able to reach: visible, enabled controls. A radio group is one
# Tab stop (arrow keys move inside it), so radios are named by their group.
DESCRIBE = """e => e.type === 'radio' ? 'radio group ' + e.name : e.outerHTML.slice(0, 120)"""
CONTROLS_JS = f"""() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(e => !e.disabled && e.tabIndex >= 0
               && e.checkVisibility({{contentVisibilityAuto: true, visibilityProperty: true}}))
  .map({DESCRIBE})"""
ACTIVE_JS = f"() => document.activeElement ? ({DESCRIBE})(document.activeElement) : ''"


def keyboard_reachable(page: Page) -> list[str]:
    """Tab through the page; return the controls never reached."""
    wanted = page.evaluate(CONTROLS_JS)
    reached: set[str] = set()
    page.locator("body").focus()
    for _ in range(len(wanted) + 10):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(ACTIVE_JS))
    return sorted({c for c in wanted if c not in reached})


@pytest.mark.parametrize("language", ["", "/en"])
def test_pages_are_accessible_and_csp_clean(page: Page, live_server, seeded, language):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    problems: list[str] = []
    for path in public_pages():
        url = live_server.url + language + path
        errors.clear()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        results = AXE.run(page, options={"resultTypes": ["violations"]})
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{language}{path}: {violation['id']} {targets}")
        missed = keyboard_reachable(page)
        problems += [f"{language}{path}: not reachable by Tab: {m}" for m in missed]
        problems += [f"{language}{path}: console: {e}" for e in errors]
    assert problems == []
