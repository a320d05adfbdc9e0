"""Site-wide template helpers: money and rate formatting (``core.formatting``), languages.

``{% load site %}`` then ``{{ amount|yuan }}`` → "1,234.50", ``{{ rate|pct }}`` → "0.60%",
``{{ amount|yuan_text }}`` → "5 万元", ``{{ amount|money }}`` → "30,000".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

from core import formatting

register = template.Library()


def _unless_blank(format: Callable[[Any], str]) -> Callable[[Any], str]:
    """The filter writes nothing for ``None`` or ``""``."""
    return lambda value: "" if value is None or value == "" else format(value)


register.filter("yuan", _unless_blank(formatting.yuan))
register.filter("money", _unless_blank(formatting.money))
register.filter("pct", _unless_blank(formatting.percent))
register.filter("yuan_text", _unless_blank(formatting.yuan_text))


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
