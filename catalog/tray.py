"""The comparison tray: up to six products a merchant has picked to compare, kept in the session.

The session lives in the shared database (or cache), so any app server sees the same tray. The
tray's contents also travel in the comparison page's URL (``/compare/?products=a,b``), which is
what a merchant shares; the session only remembers the picking.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from django.urls import reverse

SESSION_KEY = "comparison_tray"
MAX_ITEMS = 6


def tray_slugs(session: MutableMapping[str, Any]) -> list[str]:
    """The slugs in the tray, in the order they were added."""
    value = session.get(SESSION_KEY) or []
    if not isinstance(value, list):
        return []
    return [s for s in value if isinstance(s, str)][:MAX_ITEMS]


def tray_add(session: MutableMapping[str, Any], *, slug: str) -> bool:
    """Add ``slug``; False (and no change) when the tray is already full."""
    slugs = tray_slugs(session)
    if slug in slugs:
        return True
    if len(slugs) >= MAX_ITEMS:
        return False
    session[SESSION_KEY] = [*slugs, slug]
    return True


def tray_remove(session: MutableMapping[str, Any], *, slug: str) -> None:
    slugs = tray_slugs(session)
    if slug in slugs:
        session[SESSION_KEY] = [s for s in slugs if s != slug]


def tray_clear(session: MutableMapping[str, Any]) -> None:
    session.pop(SESSION_KEY, None)


def compare_url(slugs: Sequence[str], profile_query: str = "", *, diff: bool = False) -> str:
    """``/compare/?products=a,b&<profile>``: the comparison page for these products (slugs are
    URL-safe, commas kept readable)."""
    url = f"{reverse('compare:compare')}?products={','.join(slugs)}"
    if profile_query:
        url += f"&{profile_query}"
    if diff:
        url += "&diff=1"
    return url
