"""The product page: its plans in force with fee tables, costs and warnings, and their history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from catalog import pricing, wording
from catalog.models import Plan, Product, Rate
from catalog.pricing import PlanCost, PricingResult
from catalog.regulation import floor_breaches
from catalog.selectors.history import PlanHistory, plan_histories


@dataclass(frozen=True)
class PlanView:
    """A plan in force today, ready for the fee table."""

    plan: Plan
    rates: list[Rate]
    promo_rates: list[Rate]
    lines: list[wording.TermLine]
    cost: PlanCost | None
    warnings: list[str]
    next_version: Plan | None  # a scheduled version replacing it


@dataclass(frozen=True)
class ProductPage:
    product: Product
    current: list[PlanView]
    histories: list[PlanHistory]
    warnings: list[str]
    pricing: PricingResult

    @property
    def has_estimate(self) -> bool:
        return any(v.plan.is_estimate for v in self.current)


def plan_warnings(plan: Plan) -> list[str]:
    """Regulatory warnings for a plan's rates (prefetched): rates below the cost floor."""
    return [wording.floor_warning(b) for b in floor_breaches(plan.rates.all())]


def product_warnings(product: Product) -> list[str]:
    if product.kind == Product.Kind.QR_PLATE:
        return [wording.static_qr_warning()]
    return []


def product_page(*, slug: str, on: dt.date, params: Mapping[str, str]) -> ProductPage:
    """The product with its current plans (fee tables, costs, warnings) and plan history."""
    product = get_object_or_404(
        Product.objects.select_related("brand").prefetch_related(
            "features",
            Prefetch(
                "plans",
                queryset=Plan.objects.published().with_rates().order_by("name", "valid_from"),
                to_attr="all_plans",
            ),
        ),
        slug=slug,
    )
    plans: list[Plan] = product.all_plans  # type: ignore[attr-defined]  # the prefetch's to_attr
    current = [p for p in plans if p.is_current(on=on)]
    product.current_plans = current
    result = pricing.price(current, params)
    costs = result.costs
    views = []
    for plan in current:
        rows = list(plan.rates.all())
        later = [
            p
            for p in plans
            if p.name == plan.name and p.valid_from > on and p.valid_from >= plan.valid_from
        ]
        views.append(
            PlanView(
                plan=plan,
                rates=wording.sorted_rates(r for r in rows if not r.is_promo),
                promo_rates=wording.sorted_rates(r for r in rows if r.is_promo),
                lines=wording.plan_lines(plan),
                cost=costs.get(plan.pk),
                warnings=plan_warnings(plan),
                next_version=min(later, key=lambda p: p.valid_from) if later else None,
            )
        )
    return ProductPage(
        product=product,
        current=views,
        histories=plan_histories(plans, on=on),
        warnings=product_warnings(product),
        pricing=result,
    )
