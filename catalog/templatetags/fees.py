"""Template filters putting fee terms in plain words: ``catalog.wording``'s functions by name.

``{% load fees %}`` then ``{{ rate|rate_line }}`` → "借记卡 0.50%，单笔封顶 20 元",
``{{ rate|rate_text }}`` → "0.50%，单笔封顶 20 元", ``{{ plan|deposit_text }}``,
``{{ plan|sim_text }}``, ``{{ plan|plan_lines }}``, ``{{ "wechat"|method_label }}``
(money and percentages: ``{% load site %}``).
"""

from __future__ import annotations

from typing import Any

from django import template

from catalog import marks, wording

register = template.Library()

for _name in (
    "rate_text",
    "rate_line",
    "sorted_rates",
    "method_label",
    "deposit_text",
    "sim_text",
    "device_text",
    "instant_text",
    "plan_lines",
):
    register.filter(_name, getattr(wording, _name))


@register.filter
def grouped_rate_lines(rates: Any) -> list[str]:
    """Standard (non-promotional) rates, methods with the same terms merged into one line."""
    return wording.grouped_rate_lines(r for r in rates if not getattr(r, "is_promo", False))


@register.filter
def methods_text(codes: Any) -> str:
    return wording.methods_text(codes or ())


@register.simple_tag
def provenance_legend() -> list[tuple[str, str, str]]:
    """``{% provenance_legend as legend %}``: (tier, mark, meaning) for the marks' legend."""
    return marks.legend()


@register.simple_tag
def promo_text(months: int, rates: Any) -> str:
    return wording.promo_text(months, list(rates))
