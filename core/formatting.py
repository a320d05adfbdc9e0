"""Money and percentages as pages write them: the one formatter of the site.

Money is ``Decimal`` in 元, rounded half up to 0.01 元 for display (never Decimal's default
half-even); rates are percent of the amount (``0.60`` means 0.60 %).

* :func:`yuan` — ``'1,234.50'``: an amount with its cents (tables, totals);
* :func:`money` — ``'30,000'``, ``'0.72'``: whole amounts without cents (sentences, working);
* :func:`yuan_text` — ``'99 元'``, ``'5 万元'``: with its unit, round amounts in 万 in Chinese;
* :func:`total_text` — ``'1,234.50 元'``: a reported total with its unit;
* :func:`percent` — ``'0.60%'``, ``'0.34425%'``: at least two decimals, never rounded;
* :func:`count` — ``'62.5'``, ``'≈166.67'``: a number of payments, to two decimals at most.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, ngettext

CENT = Decimal("0.01")
WAN = Decimal("10000")

Number = Decimal | int | str


def cents(value: Number) -> Decimal:
    """``value`` rounded half up to 0.01 元."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def yuan(value: Number) -> str:
    """``Decimal('1234.5')`` → ``'1,234.50'``."""
    return f"{cents(value):,.2f}"


def money(value: Number) -> str:
    """``30000`` → ``'30,000'``, ``0.715`` → ``'0.72'``: whole amounts without cents."""
    amount = cents(value)
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


def total_text(value: Number | None) -> str:
    """A reported total, always with cents and its unit: ``'1,234.50 元'`` (None: ``''``)."""
    return "" if value is None else f"{yuan(value)} 元"


def _chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def yuan_text(value: Number) -> str:
    """An amount with its unit: ``'99 元'``, ``'0.50 元'``, ``'1,000 元'``.

    Chinese writes round amounts from 10,000 元 up in 万: ``'5 万元'``, ``'1.5 万元'``;
    English keeps the digits: ``'50,000 元'``.
    """
    d = cents(value)
    if _chinese() and d >= WAN and d % 100 == 0:
        return f"{(d / WAN).normalize():f} 万元"
    text = f"{d:,.2f}"
    return f"{text.removesuffix('.00')} 元"


def percent(value: Number) -> str:
    """``Decimal('0.5')`` → ``'0.50%'``; ``Decimal('0.34425')`` → ``'0.34425%'``."""
    text = f"{Decimal(value).normalize():f}"
    whole, _dot, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}%"


def share(value: Decimal) -> str:
    """A share of 1 as a percentage without needless decimals: ``0.25`` → ``'25%'``."""
    return percent(value * 100).replace(".00%", "%")


def count(value: Decimal) -> str:
    """A count to at most two decimals, trailing zeros dropped: ``62.5``; ``≈166.67`` when
    the exact count has more decimals (the amounts use the exact count)."""
    rounded = cents(value)
    text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    return text if value == rounded else f"≈{text}"


def months_text(months: int) -> str:
    return ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
