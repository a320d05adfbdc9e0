"""What products cost a merchant: the cheapest plan of each, the range over several."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from catalog.models import Plan, Product
from catalog.pricing import PlanCost


@dataclass(frozen=True)
class CostRange:
    """Cheapest and dearest estimated monthly cost over a set of products (each product at its
    cheapest current plan), and how many products could not be priced for the profile."""

    low: Decimal | None
    high: Decimal | None
    priced: int
    unpriced: int


def best_plan(
    plans: Sequence[Plan], costs: Mapping[int, PlanCost] | None
) -> tuple[Plan | None, PlanCost | None]:
    """The plan with the lowest monthly cost that can serve the profile; else the first plan."""
    if costs:
        supported = [
            (costs[p.pk].monthly_average, p.pk, p)
            for p in plans
            if p.pk in costs and costs[p.pk].monthly_average is not None
        ]
        if supported:
            _cost, _pk, plan = min(supported, key=lambda t: (t[0], t[1]))
            return plan, costs[plan.pk]
    if plans:
        first = plans[0]
        return first, (costs or {}).get(first.pk)
    return None, None


def cost_range(products: Iterable[Product], costs: Mapping[int, PlanCost] | None) -> CostRange:
    values: list[Decimal] = []
    unpriced = 0
    for product in products:
        _plan, cost = best_plan(product.current_plans, costs)
        if cost is not None and cost.monthly_average is not None:
            values.append(cost.monthly_average)
        else:
            unpriced += 1
    return CostRange(
        low=min(values) if values else None,
        high=max(values) if values else None,
        priced=len(values),
        unpriced=unpriced,
    )
