"""Data checks on fee plans, shown to admins when they save and usable as list filters.

Errors make a save impossible (the same limits are database constraints); warnings are
allowed but flagged, because they usually mean a typo, an outdated figure or a risky offer:

- **below cost floor**: a card rate below what the card networks and issuers alone charge an
  acquirer for a 标准类 merchant (market-facts.md §1.2, derived from 发改价格〔2016〕557号 and
  银发〔2021〕169号): credit 0.4825 %, debit 0.34425 % with the cost capped at 16.25 元. An
  offer below it signals MCC "跳码" risk, or simply a mistyped number;
- **stale**: verified more than 180 days ago;
- **no source**: neither a source URL nor a source note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import MAX_RATE, PaymentMethod, Plan, Rate
from catalog.regulation import COST_FLOORS, DEBIT_COST_CAP

STALE_AFTER_DAYS = 180

ERROR = "error"
WARNING = "warning"

# Codes of the warnings, with the labels the admin filter shows.
BELOW_FLOOR = "below_floor"
STALE = "stale"
NO_SOURCE = "no_source"
WARNING_LABELS = {
    BELOW_FLOOR: gettext_lazy("Rate below the regulatory cost floor"),
    STALE: gettext_lazy("Not verified for more than 180 days"),
    NO_SOURCE: gettext_lazy("No source"),
}
FLOORS = COST_FLOORS


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR or WARNING
    code: str
    message: str


def rate_findings(rate: Rate) -> list[Finding]:
    """Errors and warnings of one rate row."""
    found: list[Finding] = []
    label = rate.get_method_display()
    if rate.is_promo:
        label = _("%(method)s (promotional)") % {"method": label}
    for value in (rate.percent, rate.above_percent):
        if value is not None and not (0 <= value <= MAX_RATE):
            found.append(
                Finding(
                    ERROR,
                    "rate_range",
                    _("%(method)s: the rate %(rate)s %% is outside 0–5 %%.")
                    % {"method": label, "rate": value},
                )
            )
    if rate.cap is not None and rate.minimum is not None and rate.cap < rate.minimum:
        found.append(
            Finding(
                ERROR,
                "cap_below_minimum",
                _("%(method)s: the cap %(cap)s 元 is below the minimum %(minimum)s 元.")
                % {"method": label, "cap": rate.cap, "minimum": rate.minimum},
            )
        )
    floor = FLOORS.get(rate.method)
    if floor is not None:
        for value in (rate.percent, rate.above_percent):
            if value is not None and 0 <= value < floor:
                found.append(
                    Finding(
                        WARNING,
                        BELOW_FLOOR,
                        _(
                            "%(method)s: %(rate)s %% is below the regulatory cost floor of "
                            "%(floor)s %% for this card type (issuer and network fees alone, "
                            "标准类 merchants). Check the figure; such offers often mean "
                            "merchant-category (MCC) 跳码."
                        )
                        % {"method": label, "rate": value, "floor": floor},
                    )
                )
                break
    if (
        rate.method == PaymentMethod.DEBIT_CARD
        and rate.cap is not None
        and rate.cap < DEBIT_COST_CAP
    ):
        found.append(
            Finding(
                WARNING,
                BELOW_FLOOR,
                _(
                    "%(method)s: the cap of %(cap)s 元 is below the %(floor)s 元 that "
                    "issuer and network fees alone can reach per transaction."
                )
                % {"method": label, "cap": rate.cap, "floor": DEBIT_COST_CAP},
            )
        )
    return found


def plan_findings(plan: Plan, *, rates: Iterable[Rate], on: dt.date) -> list[Finding]:
    """Errors and warnings of a plan with the given rates, as of the day ``on``."""
    found: list[Finding] = []
    if not (0 <= plan.instant_percent <= MAX_RATE):
        found.append(
            Finding(
                ERROR,
                "rate_range",
                _("The instant-settlement surcharge %(rate)s %% is outside 0–5 %%.")
                % {"rate": plan.instant_percent},
            )
        )
    for rate in rates:
        found.extend(rate_findings(rate))
    age = (on - plan.verified_on).days
    if age > STALE_AFTER_DAYS:
        found.append(
            Finding(
                WARNING,
                STALE,
                _(
                    "Last verified on %(date)s, %(days)s days ago (more than %(limit)s): "
                    "check the figures against the source and update “verified on”."
                )
                % {"date": plan.verified_on.isoformat(), "days": age, "limit": STALE_AFTER_DAYS},
            )
        )
    if not plan.source_url.strip() and not plan.source_note.strip():
        found.append(
            Finding(
                WARNING,
                NO_SOURCE,
                _("No source: add the URL or a note saying where these numbers come from."),
            )
        )
    return found


def _below_floor_rates() -> Q:
    q = Q(method=PaymentMethod.DEBIT_CARD, cap__lt=DEBIT_COST_CAP)
    for method, floor in FLOORS.items():
        q |= Q(method=method, percent__lt=floor) | Q(method=method, above_percent__lt=floor)
    return q


def plans_with_warning(plans: QuerySet[Plan], code: str, *, on: dt.date) -> QuerySet[Plan]:
    """The plans among ``plans`` that have the warning ``code`` (or any warning: ``"any"``)."""
    below = Exists(Rate.objects.filter(_below_floor_rates(), plan=OuterRef("pk")))
    stale = Q(verified_on__lt=on - dt.timedelta(days=STALE_AFTER_DAYS))
    no_source = Q(source_url="", source_note="")
    conditions = {BELOW_FLOOR: Q(below), STALE: stale, NO_SOURCE: no_source}
    if code == "any":
        return plans.filter(Q(below) | stale | no_source)
    return plans.filter(conditions[code])
