"""The terms of a fee plan, declared once.

A plan's fee figures are the ``Plan`` fields named in :data:`TERM_GROUPS` (in reading order and
grouped as the admin form shows them) and, per payment method, the ``Rate`` fields in
:data:`RATE_TERMS`. Everything that lists them — the admin's fieldsets, import/export columns,
the correction rule, the plan history, share-link snapshots, the engine adapter, the offer link
format — derives its list from here.

Each term carries how a merchant reads it (``label``), how its value is written (``kind``) and its
name in the offer link format (``link``: ``offer_<link>``, DESIGN.md "The merchant's own offer").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from calculator.engine import PlanTerms, Rate

MONEY = "money"  # 元, two decimals
PERCENT = "percent"  # percent of the amount, four decimals
MONTHS = "months"
DAYS = "days"
FLAG = "flag"


@dataclass(frozen=True)
class Term:
    name: str  # the model field
    label: Promise
    kind: str
    link: (
        str  # offer link-format name: ``offer_<link>`` (rates: ``offer_<method><link>``); "": none
    )


TERM_GROUPS: tuple[tuple[Promise, tuple[Term, ...]], ...] = (
    (
        _("Device and deposit"),
        (
            Term("device_price", _("Device price"), MONEY, "device"),
            Term("deposit", _("Deposit"), MONEY, "deposit"),
            Term(
                "deposit_refund_volume",
                _("Volume that refunds the deposit"),
                MONEY,
                "refund_volume",
            ),
            Term(
                "deposit_refund_days", _("Days allowed for the refund volume"), DAYS, "refund_days"
            ),
        ),
    ),
    (
        _("Recurring fees"),
        (
            Term("monthly_fee", _("Monthly fee"), MONEY, "monthly"),
            Term(
                "monthly_fee_waived_at",
                _("Monthly volume that waives the monthly fee"),
                MONEY,
                "monthly_waived_at",
            ),
            Term("annual_fee", _("Annual fee"), MONEY, "annual"),
            Term("sim_fee_annual", _("SIM/data fee per year"), MONEY, "sim"),
            Term("sim_free_months", _("SIM/data fee free months"), MONTHS, "sim_free"),
        ),
    ),
    (
        _("Settlement"),
        (
            Term("instant_available", _("Instant settlement (D0) available"), FLAG, ""),
            Term("instant_percent", _("Instant settlement surcharge"), PERCENT, "instant_percent"),
            Term("instant_fixed", _("Fee per instant settlement"), MONEY, "instant_fixed"),
        ),
    ),
    (
        _("Promotion and contract"),
        (
            Term("promo_months", _("Introductory months"), MONTHS, "promo_months"),
            Term("contract_months", _("Contract term"), MONTHS, "contract_months"),
            Term("early_termination_fee", _("Early-termination fee"), MONEY, "etf"),
        ),
    ),
)
PLAN_TERMS: tuple[Term, ...] = tuple(term for _title, terms in TERM_GROUPS for term in terms)
TERM_NAMES: tuple[str, ...] = tuple(term.name for term in PLAN_TERMS)
TERMS_BY_NAME = {term.name: term for term in PLAN_TERMS}

RATE_TERMS: tuple[Term, ...] = (
    Term("percent", _("rate"), PERCENT, ""),
    Term("fixed", _("fixed fee per transaction"), MONEY, "_fixed"),
    Term("cap", _("cap per transaction"), MONEY, "_cap"),
    Term("minimum", _("minimum per transaction"), MONEY, "_min"),
    Term("limit", _("amount limit"), MONEY, "_limit"),
    Term("above_percent", _("rate above the limit"), PERCENT, "_above"),
    Term("max_amount", _("largest single payment"), MONEY, "_max"),
)
RATE_TERM_NAMES: tuple[str, ...] = tuple(term.name for term in RATE_TERMS)

# The plan terms the engine prices (the contract's terms are shown, not priced).
ENGINE_TERMS: tuple[str, ...] = tuple(
    name for name in TERM_NAMES if name in {f.name for f in dataclasses.fields(PlanTerms)}
)


@dataclass(frozen=True)
class RateRow(Rate):
    """A rate as a catalog ``Rate`` row has it, outside the database: the engine rate with its
    method and kind (a share link's snapshot, a merchant's offer)."""

    method: str = ""
    is_promo: bool = False


class SplitRates:
    """The normal and introductory rates of something holding ``RateRow``s (a share link's
    plan, an offer)."""

    rates: tuple[RateRow, ...]

    @property
    def standard_rates(self) -> dict[str, RateRow]:
        return {r.method: r for r in self.rates if not r.is_promo}

    @property
    def promo_rates(self) -> list[RateRow]:
        return [r for r in self.rates if r.is_promo]


def rate_terms(row: Any) -> Rate:
    """The engine rate of a ``Rate`` row (or anything with the same fields)."""
    return Rate(**{name: getattr(row, name) for name in RATE_TERM_NAMES})


def terms_of(plan: Any, rates: Iterable[Any], *, key: Any) -> PlanTerms:
    """Engine terms from a plan's fields and its rates: a catalog ``Plan`` and its ``Rate``
    rows, or anything with the same names (a share link's snapshot, an offer)."""
    rows = list(rates)
    return PlanTerms(
        rates={r.method: rate_terms(r) for r in rows if not r.is_promo},
        promo_rates={r.method: rate_terms(r) for r in rows if r.is_promo},
        key=key,
        **{name: getattr(plan, name) for name in ENGINE_TERMS},
    )


def plan_terms(plan: Any) -> PlanTerms:
    """Engine terms of a catalog plan (rates prefetched or not); ``key`` is its primary key."""
    return terms_of(plan, plan.rates.all(), key=plan.pk)


# ---------------------------------------------------------------------------------------------
# Provenance: where each figure of a plan comes from (declared once, here).
#
# ``Plan.provenance`` maps a figure key — a plan term's name (``deposit``), or a rate term as
# ``<method>.<term>`` (``debit_card.cap``; introductory rates ``promo.<method>.<term>``) — to
# ``{"tier": …, "source": key or URL, "date": the source's own date (ISO) or null when undated,
# "note": what the source says or the assumption made, "unstated": true when no source states
# the term and it is priced as 0}``.
# ---------------------------------------------------------------------------------------------


class Tier(models.TextChoices):
    BRAND = "brand", _("the acquirer's own publication")
    AGENT = "agent", _("an agent's or reseller's page about this product")
    TYPE = "type", _("follows from the kind of product")
    MARKET = "market", _("a market-range default")
    ASSUMED = "assumed", _("an assumption (no source says)")


# The compact mark each tier carries on pages (源 / 代理 / 类型 / 市场 / 假设).
TIER_MARKS: dict[str, Promise] = {
    Tier.BRAND: pgettext_lazy("provenance mark", "src"),
    Tier.AGENT: pgettext_lazy("provenance mark", "agent"),
    Tier.TYPE: pgettext_lazy("provenance mark", "type"),
    Tier.MARKET: pgettext_lazy("provenance mark", "market"),
    Tier.ASSUMED: pgettext_lazy("provenance mark", "assumed"),
}
# Figures a source states for this product.
STATED_TIERS = frozenset({Tier.BRAND, Tier.AGENT})
# Figures that rest on no source about this product.
ESTIMATED_TIERS = frozenset({Tier.MARKET, Tier.ASSUMED})


class PlanLabel(models.TextChoices):
    """A plan's overall label, derived from its figures (never typed)."""

    SOURCED = "sourced", _("all sourced")
    PARTLY = "partly", _("partly estimated")
    ESTIMATE = "estimate", _("market estimate")


PROMO_PREFIX = "promo."


def rate_figure_key(method: str, term: str, *, is_promo: bool = False) -> str:
    return f"{PROMO_PREFIX if is_promo else ''}{method}.{term}"


def figure_keys(rates: Iterable[Any]) -> tuple[str, ...]:
    """Every figure key of a plan with these rate rows: the plan terms, then each rate's."""
    keys = list(TERM_NAMES)
    for row in rates:
        keys.extend(
            rate_figure_key(row.method, name, is_promo=row.is_promo) for name in RATE_TERM_NAMES
        )
    return tuple(keys)


@dataclass(frozen=True)
class Provenance:
    """Where one figure comes from."""

    tier: str
    source: str = ""
    date: str | None = None  # the source's own date, ISO; None: undated
    note: str = ""
    unstated: bool = False  # no source states it: priced as 0, shown as "not stated"

    @classmethod
    def of(cls, entry: Any) -> Provenance | None:
        if not isinstance(entry, dict) or not entry.get("tier"):
            return None
        return cls(
            tier=str(entry["tier"]),
            source=str(entry.get("source") or ""),
            date=entry.get("date") or None,
            note=str(entry.get("note") or ""),
            unstated=bool(entry.get("unstated")),
        )

    @property
    def mark(self) -> Promise | str:
        return TIER_MARKS.get(self.tier, self.tier)

    @property
    def tier_label(self) -> str:
        try:
            return str(Tier(self.tier).label)
        except ValueError:
            return self.tier

    @property
    def stated(self) -> bool:
        return self.tier in STATED_TIERS

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"tier": self.tier, "source": self.source, "date": self.date}
        if self.note:
            out["note"] = self.note
        if self.unstated:
            out["unstated"] = True
        return out


