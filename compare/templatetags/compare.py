"""``{% compare_row row %}``: one row of the comparison table, rendered once and kept.

Most rows of a comparison do not depend on the merchant's figures — features, hardware,
contract, licence, sources — so the same rows come back on every request for the same
terminals, whatever the volume. A row's markup is a function of its content and the language
alone, so each distinct row is rendered once (``compare/_row.html``) and kept in a
bounded memo; a changed fee, name or URL is different content, hence a different entry.
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from compare.comparison import Cell, Row

register = template.Library()


@register.simple_tag
def compare_row(row: Row) -> SafeString:
    args = (row.key, str(row.label), str(row.help), tuple(row.cells))
    if settings.DEBUG:  # templates are edited while the development server runs
        return _render_row(*args)
    return _remembered_row(get_language(), *args)


def _render_row(key: str, label: str, help: str, cells: tuple[Cell, ...]) -> SafeString:
    context = {"key": key, "label": label, "help": help, "cells": cells}
    return mark_safe(render_to_string("compare/_row.html", context))


@functools.lru_cache(maxsize=4096)
def _remembered_row(
    language: str | None, key: str, label: str, help: str, cells: tuple[Cell, ...]
) -> SafeString:
    return _render_row(key, label, help, cells)
