"""The merchant profile in a link (DESIGN.md "Link format"): its fields, presets, defaults and
bounds, read from a query string into an engine ``Profile`` and written back.

Field names are public — links are shared: ``volume`` (元/month), ``ticket`` (average 元),
``months``, ``settlement`` (``t1``/``instant``), ``spm`` (settlements per month), ``preset``
(``retail``, ``restaurant``, ``wholesale``, ``small_shop``) or the custom mix ``mix_<method>`` in
percent, optionally ``ticket_<method>`` per method. Missing fields take the defaults shown on the
forms; unknown fields are ignored; invalid values are reported on their field (in the user's
language), never guessed. A custom mix is used when ``preset`` is ``custom``, or absent while some
``mix_<method>`` is given; with a named preset the mix fields are not used.

The catalog pages price their plans with it (``catalog.pricing``), the calculator's and the
comparison's profile form reads through it, so every page reads a link the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from calculator.engine import METHODS, Profile
from core.linkformat import Choice, Field, Number, Whole, plain, read

# --- presets ---------------------------------------------------------------------------------
# Typical payment mixes and tickets for four kinds of shop. These splits are our own assumptions
# for a starting point, not sourced statistics: card-heavy wholesale, QR-heavy small shops and
# restaurants, a balanced retail mix. Every preset is shown on the form as the percentages it
# stands for, and the merchant can replace it with their own mix.


@dataclass(frozen=True)
class Preset:
    code: str
    label: Promise
    mix_percent: Mapping[str, Decimal]  # method → percent, summing to 100
    average_ticket: Decimal

    @property
    def mix(self) -> Mapping[str, Decimal]:
        """Shares summing to 1, as the engine wants them."""
        return MappingProxyType({m: p / 100 for m, p in self.mix_percent.items() if p})


def _mix(**percent: int) -> Mapping[str, Decimal]:
    assert sum(percent.values()) == 100, percent
    return MappingProxyType({k: Decimal(v) for k, v in percent.items()})


PRESETS: dict[str, Preset] = {
    p.code: p
    for p in (
        Preset(
            "retail",
            _("Retail"),
            _mix(debit_card=25, credit_card=25, wechat=22, alipay=18, unionpay_qr=5, contactless=5),
            Decimal("120"),
        ),
        Preset(
            "restaurant",
            _("Restaurant"),
            _mix(debit_card=10, credit_card=15, wechat=40, alipay=30, unionpay_qr=3, contactless=2),
            Decimal("80"),
        ),
        Preset(
            "wholesale",
            _("Wholesale"),
            _mix(debit_card=45, credit_card=35, wechat=8, alipay=7, unionpay_qr=3, contactless=2),
            Decimal("3000"),
        ),
        Preset(
            "small_shop",
            _("Small shop"),
            _mix(debit_card=5, credit_card=5, wechat=50, alipay=35, unionpay_qr=5, contactless=0),
            Decimal("40"),
        ),
    )
}

CUSTOM = "custom"
T1, INSTANT = "t1", "instant"
DEFAULT_PRESET = "retail"
DEFAULT_VOLUME = Decimal("30000")
DEFAULT_MONTHS = 12
DEFAULT_SETTLEMENTS_PER_MONTH = 30
DEFAULT_CUSTOM_TICKET = Decimal("100")

MAX_VOLUME = Decimal("100000000")
MIN_TICKET = Decimal("0.01")
MAX_TICKET = Decimal("1000000")
MIN_MONTHS, MAX_MONTHS = 1, 60
MIN_SPM, MAX_SPM = 1, 10000

# Error messages (constants, so tests can assert on them). Each names the accepted range.
MSG_VOLUME = _("Enter a monthly volume from 0 to 100,000,000 元, e.g. 30000 or 3万.")
MSG_TICKET = _("Enter an average ticket from 0.01 to 1,000,000 元.")
MSG_MONTHS = _("Enter a whole number of months from 1 to 60.")
MSG_SPM = _("Enter a whole number of settlements a month, from 1 to 10,000.")
MSG_SETTLEMENT = _("Choose T+1 or instant settlement.")
MSG_PRESET = _("Choose one of the kinds of business listed, or a custom mix.")
MSG_MIX_PERCENT = _("Enter a percentage from 0 to 100.")
MSG_MIX_TOTAL = _("Your custom mix must total 100 %%; it totals %(total)s %%.")

MIX = "mix"  # the key of the error about the custom mix as a whole

FIELDS: tuple[Field, ...] = (
    Number("volume", MSG_VOLUME, low=Decimal(0), high=MAX_VOLUME),
    Choice("preset", MSG_PRESET, choices=(*PRESETS, CUSTOM)),
    Number("ticket", MSG_TICKET, low=MIN_TICKET, high=MAX_TICKET),
    Whole("months", MSG_MONTHS, low=MIN_MONTHS, high=MAX_MONTHS),
    Choice("settlement", MSG_SETTLEMENT, choices=(T1, INSTANT)),
    Whole("spm", MSG_SPM, low=MIN_SPM, high=MAX_SPM),
    *(Number(f"mix_{m}", MSG_MIX_PERCENT, low=Decimal(0), high=Decimal(100)) for m in METHODS),
    *(Number(f"ticket_{m}", MSG_TICKET, low=MIN_TICKET, high=MAX_TICKET) for m in METHODS),
)
MIX_FIELDS = tuple(f"mix_{m}" for m in METHODS)
TICKET_FIELDS = tuple(f"ticket_{m}" for m in METHODS)
# The link-format names of the profile, in the order links write them.
PROFILE_FIELDS = tuple(f.name for f in FIELDS if not f.name.startswith("ticket_"))

# Fields that take a default when absent from the query (shown on the forms as placeholders).
DEFAULTS: Mapping[str, str] = {
    "volume": plain(DEFAULT_VOLUME),
    "months": str(DEFAULT_MONTHS),
    "settlement": T1,
    "spm": str(DEFAULT_SETTLEMENTS_PER_MONTH),
}


def with_defaults(query: Mapping[str, Any], defaults: Mapping[str, str] = DEFAULTS) -> QueryDict:
    """A copy of ``query`` with the defaults put in for absent fields.

    A field present but empty (the merchant cleared it) stays empty and takes its default when
    read. Without ``preset``, a link that gives a mix is a custom mix.
    """
    data = QueryDict(mutable=True)
    if isinstance(query, QueryDict):
        for key in query:
            data.setlist(key, query.getlist(key))
    else:
        for key, value in query.items():
            values = value if isinstance(value, list | tuple) else [value]
            data.setlist(key, [str(v) for v in values])
    for name, value in defaults.items():
        if name not in data:
            data[name] = value
    if "preset" not in data:
        has_mix = any((data.get(f) or "").strip() for f in MIX_FIELDS)
        data["preset"] = CUSTOM if has_mix else DEFAULT_PRESET
    return data


@dataclass(frozen=True)
class ProfileReading:
    """A profile read from a link: the cleaned ``values`` and the ``errors`` per field (the
    custom mix's total under ``MIX``)."""

    values: Mapping[str, Any]
    errors: Mapping[str, list[str]]

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def preset(self) -> Preset | None:
        """The named preset, or None for a custom mix."""
        return PRESETS.get(self.values.get("preset") or "")

    def mix_percent(self) -> dict[str, Decimal]:
        """The payment mix in percent (method → percent > 0) that the profile uses."""
        preset = self.preset
        if preset is not None:
            return {m: p for m, p in preset.mix_percent.items() if p}
        return {m: v for m in METHODS if (v := self.values.get(f"mix_{m}")) and v > 0}

    def default_ticket(self) -> Decimal:
        preset = self.preset
        return preset.average_ticket if preset is not None else DEFAULT_CUSTOM_TICKET

    def profile(self) -> Profile:
        """The engine profile (only for a valid reading)."""
        if not self.valid:
            raise ValueError("the profile has errors")
        v = self.values
        per_method = {m: t for m in METHODS if (t := v.get(f"ticket_{m}")) is not None}
        return Profile(
            monthly_volume=DEFAULT_VOLUME if v["volume"] is None else v["volume"],
            mix={m: p / 100 for m, p in self.mix_percent().items()},
            average_ticket=v["ticket"] if v["ticket"] is not None else self.default_ticket(),
            months=v["months"] if v["months"] is not None else DEFAULT_MONTHS,
            instant_settlement=v["settlement"] == INSTANT,
            settlements_per_month=(
                v["spm"] if v["spm"] is not None else DEFAULT_SETTLEMENTS_PER_MONTH
            ),
            average_tickets=per_method or None,
        )

    def pairs(self) -> list[tuple[str, str]]:
        """The profile as link (name, value) pairs: only what the merchant gave (or the defaults
        the form showed), leaving out what is not in use (the mix with a named preset, the
        settlements a month without instant settlement), so a link says exactly what was priced."""
        v = self.values
        names = ["volume", "ticket", "months", "settlement"]
        if v.get("settlement") == INSTANT:
            names.append("spm")
        if v.get("preset") == CUSTOM:
            names.extend(f for f in MIX_FIELDS if v.get(f))
        else:
            names.append("preset")
        names.extend(TICKET_FIELDS)
        return [(name, plain(v[name])) for name in names if v.get(name) not in (None, "")]

    def query(self) -> str:
        return urlencode(self.pairs())

    def label(self) -> str:
        """A one-line summary, e.g. "30,000 元 a month · Retail · 12 months"."""
        return profile_label(self.profile(), self.preset)


def read_profile(query: Mapping[str, Any]) -> ProfileReading:
    """The profile in ``query`` (a ``QueryDict`` or a plain mapping), absent fields defaulted."""
    values, errors = read(FIELDS, with_defaults(query))
    values["preset"] = values["preset"] or DEFAULT_PRESET
    if values["preset"] == CUSTOM and not any(f in errors for f in MIX_FIELDS):
        total = sum((values[f] or Decimal(0) for f in MIX_FIELDS), Decimal(0))
        if total != 100:
            errors[MIX] = [str(MSG_MIX_TOTAL % {"total": f"{total.normalize():f}"})]
    return ProfileReading(values, errors)


def profile_label(profile: Profile, preset: Preset | None) -> str:
    """A profile in one line, e.g. "30,000 元 a month · Retail · 12 months" (``preset`` None:
    a custom mix)."""
    kind = preset.label if preset is not None else _("custom mix")
    return str(
        _("%(volume)s 元 a month · %(kind)s · %(months)s months")
        % {"volume": f"{profile.monthly_volume:,.0f}", "kind": kind, "months": profile.months}
    )


def default_reading() -> ProfileReading:
    """The profile of a link without profile fields."""
    return read_profile({})


def profile_query(params: Mapping[str, Any]) -> str:
    """The profile part of a query string, to carry into links (products=… is added by them)."""
    pairs: list[tuple[str, Any]] = []
    getlist = getattr(params, "getlist", None)
    for name in PROFILE_FIELDS:
        values = getlist(name) if getlist else [params[name]] if name in params else []
        pairs.extend((name, v) for v in values if v != "")
    return urlencode(pairs)
