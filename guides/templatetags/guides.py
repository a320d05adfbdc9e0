"""Citations for the guides: ``{% cite keys %}`` links to the page's source list."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from guides.sources import SOURCES

register = template.Library()


@register.simple_tag
def cite(keys: Iterable[str] | str) -> SafeString:
    """``[S12, S13]`` as links to ``#src-S12`` …; unknown keys are left out."""
    if isinstance(keys, str):
        keys = [k.strip() for k in keys.split(",")]
    known = [k for k in keys if k in SOURCES]
    if not known:
        return SafeString("")
    links = format_html_join(
        ", ",
        '<a href="#src-{}" title="{}">{}</a>',
        ((k, SOURCES[k].title, k) for k in known),
    )
    return format_html('<span class="cite">[{}]</span>', links)
