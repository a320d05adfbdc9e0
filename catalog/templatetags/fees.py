"""Template filters putting fee terms in plain words (see ``catalog.wording``).

``{% load fees %}`` then ``{{ rate|rate_line }}`` → "借记卡 0.50%，单笔封顶 20 元",
``{{ rate|rate_text }}`` → "0.50%，单笔封顶 20 元", ``{{ plan|deposit_text }}``,
``{{ plan|sim_text }}``, ``{{ plan|plan_lines }}``, ``{{ "wechat"|method_label }}``
(money and percentages: ``{% load site %}``).
"""

from __future__ import annotations

from typing import Any

from django import template

from catalog import wording

register = template.Library()


@register.filter
def rate_text(rate: Any) -> str:
    return wording.rate_text(rate)


@register.filter
def rate_line(rate: Any) -> str:
    return wording.rate_line(rate)


@register.filter
def grouped_rate_lines(rates: Any) -> list[str]:
    """Standard (non-promotional) rates, methods with the same terms merged into one line."""
    return wording.grouped_rate_lines(r for r in rates if not getattr(r, "is_promo", False))


@register.filter
def sorted_rates(rates: Any) -> list[Any]:
    return wording.sorted_rates(rates)


@register.filter
def method_label(code: str) -> str:
    return wording.method_label(code)


@register.filter
def methods_text(codes: Any) -> str:
    return wording.methods_text(codes or ())


@register.filter
def deposit_text(plan: Any) -> str:
    return wording.deposit_text(plan)


@register.filter
def sim_text(plan: Any) -> str:
    return wording.sim_text(plan)


@register.filter
def device_text(plan: Any) -> str:
    return wording.device_text(plan)


@register.filter
def instant_text(plan: Any) -> str:
    return wording.instant_text(plan)


@register.filter
def plan_lines(plan: Any) -> list[wording.TermLine]:
    return wording.plan_lines(plan)


@register.simple_tag
def promo_text(months: int, rates: Any) -> str:
    return wording.promo_text(months, list(rates))
