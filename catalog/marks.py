"""Provenance marks for pages: which figures a sentence or a rate shows, and the compact mark
(源 / 代理 / 类型 / 市场 / 假设) each carries, with its source and date for hover, tap and print.

The figures themselves and their tiers are declared in :mod:`catalog.terms`; this module only
says which figures each line of a fee table shows and turns their provenance into marks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from calculator.engine import Estimate, PlanTerms
from catalog.terms import (
    ESTIMATED_TIERS,
    RATE_TERMS,
    STATED_TIERS,
    TERMS_BY_NAME,
    TIER_MARKS,
    Provenance,
    Tier,
    figure_provenance,
    rate_figure_key,
)
from core.formatting import yuan_text

# The figures each sentence of ``wording.plan_lines`` shows (by its ``TermLine.key``).
LINE_FIGURES: dict[str, tuple[str, ...]] = {  # also the calculator working's line keys
    "device": ("device_price",),
    "deposit": ("deposit", "deposit_refund_volume", "deposit_refund_days"),
    "sim": ("sim_fee_annual", "sim_free_months"),
    "instant": ("instant_available", "instant_percent", "instant_fixed"),
    "monthly": ("monthly_fee", "monthly_fee_waived_at"),
    "annual": ("annual_fee",),
    "contract": ("contract_months", "early_termination_fee"),
}
# The money terms a source may leave unstated (priced as 0), shown as "not stated".
UNSTATED_SHOWN: tuple[str, ...] = (
    "monthly_fee",
    "annual_fee",
    "instant_percent",
    "early_termination_fee",
)
RATE_LABELS = {term.name: term.label for term in RATE_TERMS}


@dataclass(frozen=True)
class Mark:
    """One compact mark: the tier's short name, the figures it covers and where they come from."""

    tier: str
    labels: tuple[str, ...]
    source: str
    date: str | None
    note: str
    unstated: bool = False  # a term no source states (priced as 0)

    @property
    def text(self) -> str:
        return str(TIER_MARKS.get(self.tier, self.tier))

    @property
    def stated(self) -> bool:
        return self.tier in STATED_TIERS

    @property
    def estimated(self) -> bool:
        return self.tier in ESTIMATED_TIERS

    @property
    def title(self) -> str:
        """What the hover, the tap and the print show: figures, tier, source, date, note."""
        try:
            tier = str(Tier(self.tier).label)
        except ValueError:
            tier = self.tier
        parts = [f"{'、'.join(self.labels)}：{tier}"]
        if self.source:
            parts.append(self.source)
        parts.append(self.date or _("undated"))
        if self.note:
            parts.append(self.note)
        return " · ".join(parts)


def _marks(provenance: Any, figures: Iterable[tuple[str, str]]) -> list[Mark]:
    """Marks of the figures ``(key, label)``: neighbours from the same source (tier, source,
    date) share one mark; terms no source states get none (pages say "not stated" instead)."""
    out: list[Mark] = []
    if not provenance:  # a plan saved before provenance was recorded: nothing to mark
        return out
    last: Provenance | None = None
    for key, label in figures:
        prov = figure_provenance(provenance, key)
        if prov is None:
            out.append(Mark("", (label,), "", None, _("no provenance recorded")))
            last = None
            continue
        if prov.unstated:
            continue
        if last is not None and out and _same_source(prov, last):
            prev = out[-1]
            note = (
                prev.note
                if not prov.note or prov.note in prev.note
                else (f"{prev.note}；{prov.note}" if prev.note else prov.note)
            )
            out[-1] = dataclasses.replace(prev, labels=(*prev.labels, label), note=note)
            continue
        out.append(Mark(prov.tier, (label,), prov.source, prov.date, prov.note, prov.unstated))
        last = prov
    return out


def _same_source(a: Provenance, b: Provenance) -> bool:
    return (a.tier, a.source, a.date) == (b.tier, b.source, b.date)


def rate_figures(rate: Any, method: str = "") -> list[str]:
    """The rate terms a rate's text shows: the percent, and the others that have a value
    (a debit card's cap always: "uncapped" is a figure too)."""
    shown = ["percent"]
    if rate.limit is not None:
        shown += ["limit", "above_percent"]
    if rate.minimum is not None:
        shown.append("minimum")
    if rate.cap is not None or (method or getattr(rate, "method", "")) == "debit_card":
        shown.append("cap")
    if (rate.fixed or Decimal(0)) > 0:
        shown.append("fixed")
    if getattr(rate, "max_amount", None) is not None:
        shown.append("max_amount")
    return shown


