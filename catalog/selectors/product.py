"""The product page: its plans in force with fee tables, costs and warnings, and their history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from catalog import marks, pricing, wording
from catalog.models import Plan, Product, Rate
from catalog.pricing import PlanCost, PricingResult
from catalog.regulation import floor_breaches
from catalog.selectors.history import PlanHistory, plan_histories

# The filter "only figures a source states": ``?figures=stated``.
STATED_ONLY_PARAM = "figures"
STATED_ONLY = "stated"


def separator_join(*parts: str | None) -> str:
    return wording.separator().join(p for p in parts if p)


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
    # The fee table with a provenance mark per figure (``catalog.marks``).
    rate_rows: list[marks.MarkedLine]
    term_rows: list[marks.MarkedLine]
    unstated: list[str]  # "月费：未注明（按0计）" …
    hidden: int = 0  # rows left out by "only figures a source states"


@dataclass(frozen=True)
class ProductPage:
    product: Product
    current: list[PlanView]
    histories: list[PlanHistory]
    warnings: list[str]
    pricing: PricingResult
    stated_only: bool = False  # the filter "only figures a source states"

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
    stated_only = params.get(STATED_ONLY_PARAM) == STATED_ONLY
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
        rate_rows = [
            marks.MarkedLine(
                r.method,
                separator_join(wording.rate_text(r), marks.max_amount_text(r)),
                marks.rate_marks(plan, r),
            )
            for r in wording.sorted_rates(r for r in rows if not r.is_promo)
        ]
        term_rows = [
            marks.MarkedLine(line.key, line.text, marks.line_marks(plan, line.key))
            for line in wording.plan_lines(plan)
        ]
        hidden = 0
        if stated_only:
            kept_rates = [row for row in rate_rows if row.stated]
            kept_terms = [row for row in term_rows if row.stated]
            hidden = len(rate_rows) - len(kept_rates) + len(term_rows) - len(kept_terms)
            rate_rows, term_rows = kept_rates, kept_terms
        views.append(
            PlanView(
                plan=plan,
                rates=wording.sorted_rates(r for r in rows if not r.is_promo),
                promo_rates=wording.sorted_rates(r for r in rows if r.is_promo),
                lines=wording.plan_lines(plan),
                cost=costs.get(plan.pk),
                warnings=plan_warnings(plan),
                next_version=min(later, key=lambda p: p.valid_from) if later else None,
                rate_rows=rate_rows,
                term_rows=term_rows,
                unstated=[marks.unstated_text(n) for n in marks.unstated_terms(plan)],
                hidden=hidden,
            )
        )
    return ProductPage(
        product=product,
        current=views,
        histories=plan_histories(plans, on=on),
        warnings=product_warnings(product),
        pricing=result,
        stated_only=stated_only,
    )
