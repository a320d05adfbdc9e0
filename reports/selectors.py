"""What accepted fee reports say, per method: median, range, count and evidence, shown only
above a minimum count (MIN_REPORTS from MIN_CLIENTS different senders); and the rate changes
merchants reported, grouped."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from catalog.models import Brand, PaymentMethod, Product
from reports.models import Report, ReportChange, ReportRate

MIN_REPORTS = 5
MIN_CLIENTS = 3
# A median this far from the catalog's rate (percentage points) is a disagreement worth saying.
DISAGREE_POINTS = Decimal("0.05")
RECENT = 10


def enough(reports: int, clients: int) -> bool:
    """Whether a figure may be shown: at least 5 accepted reports from at least 3 senders."""
    return reports >= MIN_REPORTS and clients >= MIN_CLIENTS


@dataclass(frozen=True)
class MethodSummary:
    method: str
    reports: int
    clients: int
    median: Decimal | None  # None while not enough reports
    low: Decimal | None
    high: Decimal | None
    tiers: Mapping[str, int]
    catalog: Decimal | None = None  # the catalog plan's rate for the method, when known

    @property
    def shown(self) -> bool:
        return self.median is not None

    @property
    def label(self) -> str:
        return str(PaymentMethod(self.method).label)

    @property
    def disagrees(self) -> bool:
        return (
            self.median is not None
            and self.catalog is not None
            and abs(self.median - self.catalog) >= DISAGREE_POINTS
        )

    @property
    def tier_counts(self) -> list[tuple[str, int]]:
        return [
            (str(label), self.tiers[code])
            for code, label in Report.Tier.choices
            if code in self.tiers
        ]


def summarise(
    rows: Iterable[Mapping[str, Any]], catalog: Mapping[str, Decimal] | None = None
) -> list[MethodSummary]:
    """Per method (in the fixed order), from rows of ``method``, ``percent``, ``client`` and
    ``tier``."""
    by_method: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_method[row["method"]].append(row)
    summaries = []
    for method in PaymentMethod.values:
        found = by_method.get(method)
        if not found:
            continue
        percents = sorted(r["percent"] for r in found)
        clients = len({r["client"] for r in found})
        shown = enough(len(found), clients)
        summaries.append(
            MethodSummary(
                method=method,
                reports=len(found),
                clients=clients,
                median=statistics.median(percents) if shown else None,
                low=percents[0] if shown else None,
                high=percents[-1] if shown else None,
                tiers=Counter(r["tier"] for r in found),
                catalog=(catalog or {}).get(method),
            )
        )
    return summaries


def _accepted_rates(where: Q) -> list[dict[str, Any]]:
    return [
        {"report": r, "method": m, "percent": p, "client": c, "tier": t}
        for r, m, p, c, t in ReportRate.objects.filter(where, report__status=Report.Status.ACCEPTED)
        .values_list("report_id", "method", "percent", "report__client", "report__tier")
        .order_by()
    ]


@dataclass(frozen=True)
class ChangeGroup:
    """Merchants who reported the same change, e.g. "6 位商户报告 2025-10 至 2025-12 贷记卡
    0.60% → 0.68%"."""

    method: str
    old: Decimal
    new: Decimal
    first: Any  # month (date)
    last: Any
    reports: int
    clients: int

    @property
    def label(self) -> str:
        return str(PaymentMethod(self.method).label)

    @property
    def points(self) -> Decimal:
        return self.new - self.old


def change_groups(where: Q) -> list[ChangeGroup]:
    """Accepted reported changes, grouped by method and old → new, shown above the minimum."""
    groups: dict[tuple[str, Decimal, Decimal], list[tuple[Any, str]]] = defaultdict(list)
    for method, old, new, month, client in (
        ReportChange.objects.filter(where, report__status=Report.Status.ACCEPTED)
        .values_list("method", "old", "new", "month", "report__client")
        .order_by()
    ):
        groups[(method, old.normalize(), new.normalize())].append((month, client))
    result = []
    for (method, old, new), seen in groups.items():
        clients = len({c for _m, c in seen})
        if enough(len(seen), clients):
            months = sorted(m for m, _c in seen)
            result.append(ChangeGroup(method, old, new, months[0], months[-1], len(seen), clients))
    return sorted(result, key=lambda g: (g.first, g.method))


@dataclass(frozen=True)
class RecentReport:
    report: Report
    rates: list[tuple[str, Decimal]]  # (method label, percent)


@dataclass(frozen=True)
class ReportsPanel:
    """What the product or brand page shows of fee reports."""

    accepted: int
    methods: list[MethodSummary]
    changes: list[ChangeGroup]
    recent: list[RecentReport] = field(default_factory=list)

    @property
    def any_shown(self) -> bool:
        return any(m.shown for m in self.methods)


def product_panel(product: Product, catalog: Mapping[str, Decimal] | None = None) -> ReportsPanel:
    """Three queries: the accepted rates, the reported changes, the latest reports."""
    where = Q(report__product=product)
    rows = _accepted_rates(where)
    rates: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for row in rows:  # every report has at least one rate (the form asks for one)
        rates[row["report"]].append((str(PaymentMethod(row["method"]).label), row["percent"]))
    latest = Report.objects.filter(product=product, status=Report.Status.ACCEPTED).order_by(
        "-created"
    )[:RECENT]
    return ReportsPanel(
        accepted=len(rates),
        methods=summarise(rows, catalog),
        changes=change_groups(where),
        recent=[RecentReport(r, rates[r.pk]) for r in latest] if rates else [],
    )


def brand_panel(brand: Brand) -> ReportsPanel:
    """Two queries: the accepted rates and changes of the brand's terminals and of reports that
    name the brand alone."""
    where = Q(report__product__brand=brand) | Q(report__brand=brand)
    rows = _accepted_rates(where)
    return ReportsPanel(
        accepted=len({row["report"] for row in rows}),
        methods=summarise(rows),
        changes=change_groups(where),
    )
