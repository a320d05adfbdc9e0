"""The merchant's own offer in a link (DESIGN.md "The merchant's own offer"): read, checked, priced.

An offer an agent or a bank made — or the merchant's current contract — travels in the query
string beside the profile, with the same terms as a plan, each named ``offer_<link>`` after its
term in ``catalog.terms`` (``offer_device``, ``offer_deposit``, ``offer_refund_volume`` …), the
rates per method ``offer_<method>`` (percent), ``offer_<method>_fixed``, ``_cap``, ``_min``,
``_limit`` + ``_above``, the introductory rates ``offer_promo_<method>`` with
``offer_promo_months``, and ``offer_name`` (≤ 60 characters) and ``offer_signed`` (ISO date).
Two conveniences: ``offer_cards`` gives both card types one rate and ``offer_qr`` the three QR
methods one rate, where the offer does not name the method's own.

Any ``offer_*`` field means an offer is present. A term the offer does not state is *not stated*
(``Offer.stated``): the engine prices it as 0 — it is a question to ask, and the checks say so —
and a method without a rate is a term the offer leaves out, never a zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculator.engine import METHODS, PlanTerms
from catalog.terms import (
    DAYS,
    FLAG,
    MONEY,
    PERCENT,
    PLAN_TERMS,
    RATE_TERMS,
    TERMS_BY_NAME,
    RateRow,
    SplitRates,
    Term,
    terms_of,
)
from core.linkformat import Date, Field, Number, Text, Whole, given, plain, read

PREFIX = "offer_"
# Terms that are absent, not 0, when the offer does not state them.
SILENT_IS_NONE = frozenset(
    {"deposit_refund_volume", "deposit_refund_days", "monthly_fee_waived_at", "contract_months"}
)
KEY = "offer"  # the engine key of an offer's terms (plans are keyed by their primary key)
NAME_LENGTH = 60
CARDS = ("debit_card", "credit_card")
QR = ("wechat", "alipay", "unionpay_qr")

MSG_RATE = _("Enter a rate from 0 to 5 %, e.g. 0.6.")
MSG_MONEY = _("Enter an amount from 0 to %(high)s 元.")
MSG_MONTHS = _("Enter a whole number of months from 0 to %(high)s.")
MSG_DAYS = _("Enter a whole number of days from 1 to 3,650.")
MSG_NAME = _("Give the offer a name of at most 60 characters.")
MSG_SIGNED = _("Enter the day it was signed as YYYY-MM-DD, e.g. 2026-12-01.")
MSG_CAP_BELOW_MIN = _("The cap must not be below the minimum per payment.")
MSG_LIMIT_PAIR = _("Give the amount limit and the rate above it together.")
MSG_REFUND_DAYS = _("Say within how many days the refund volume must be reached.")
MSG_REFUND_VOLUME = _("Say what volume refunds the deposit.")
MSG_REFUND_POSITIVE = _("The volume that refunds the deposit must be more than 0 元.")
MSG_PROMO_MONTHS = _("Say for how many months the introductory rates apply.")

# Bounds of what an offer can say (anything beyond is a typing mistake).
HIGH = {
    "fixed": Decimal(100),
    "cap": Decimal(10000),
    "minimum": Decimal(10000),
    "limit": Decimal(1000000),
    "instant_fixed": Decimal(100),
    "monthly_fee": Decimal(10000),
    "sim_fee_annual": Decimal(10000),
}
HIGH_MONEY = Decimal(100000000)
HIGH_MONTHS = {"sim_free_months": 120, "promo_months": 60, "contract_months": 120}


def _message(message: Promise, **params: Any) -> str:
    """``message % params`` in the language of the moment it is shown."""
    return lazy(lambda: str(message) % params, str)()


def _money(name: str, key: str) -> Number:
    high = HIGH.get(key, HIGH_MONEY)
    return Number(name, _message(MSG_MONEY, high=f"{high:,}"), low=Decimal(0), high=high)


def _field(name: str, term: Term, key: str) -> Field:
    if term.kind == PERCENT:
        return Number(name, MSG_RATE, low=Decimal(0), high=Decimal(5), places=4)
    if term.kind == MONEY:
        return _money(name, key)
    if term.kind == DAYS:
        return Whole(name, MSG_DAYS, low=1, high=3650)
    high = HIGH_MONTHS.get(key, 120)
    return Whole(name, _message(MSG_MONTHS, high=high), low=0, high=high)


def rate_field(method: str, term: Term, *, promo: bool = False) -> str:
    return f"{PREFIX}{'promo_' if promo else ''}{method}{term.link}"


TERM_FIELDS: dict[str, Field] = {
    term.name: _field(f"{PREFIX}{term.link}", term, term.name)
    for term in PLAN_TERMS
    if term.link and term.kind != FLAG
}
RATE_FIELDS: dict[tuple[str, str], Field] = {
    (method, term.name): _field(rate_field(method, term), term, term.name)
    for method in METHODS
    for term in RATE_TERMS
}
PROMO_FIELDS: dict[str, Field] = {
    method: _field(rate_field(method, RATE_TERMS[0], promo=True), RATE_TERMS[0], "percent")
    for method in METHODS
}
GROUP_FIELDS = {
    "cards": Number(f"{PREFIX}cards", MSG_RATE, low=Decimal(0), high=Decimal(5), places=4),
    "qr": Number(f"{PREFIX}qr", MSG_RATE, low=Decimal(0), high=Decimal(5), places=4),
}
NAME = Text(f"{PREFIX}name", MSG_NAME, max_length=NAME_LENGTH)
SIGNED = Date(f"{PREFIX}signed", MSG_SIGNED)
FIELDS: tuple[Field, ...] = (
    *RATE_FIELDS.values(),
    *GROUP_FIELDS.values(),
    *PROMO_FIELDS.values(),
    *TERM_FIELDS.values(),
    NAME,
    SIGNED,
)
FIELD_NAMES = frozenset(f.name for f in FIELDS)


def has_offer(query: Mapping[str, Any]) -> bool:
    """Whether the query names an offer: any ``offer_*`` field with a value."""
    return any(key.startswith(PREFIX) and given(query, key) for key in query)


@dataclass(frozen=True)
class Offer(SplitRates):
    """What an offer states: ``figures`` (plan term → value, None where the offer is silent),
    its rates and introductory rates, a name and the day it was signed."""

    figures: Mapping[str, Any]
    rates: tuple[RateRow, ...]
    name: str = ""
    signed: dt.date | None = None
    query: str = ""  # the offer as link fields, for links and snapshots
    given_fields: frozenset[str] = field(default_factory=frozenset)

    def __getattr__(self, name: str) -> Any:
        """A term's value for pricing and wording: what the offer states, else what a silent
        term is priced as (0; no refund rule; no contract; instant settlement available)."""
        figures = self.__dict__.get("figures", {})
        if name not in figures:
            raise AttributeError(name)
        value = figures[name]
        if value is not None:
            return value
        if name == "instant_available":
            return True
        if name in SILENT_IS_NONE:
            return None
        return Decimal(0) if TERMS_BY_NAME[name].kind in (MONEY, PERCENT) else 0

    def stated(self, name: str) -> bool:
        """Whether the offer states the plan term ``name``."""
        return self.figures.get(name) is not None

    @property
    def label(self) -> str:
        return self.name or gettext("Your offer")

    @cached_property
    def terms(self) -> PlanTerms:
        """The offer's engine terms (terms it does not state priced as 0)."""
        return terms_of(self, self.rates, key=KEY)

    @property
    def display_name(self) -> str:
        return self.label

    @property
    def display_notes(self) -> str:
        return ""

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Offer | None:
        return read_offer(dict(parse_qsl(data.get("query", "")))).offer


