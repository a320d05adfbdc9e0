"""Rates a statement check-up measured, carried to the fee report form in a signed token: the
report can say "measured in a statement check-up" (evidence T2) without the file being kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core import signing

SALT = "reports.measured-rates"
MAX_AGE = 24 * 60 * 60  # a token is good for a day


def measured_token(rates: Mapping[str, Decimal]) -> str:
    """A signed token of measured rates (method → percent)."""
    return signing.dumps({m: str(v) for m, v in rates.items()}, salt=SALT)


def read_measured(token: str, methods: Iterable[str]) -> dict[str, Decimal]:
    """The rates in a token; ``ValueError`` when it is forged, expired or malformed."""
    try:
        raw = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        return {m: Decimal(raw[m]) for m in methods if m in raw}
    except (signing.BadSignature, KeyError, TypeError, ArithmeticError, ValueError) as error:
        raise ValueError("not a measured-rates token") from error
