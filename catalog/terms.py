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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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
