"""Site-wide template helpers: money and rate formatting, language switching, provenance."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()

CENT = Decimal("0.01")


@register.filter
def yuan(value: Any) -> str:
    """``Decimal('1234.5')`` → ``'1,234.50'`` (money, rounded half up to 0.01)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{amount:,.2f}"


@register.filter
def pct(value: Any) -> str:
    """``Decimal('0.6000')`` → ``'0.60%'``; keeps up to four decimals when they matter."""
    if value is None or value == "":
        return ""
    d = Decimal(value)
    text = f"{d:.4f}".rstrip("0")
    if len(text.split(".")[1]) < 2:
        text = f"{d:.2f}"
    return f"{text}%"


@register.simple_tag(takes_context=True)
def url_in_language(context: template.Context, language: str, query: bool = True) -> str:
    """The current page's URL in another language, with its query string unless ``query=False``
    (canonical and hreflang links name the page without filters)."""
    request = context.get("request")
    if request is None:
        return "/" if language == "zh-hans" else f"/{language}/"
    return translate_url(request.get_full_path() if query else request.path, language)


@register.simple_tag
def current_language() -> str:
    return get_language() or "zh-hans"