def rate_marks(plan: Any, rate: Any) -> list[Mark]:
    figures = [
        (rate_figure_key(rate.method, name, is_promo=rate.is_promo), str(RATE_LABELS[name]))
        for name in rate_figures(rate)
    ]
    return _marks(plan.provenance, figures)


def figure_marks(provenance: Any, keys: Iterable[str]) -> list[Mark]:
    """Marks of the figures ``keys`` (plan terms or rate figure keys)."""
    figures = []
    for key in keys:
        term = TERMS_BY_NAME.get(key)
        label = term.label if term is not None else RATE_LABELS.get(key.rsplit(".", 1)[-1], key)
        figures.append((key, str(label)))
    return _marks(provenance, figures)


def line_marks(plan: Any, key: str) -> list[Mark]:
    figures = [(name, str(TERMS_BY_NAME[name].label)) for name in LINE_FIGURES.get(key, ())]
    return _marks(plan.provenance, figures)


def unstated_terms(plan: Any) -> list[str]:
    """The money terms no source states for ``plan`` (priced as 0, shown as "not stated")."""
    out = []
    for name in UNSTATED_SHOWN:
        prov = figure_provenance(plan.provenance, name)
        if prov is not None and prov.unstated and not getattr(plan, name):
            out.append(name)
    return out


def unstated_text(name: str) -> str:
    """``'月费：未注明（按0计）'``."""
    return _("%(term)s: not stated (priced as 0)") % {"term": TERMS_BY_NAME[name].label}


def max_amount_text(rate: Any) -> str | None:
    if getattr(rate, "max_amount", None) is None:
        return None
    return _("at most %(amount)s per payment") % {"amount": yuan_text(rate.max_amount)}


@dataclass(frozen=True)
class MarkedLine:
    key: str
    text: str
    marks: Sequence[Mark]

    @property
    def stated(self) -> bool:
        """Every figure of the line is one a source states (or follows from the product's kind)."""
        return all(m.tier in STATED_TIERS or m.tier == Tier.TYPE or m.unstated for m in self.marks)


def legend() -> list[tuple[str, str, str]]:
    """(tier, mark, meaning) for each tier, in order."""
    return [(t, str(TIER_MARKS[t]), str(Tier(t).label)) for t in Tier.values]


def _estimated(provenance: Any, keys: Iterable[str]) -> bool:
    for key in keys:
        prov = figure_provenance(provenance, key)
        if prov is not None and prov.tier in ESTIMATED_TIERS:
            return True
    return False


def estimated_amount(plan: Any, terms: PlanTerms, e: Estimate) -> Decimal | None:
    """How much of an estimate's total rests on market defaults or assumptions: each part of
    the total (a method's transaction fees, the settlement fees, the recurring fees, the one-off
    costs) counts in full when a figure it is worked out from is a market default or an
    assumption (terms no source states, priced as 0, add nothing). None when the plan's
    provenance is not recorded or the estimate has no total."""
    provenance = getattr(plan, "provenance", None)
    if not provenance or e.total is None:
        return None
    part = Decimal(0)
    for method, amount in e.per_method.items():
        rate = terms.rates.get(method)
        keys = [rate_figure_key(method, n) for n in rate_figures(rate, method)] if rate else []
        promo = terms.promo_rates.get(method)
        if promo is not None:
            keys += [rate_figure_key(method, n, is_promo=True) for n in rate_figures(promo, method)]
        if _estimated(provenance, keys):
            part += amount
    if e.settlement_fees and _estimated(provenance, ("instant_percent", "instant_fixed")):
        part += e.settlement_fees
    recurring = [
        name
        for name, value in (
            ("monthly_fee", terms.monthly_fee),
            ("annual_fee", terms.annual_fee),
            ("sim_fee_annual", terms.sim_fee_annual),
        )
        if value
    ]
    if terms.sim_fee_annual:
        recurring.append("sim_free_months")
    if terms.monthly_fee:
        recurring.append("monthly_fee_waived_at")
    if e.recurring_fees and _estimated(provenance, recurring):
        part += e.recurring_fees
    one_off = ["device_price"] if terms.device_price else []
    if not e.deposit_refunded and terms.deposit:
        one_off += ["deposit", "deposit_refund_volume", "deposit_refund_days"]
    if e.one_off and _estimated(provenance, one_off):
        part += e.one_off
    return part


def estimated_share(plan: Any, terms: PlanTerms, e: Estimate) -> Decimal | None:
    """:func:`estimated_amount` as a percent of the total (0–100, whole percent)."""
    part = estimated_amount(plan, terms, e)
    if part is None or not e.total or e.total <= 0:
        return None
    share = part * 100 / e.total
    return max(Decimal(0), min(Decimal(100), share.quantize(Decimal(1))))