@dataclass(frozen=True)
class OfferReading:
    """An offer read from a link: the offer (None without ``offer_*`` fields or with errors)
    and the message of each invalid field."""

    present: bool
    offer: Offer | None
    values: Mapping[str, Any]
    errors: Mapping[str, list[str]]

    @property
    def valid(self) -> bool:
        return not self.errors


def _check_pairs(values: dict[str, Any], errors: dict[str, list[str]]) -> None:
    """Terms that only make sense together: cap and minimum, limit and the rate above it, the
    refund volume and its days, introductory rates and their months."""

    def add(name: str, message: Any) -> None:
        errors.setdefault(name, []).append(str(message))

    for method in METHODS:
        f = {t.name: RATE_FIELDS[(method, t.name)].name for t in RATE_TERMS}
        cap, minimum = values[f["cap"]], values[f["minimum"]]
        if cap is not None and minimum is not None and cap < minimum:
            add(f["cap"], MSG_CAP_BELOW_MIN)
        limit, above = values[f["limit"]], values[f["above_percent"]]
        if (limit is None) != (above is None) and not {f["limit"], f["above_percent"]} & set(
            errors
        ):
            add(f["above_percent"] if above is None else f["limit"], MSG_LIMIT_PAIR)
    volume = TERM_FIELDS["deposit_refund_volume"].name
    days = TERM_FIELDS["deposit_refund_days"].name
    if values[volume] is not None and values[volume] <= 0 and volume not in errors:
        add(volume, MSG_REFUND_POSITIVE)
    if values[volume] is not None and values[days] is None and days not in errors:
        add(days, MSG_REFUND_DAYS)
    if values[days] is not None and values[volume] is None and volume not in errors:
        add(volume, MSG_REFUND_VOLUME)
    months = TERM_FIELDS["promo_months"].name
    has_promo = any(values[f.name] is not None for f in PROMO_FIELDS.values())
    if has_promo and not values[months] and months not in errors:
        add(months, MSG_PROMO_MONTHS)


def _rates(values: Mapping[str, Any]) -> tuple[RateRow, ...]:
    rows = []
    for method in METHODS:
        numbers = {t.name: values[RATE_FIELDS[(method, t.name)].name] for t in RATE_TERMS}
        if numbers["percent"] is None:
            group = "cards" if method in CARDS else "qr" if method in QR else None
            numbers["percent"] = values[GROUP_FIELDS[group].name] if group else None
        if numbers["percent"] is not None:
            numbers["fixed"] = numbers["fixed"] or Decimal(0)
            rows.append(RateRow(method=method, **numbers))
        promo = values[PROMO_FIELDS[method].name]
        if promo is not None:
            rows.append(RateRow(method=method, is_promo=True, percent=promo))
    return tuple(rows)


def _pairs(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(f.name, plain(values[f.name])) for f in FIELDS if values.get(f.name) is not None]


def read_offer(query: Mapping[str, Any]) -> OfferReading:
    """The offer in ``query`` (a ``QueryDict`` or a plain mapping)."""
    if not has_offer(query):
        return OfferReading(False, None, {}, {})
    values, errors = read(FIELDS, query)
    _check_pairs(values, errors)
    if errors:
        return OfferReading(True, None, values, errors)
    offer = Offer(
        figures={name: values[f.name] for name, f in TERM_FIELDS.items()}
        | {"instant_available": None},
        rates=_rates(values),
        name=values[NAME.name] or "",
        signed=values[SIGNED.name],
        query=urlencode(_pairs(values)),
        given_fields=frozenset(f.name for f in FIELDS if values.get(f.name) is not None),
    )
    return OfferReading(True, offer, values, errors)
