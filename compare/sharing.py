"""Share links as the pages show them: has the fee data changed since, which views count, and
a link in one line for the sales staff's list. Plain Python; reads and writes are elsewhere."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from calculator.engine import estimate
from calculator.ranking import product_title
from catalog.tray import compare_url
from compare.comparison import Column, Comparison, Figures, column_figures
from compare.snapshot import Snapshot, read_snapshot

# User agents of crawlers and link-preview fetchers: their requests are not a person viewing.
BOTS = re.compile(
    r"bot\b|bot/|spider|crawl|slurp|preview|facebookexternalhit|embedly|curl/|wget/|"
    r"python-requests|httpclient|headlesschrome",
    re.IGNORECASE,
)


def counts_as_view(*, method: str, user_agent: str, fragment: bool, by_creator: bool) -> bool:
    """Whether a request for a shared page is a view to count.

    Counted: a full-page GET by a person. Not counted: HEAD (link checkers and previews ask
    for headers only), htmx fragment requests (toggling "only show differences" on a page
    already counted), known crawlers and link-preview fetchers (by user agent), and the
    person who made the link (signed-in creator, or the browser session that made it — the
    redirect after "Share" lands on the page).
    """
    if method != "GET" or fragment or by_creator:
        return False
    return not BOTS.search(user_agent or "")


def snapshot_figures(snapshot: Snapshot) -> dict[str, Figures]:
    """The headline figures of each product of a snapshot (no chart, no table)."""
    profile = snapshot.profile.profile
    figures = {}
    for product in snapshot.products:
        plan = product.plan
        e = estimate(plan.terms, profile) if plan is not None else None
        figures[product.slug] = column_figures(Column(product, plan, e))
    return figures


@dataclass(frozen=True)
class FigureChange:
    title: str
    old: Figures
    new: Figures | None  # None: the product is no longer in the catalog


@dataclass(frozen=True)
class FeeUpdate:
    """How the figures of a shared comparison differ with today's fee data."""

    rows: tuple[FigureChange, ...]
    url: str  # the same comparison, live, with today's fees

    @property
    def changed(self) -> bool:
        return any(r.old != r.new for r in self.rows)


def fee_update(comparison: Comparison, current: Mapping[str, Figures]) -> FeeUpdate:
    """Old figures (from the snapshot) beside today's; ``current`` maps slug → figures."""
    rows = []
    for column in comparison.columns:
        if column.offer is None:  # the merchant's offer keeps its own terms
            rows.append(FigureChange(column.title, column_figures(column), current.get(column.key)))
    known = [c.key for c in comparison.columns if c.product is not None and c.key in current]
    return FeeUpdate(tuple(rows), compare_url(known, comparison.profile.query))


@dataclass(frozen=True)
class LinkRow:
    """A share link in the sales staff's list."""

    code: str
    url: str
    titles: tuple[str, ...]
    profile: str
    created: Any
    views: int


def link_row(shared: Any) -> LinkRow:
    """From a ``SharedComparison``: products and profile come from its snapshot (no query)."""
    snapshot = read_snapshot(shared.snapshot)
    return LinkRow(
        code=shared.code,
        url=shared.get_absolute_url(),
        # A SnapProduct has the names product_title reads (it stands in for a Product):
        titles=tuple(product_title(p) for p in snapshot.products),  # type: ignore[arg-type]
        profile=snapshot.profile.label,
        created=shared.created,
        views=shared.view_count,
    )
