"""What a report's figures must pass before they are taken: the arithmetic of one payment (T1),
and text that must not identify a merchant or carry links. Plain Python."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# A mainland mobile number, a bank card number (16–19 digits), a merchant number (15 digits,
# often with spaces or dashes), an ID card number (18 characters).
_IDENTIFYING = (
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    re.compile(r"(?<!\d)(?:\d[ -]?){15,19}(?!\d)"),
    re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])"),
)
_LINK = re.compile(r"(?i)(?:https?://|www\.|[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|cc)\b)")
_MARKUP = re.compile(r"<[^>]*>")


def fee_of(amount: Decimal, percent: Decimal, cap: Decimal | None = None) -> Decimal:
    """One payment's fee at ``percent`` (capped), rounded to 0.01 元 half up (DESIGN.md rule 1)."""
    fee = amount * percent / 100
    if cap is not None:
        fee = min(fee, cap)
    return fee.quantize(CENT, rounding=ROUND_HALF_UP)


def payment_adds_up(
    amount: Decimal, fee: Decimal, percent: Decimal, cap: Decimal | None = None
) -> bool:
    """Whether a payment of ``amount`` charged ``fee`` is what ``percent`` (and the cap) gives."""
    return amount > 0 and fee_of(amount, percent, cap) == fee


def identifying(text: str) -> bool:
    """Whether the text holds something that looks like a phone, card, merchant or ID number."""
    return any(pattern.search(text) for pattern in _IDENTIFYING)


def has_link(text: str) -> bool:
    return bool(_LINK.search(text))


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))
