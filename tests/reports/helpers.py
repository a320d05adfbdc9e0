"""Fee reports made for the tests (test data, never shipped)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from catalog.models import Product
from reports.models import Report, ReportChange, ReportRate


def make_report(
    product: Product,
    *,
    client: str,
    rates: dict[str, str],
    status: str = Report.Status.ACCEPTED,
    tier: str = Report.Tier.TYPED,
    changes: tuple[tuple[str, str, str, dt.date], ...] = (),
    **kw: Any,
) -> Report:
    report = Report.objects.create(
        product=product,
        province="guangdong",
        since=dt.date(2025, 3, 1),
        client=client,
        status=status,
        tier=tier,
        **kw,
    )
    for method, percent in rates.items():
        ReportRate.objects.create(report=report, method=method, percent=Decimal(percent))
    for method, old, new, month in changes:
        ReportChange.objects.create(
            report=report, method=method, old=Decimal(old), new=Decimal(new), month=month
        )
    return report
