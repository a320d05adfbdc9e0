"""Reading values from a public link's query string, as merchants type them.

Links are shared, so their fields are public names (DESIGN.md "Link format"); each app declares
its fields with the readers here — the merchant profile (``catalog.profile``), the stress test
(``calculator.forms``), the offer (``calculator.offer``) — and gets the cleaned values and a
message per invalid field back. Numbers are read the way merchants write them: ``30,000``,
``3万``, ``5千``, ``1.2亿``, ``120元``, ``0.6%``. A field absent or empty is ``None`` (its
default is the caller's); an invalid one is reported with its field's message, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.functional import Promise

MAX_DIGITS = 14  # as the money columns: 12 digits of 元 and 2 of 分
# Chinese units of amounts: 千 (thousand), 万 (ten thousand), 亿 (hundred million).
UNITS = {"千": Decimal(1000), "万": Decimal(10000), "亿": Decimal(100000000)}
_UNIT = re.compile(r"^(?P<number>.*?)\s*(?P<unit>[千万亿])$")
_STRIP = str.maketrans("", "", ", ")


class Invalid(ValueError):
    """The value cannot be read; the field's message says what is expected."""


def _decimal(text: str) -> Decimal:
    text = unicodedata.normalize("NFKC", text).translate(_STRIP)
    text = text.removesuffix("元").removesuffix("%")
    match = _UNIT.match(text)
    text = match["number"] if match else text
    if not text.isascii() or "_" in text:
        raise Invalid
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise Invalid from None
    # Huge exponents (1e999999万) would overflow the multiplication below (decimal.Overflow):
    # no amount is that big, nor that small.
    if not number.is_finite() or abs(number.adjusted()) > MAX_DIGITS + 4:
        raise Invalid
    return number * UNITS[match["unit"]] if match else number


@dataclass(frozen=True)
class Field:
    """One field of a link: its public ``name`` and the ``message`` that explains what it takes."""

    name: str
    message: Promise | str

    def clean(self, text: str) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Number(Field):
    """A decimal from ``low`` to ``high`` with at most ``places`` decimals."""

    low: Decimal = Decimal(0)
    high: Decimal = Decimal(0)
    places: int = 2

    def clean(self, text: str) -> Decimal:
        number = _decimal(text)
        _sign, digits, exponent = number.as_tuple()
        assert isinstance(exponent, int)  # finite
        places = max(0, -exponent)
        whole = len(digits) + exponent if exponent >= 0 else max(0, len(digits) - places)
        if places > self.places or whole > MAX_DIGITS - self.places:
            raise Invalid
        if not self.low <= number <= self.high:
            raise Invalid
        return number


@dataclass(frozen=True)
class Whole(Field):
    """A whole number from ``low`` to ``high`` (``12`` or ``12.0``; not ``12.5``)."""

    low: int = 0
    high: int = 0

    def clean(self, text: str) -> int:
        number = _decimal(text)
        if number != number.to_integral_value():
            raise Invalid
        if not self.low <= number <= self.high:
            raise Invalid
        return int(number)


@dataclass(frozen=True)
class Choice(Field):
    """One of ``choices`` (their codes)."""

    choices: tuple[str, ...] = ()

    def clean(self, text: str) -> str:
        if text not in self.choices:
            raise Invalid
        return text


@dataclass(frozen=True)
class Text(Field):
    """Free text up to ``max_length`` characters (control characters refused)."""

    max_length: int = 60

    def clean(self, text: str) -> str:
        if len(text) > self.max_length or any(ord(c) < 32 for c in text):
            raise Invalid
        return text


@dataclass(frozen=True)
class Date(Field):
    """An ISO date, ``YYYY-MM-DD``, between the years 2000 and 2100."""

    def clean(self, text: str) -> dt.date:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise Invalid from None
        if len(text) != 10 or not 2000 <= day.year <= 2100:
            raise Invalid
        return day


def given(query: Mapping[str, Any], name: str) -> str | None:
    """The value of ``name`` as a query string gives it (the last one when repeated), stripped;
    None when absent."""
    getlist = getattr(query, "getlist", None)
    if getlist is not None:
        values = getlist(name)
        value = values[-1] if values else None
    else:
        value = query.get(name)
        if isinstance(value, list | tuple):
            value = value[-1] if value else None
    return None if value is None else str(value).strip()


def read(
    fields: Iterable[Field], query: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The cleaned values of ``fields`` (None when absent or empty) and the message of each
    invalid one."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field in fields:
        text = given(query, field.name)
        if not text:
            values[field.name] = None
            continue
        try:
            values[field.name] = field.clean(text)
        except Invalid:
            values[field.name] = None
            errors[field.name] = [str(field.message)]
    return values, errors


def plain(value: Any) -> str:
    """A cleaned value as a link writes it: ``Decimal('30000.00')`` → ``'30000'``,
    ``Decimal('0.50')`` → ``'0.5'``, a date as ISO."""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class FormField(forms.CharField):
    """A form field that reads its value as a link-format field does (``spec.clean``: 万 and
    full-width digits, bounds, no huge exponents), with the same message when it cannot."""

    def __init__(self, spec: Field, **kwargs: Any) -> None:
        self.spec = spec
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return self.spec.clean(text)
        except Invalid:
            raise forms.ValidationError(str(self.spec.message), code="invalid") from None
