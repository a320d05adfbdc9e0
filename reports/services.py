"""Taking a fee report or a flag in: who sent it (a keyed hash), duplicates, storing."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from core.clientip import client_ip
from reports.models import Flag, Report, ReportChange, ReportRate

DUPLICATE_DAYS = 90


def client_key(request: HttpRequest) -> str:
    """The sender, as a keyed hash of the client address (the address itself is never kept)."""
    address = client_ip(request)  # the same address the rate limits and the lockout see
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def is_duplicate(data: dict[str, Any], rates: dict[str, Any], client: str) -> bool:
    """Whether this sender sent the same figures for the same terminal lately (rejected ones
    aside)."""
    since = timezone.now() - dt.timedelta(days=DUPLICATE_DAYS)
    earlier = Report.objects.filter(
        client=client,
        product=data.get("product"),
        brand=data.get("brand") if not data.get("product") else None,
        created__gte=since,
    ).exclude(status=Report.Status.REJECTED)
    wanted = sorted((m, v.normalize()) for m, v in rates.items())
    for report in earlier.prefetch_related("rates"):
        if sorted((r.method, r.percent.normalize()) for r in report.rates.all()) == wanted:
            return True
    return False


@transaction.atomic
def submit(
    data: dict[str, Any],
    rates: dict[str, Any],
    changes: list[dict[str, Any]],
    *,
    tier: str,
    client: str,
) -> Report:
    """Store a report (status new: it counts once an editor accepts it)."""
    product = data.get("product")
    report = Report.objects.create(
        product=product,
        brand=None if product else data.get("brand"),
        kind="" if product else data.get("kind", ""),
        province=data["province"],
        since=data["since"],
        instant_percent=data.get("instant_percent"),
        instant_fixed=data.get("instant_fixed"),
        sim_fee=data.get("sim_fee"),
        sim_every=data.get("sim_every"),
        deposit=data.get("deposit"),
        deposit_returned=data.get("deposit_returned"),
        is_seller=bool(data.get("is_seller")),
        tier=tier,
        proof_method=data.get("proof_method") or "",
        proof_amount=data.get("proof_amount"),
        proof_fee=data.get("proof_fee"),
        note=data.get("note") or "",
        client=client,
    )
    ReportRate.objects.bulk_create(
        ReportRate(
            report=report,
            method=method,
            percent=percent,
            cap=data.get("cap_debit_card") if method == "debit_card" else None,
        )
        for method, percent in rates.items()
    )
    ReportChange.objects.bulk_create(ReportChange(report=report, **change) for change in changes)
    return report


def flag(report: Report, reason: str, client: str) -> Flag:
    return Flag.objects.create(report=report, reason=reason, client=client)