def figure_provenance(provenance: Any, key: str) -> Provenance | None:
    """The provenance of one figure from a plan's map (None: the figure has no tier)."""
    if not isinstance(provenance, dict):
        return None
    return Provenance.of(provenance.get(key))


def plan_label(provenance: Any, keys: Iterable[str]) -> PlanLabel:
    """All sourced (every stated figure from a source or the product's kind), market estimate
    (no figure a source states for this product) or partly estimated. Terms no source states
    (priced as 0) are shown as such and do not make the label."""
    found = [figure_provenance(provenance, key) for key in keys]
    stated = [p for p in found if p is not None and not p.unstated]
    if not any(p.stated for p in stated):
        return PlanLabel.ESTIMATE
    if all(p.tier not in ESTIMATED_TIERS for p in stated):
        return PlanLabel.SOURCED
    return PlanLabel.PARTLY


def recorded_label(provenance: Any, is_estimate: bool) -> PlanLabel:
    """A plan's label from its provenance map; before provenance was recorded, from the old
    plan-level flag (``is_estimate``)."""
    if not provenance:
        return PlanLabel.ESTIMATE if is_estimate else PlanLabel.SOURCED
    return plan_label(provenance, provenance.keys())


def tier_counts(provenance: Any, keys: Iterable[str]) -> dict[str, int]:
    """How many of the figures ``keys`` are in each tier ("" for a figure without one)."""
    counts: dict[str, int] = {}
    for key in keys:
        found = figure_provenance(provenance, key)
        tier = found.tier if found is not None else ""
        counts[tier] = counts.get(tier, 0) + 1
    return counts


def provenance_errors(provenance: Any) -> list[str]:
    """What is wrong with a provenance map (empty: nothing). Keys are figure keys; each entry
    needs a known tier, and its date, when given, is an ISO date."""
    if not isinstance(provenance, dict):
        return [str(_("Write the provenance as a JSON object: figure → {tier, source, date}."))]
    errors: list[str] = []
    tiers = set(Tier.values)
    for key, entry in provenance.items():
        if not isinstance(entry, dict):
            errors.append(str(_("%(figure)s: not an object.") % {"figure": key}))
            continue
        if entry.get("tier") not in tiers:
            errors.append(
                str(
                    _("%(figure)s: the tier must be one of %(tiers)s.")
                    % {"figure": key, "tiers": ", ".join(Tier.values)}
                )
            )
        date = entry.get("date")
        if date is not None:
            try:
                dt.date.fromisoformat(str(date))
            except ValueError:
                errors.append(
                    str(
                        _("%(figure)s: “%(date)s” is not a date (YYYY-MM-DD) or null.")
                        % {"figure": key, "date": date}
                    )
                )
    return errors
