"""The data check: the catalog's fee figures against the rules of provenance and honest dates.

Run by CI (``manage.py check_data``, ``make check-data``) on the seeded catalog. **Errors** fail it:

- a figure without a tier (``Plan.provenance`` has no valid entry for one of the plan's figures);
- a source date after ``checked_on`` (the plan's or a figure's: nobody can have checked a source
  against a day that had not come);
- a plan checked before it was valid (``checked_on`` before ``valid_from``);
- a discontinued product with a current plan;
- an invented date: a plan that starts on a day no source gives — neither its source's date,
  nor the day the source was read, nor a date its source note quotes;
- a debit rate with no cap that no source states as uncapped (the market cap applies, tier
  ``market``).

**Warnings** list what needs a look: figures without a source, and assumptions on plans not
checked for more than 180 days. :func:`audit` counts the figures by tier.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from catalog.checks import STALE_AFTER_DAYS
from catalog.models import PaymentMethod, Plan, Product
from catalog.terms import (
    STATED_TIERS,
    Tier,
    figure_keys,
    figure_provenance,
    rate_figure_key,
)

ERROR = "error"
WARNING = "warning"

NO_TIER = "no_tier"
SOURCE_AFTER_CHECK = "source_after_check"
CHECKED_BEFORE_VALID = "checked_before_valid"
DISCONTINUED_CURRENT = "discontinued_current"
INVENTED_DATE = "invented_date"
UNCAPPED_DEBIT = "uncapped_debit"
NO_SOURCE = "figure_no_source"
OLD_ASSUMPTION = "old_assumption"

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DataFinding:
    level: str
    code: str
    subject: str  # the plan or product, as the admin names it
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper()} {self.code}: {self.subject}: {self.message}"


def _plans() -> Iterable[Plan]:
    return Plan.objects.published().select_related("product__brand").prefetch_related("rates")


def plan_data_findings(plan: Plan, *, on: dt.date) -> list[DataFinding]:
    """The data check's findings for one plan (rates prefetched)."""
    found: list[DataFinding] = []
    subject = str(plan)

    def add(level: str, code: str, message: str) -> None:
        found.append(DataFinding(level, code, subject, message))

    rates = list(plan.rates.all())
    tiers = set(Tier.values)
    checked = plan.checked_on
    for key in figure_keys(rates):
        prov = figure_provenance(plan.provenance, key)
        if prov is None or prov.tier not in tiers:
            add(ERROR, NO_TIER, _("the figure %(figure)s has no tier") % {"figure": key})
            continue
        if prov.date is not None:
            try:
                day = dt.date.fromisoformat(prov.date)
            except ValueError:
                add(
                    ERROR,
                    NO_TIER,
                    _("the figure %(figure)s has an unreadable source date “%(date)s”")
                    % {"figure": key, "date": prov.date},
                )
                continue
            if day > checked:
                add(
                    ERROR,
                    SOURCE_AFTER_CHECK,
                    _("%(figure)s: source dated %(date)s is after checked_on %(checked)s")
                    % {"figure": key, "date": day, "checked": checked},
                )
        if not prov.source and prov.tier != Tier.ASSUMED:
            add(
                WARNING,
                NO_SOURCE,
                _("%(figure)s (%(tier)s) names no source") % {"figure": key, "tier": prov.tier},
            )
        if prov.tier == Tier.ASSUMED and (on - checked).days > STALE_AFTER_DAYS:
            add(
                WARNING,
                OLD_ASSUMPTION,
                _("%(figure)s is an assumption not checked for %(days)s days")
                % {"figure": key, "days": (on - checked).days},
            )
    if plan.source_date is not None and plan.source_date > checked:
        add(
            ERROR,
            SOURCE_AFTER_CHECK,
            _("source dated %(date)s is after checked_on %(checked)s")
            % {"date": plan.source_date, "checked": checked},
        )
    if checked < plan.valid_from:
        add(
            ERROR,
            CHECKED_BEFORE_VALID,
            _("checked on %(checked)s, before the plan was valid (%(start)s)")
            % {"checked": checked, "start": plan.valid_from},
        )
    known = {plan.source_date, plan.source_read_on}
    quoted = {m for m in ISO_DATE.findall(plan.source_note)}
    if plan.valid_from not in known and plan.valid_from.isoformat() not in quoted:
        add(
            ERROR,
            INVENTED_DATE,
            _(
                "starts on %(start)s, a date no source gives (source date %(date)s, "
                "read on %(read)s)"
            )
            % {
                "start": plan.valid_from,
                "date": plan.source_date or "—",
                "read": plan.source_read_on or "—",
            },
        )
    for rate in rates:
        if rate.method != PaymentMethod.DEBIT_CARD or rate.cap is not None:
            continue
        prov = figure_provenance(
            plan.provenance, rate_figure_key(rate.method, "cap", is_promo=rate.is_promo)
        )
        if prov is None or prov.tier not in STATED_TIERS:
            add(
                ERROR,
                UNCAPPED_DEBIT,
                _(
                    "debit rate without a cap that no source states as uncapped: "
                    "use the market cap (tier market)"
                ),
            )
    return found


def data_findings(*, on: dt.date) -> list[DataFinding]:
    """Every finding of the data check over the published catalog, as of ``on``."""
    found: list[DataFinding] = []
    for plan in _plans():
        found.extend(plan_data_findings(plan, on=on))
    current = set(Plan.objects.current(on=on).values_list("product_id", flat=True))
    for product in Product.objects.filter(status=Product.Status.DISCONTINUED, pk__in=current):
        found.append(
            DataFinding(
                ERROR,
                DISCONTINUED_CURRENT,
                str(product),
                _("discontinued, yet a plan is current: end the plan on the day the source gives"),
            )
        )
    return found


@dataclass(frozen=True)
class AuditRow:
    tier: str
    count: int
    percent: float  # for the printed table only, never money

    @property
    def label(self) -> str:
        return self.tier or "(none)"


def audit() -> tuple[list[AuditRow], int, int]:
    """Figures of the current and past published plans by tier: rows, total, and how many of
    them are terms no source states (priced as 0)."""
    counts: dict[str, int] = {}
    unstated = 0
    for plan in _plans():
        for key in figure_keys(plan.rates.all()):
            prov = figure_provenance(plan.provenance, key)
            tier = prov.tier if prov is not None else ""
            counts[tier] = counts.get(tier, 0) + 1
            unstated += bool(prov is not None and prov.unstated)
    total = sum(counts.values())
    order = [*Tier.values, ""]
    rows = [
        AuditRow(tier, counts[tier], 100.0 * counts[tier] / total if total else 0.0)
        for tier in order
        if tier in counts
    ]
    return rows, total, unstated
