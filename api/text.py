"""Descriptions in both languages for the API's schema: English first, then Chinese."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise


def both(text: str | Promise) -> str:
    """``"Device price · 机具价格"``: the text in English and in Chinese (one when they agree)."""
    with translation.override("en"):
        english = str(text)
    with translation.override("zh-hans"):
        chinese = str(text)
    return english if english == chinese else f"{english} · {chinese}"
