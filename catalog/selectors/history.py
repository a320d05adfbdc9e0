"""Plan versions and what changed from one to the next, term by term and rate by rate."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from catalog import wording
from catalog.models import PaymentMethod, Plan, PlanStatus
from catalog.terms import RATE_TERM_NAMES

# Plan fields compared between consecutive versions of a plan (see ``plan_diff``).
DIFF_FIELDS = tuple(wording.FIELD_LABELS)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any
    old_text: str
    new_text: str


@dataclass(frozen=True)
class RateChange:
    """``kind`` is ``"added"``, ``"removed"`` or ``"changed"``."""

    method: str
    is_promo: bool
    kind: str
    old_text: str
    new_text: str

    @property
    def method_label(self) -> str:
        return wording.method_label(self.method)


@dataclass(frozen=True)
class PlanDiff:
    fields: list[FieldChange]
    rates: list[RateChange]

    def __bool__(self) -> bool:
        return bool(self.fields or self.rates)


def plan_diff(old: Plan, new: Plan) -> PlanDiff:
    """What changed from plan version ``old`` to ``new``: each term and each rate.

    Terms are compared field by field (device price, deposit and its refund rule, fees,
    settlement, contract, estimate flag, notes). Rates are matched by payment method and
    standard/introductory kind; a rate present on one side only is added or removed. Uses the
    prefetched rates of both plans.
    """
    fields = []
    for name in DIFF_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "notes":
            before, after = old.display_notes, new.display_notes
        if before != after:
            fields.append(
                FieldChange(
                    name=name,
                    label=wording.field_label(name),
                    old=before,
                    new=after,
                    old_text=wording.field_value_text(name, before),
                    new_text=wording.field_value_text(name, after),
                )
            )
    old_rates = {(r.method, r.is_promo): r for r in old.rates.all()}
    new_rates = {(r.method, r.is_promo): r for r in new.rates.all()}
    order = {code: i for i, code in enumerate(PaymentMethod.values)}
    keys = sorted(set(old_rates) | set(new_rates), key=lambda k: (k[1], order.get(k[0], 99)))
    rates = []
    for key in keys:
        a, b = old_rates.get(key), new_rates.get(key)
        if a is None and b is not None:
            rates.append(RateChange(key[0], key[1], "added", "", wording.rate_text(b)))
        elif b is None and a is not None:
            rates.append(RateChange(key[0], key[1], "removed", wording.rate_text(a), ""))
        elif (
            a is not None
            and b is not None
            and any(getattr(a, f) != getattr(b, f) for f in RATE_TERM_NAMES)
        ):
            rates.append(
                RateChange(key[0], key[1], "changed", wording.rate_text(a), wording.rate_text(b))
            )
    return PlanDiff(fields=fields, rates=rates)


@dataclass(frozen=True)
class PlanVersion:
    plan: Plan
    status: PlanStatus  # current, scheduled or expired
    last_day: dt.date | None  # the last day in force (valid_to is exclusive)
    diff: PlanDiff | None  # against the version before it; None for the first version


@dataclass(frozen=True)
class PlanHistory:
    """All versions of one named plan of a product, newest first."""

    name: str
    versions: list[PlanVersion]

    @property
    def anchor(self) -> int:
        """The pk of the version in force (else the newest): the page links to it."""
        for version in self.versions:
            if version.status == Plan.Status.CURRENT:
                return version.plan.pk
        return self.versions[0].plan.pk


def plan_histories(plans: Sequence[Plan], *, on: dt.date) -> list[PlanHistory]:
    """Group a product's plans (all versions, rates prefetched) into histories by plan name."""
    groups: dict[str, list[Plan]] = defaultdict(list)
    for plan in sorted(plans, key=lambda p: (p.name, p.valid_from)):
        groups[plan.name].append(plan)
    histories = []
    for versions in groups.values():
        entries = []
        previous: Plan | None = None
        for plan in versions:
            entries.append(
                PlanVersion(
                    plan=plan,
                    status=plan.status(on=on),
                    last_day=plan.valid_to - dt.timedelta(days=1) if plan.valid_to else None,
                    diff=plan_diff(previous, plan) if previous is not None else None,
                )
            )
            previous = plan
        entries.reverse()
        latest = versions[-1]
        histories.append(PlanHistory(name=latest.display_name, versions=entries))
    return histories
