"""Cost estimates on catalog pages without the catalog depending on the calculator.

DESIGN.md: ``calculator → catalog``, never the other way. The calculator app registers a
*pricer* at start-up (``CalculatorConfig.ready``); catalog pages ask :func:`price` for the
monthly cost of the plans they show, for the merchant profile in the query string. With no
pricer registered (the calculator app not installed), catalog pages simply show no costs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from catalog.models import Plan


@dataclass(frozen=True)
class PlanCost:
    """What one plan costs the merchant; ``None`` figures mean it cannot serve them."""

    monthly_average: Decimal | None
    total: Decimal | None
    effective_rate: Decimal | None
    unsupported: tuple[str, ...] = ()


@dataclass(frozen=True)
class PricingResult:
    costs: Mapping[int, PlanCost]  # plan pk → cost
    profile_label: str  # e.g. "月流水 30,000 元 · 零售 · 12 个月"
    profile_query: str  # the profile as a query string, to link into the calculator
    errors: Mapping[str, list[str]] = field(default_factory=dict)  # invalid profile fields


class Pricer(Protocol):
    def __call__(self, plans: Sequence[Plan], params: Mapping[str, str]) -> PricingResult: ...


_pricer: Pricer | None = None


def register(pricer: Pricer) -> None:
    global _pricer
    _pricer = pricer


def price(plans: Sequence[Plan], params: Mapping[str, str]) -> PricingResult | None:
    """Costs of ``plans`` (rates prefetched) for the profile in ``params``, or None."""
    if _pricer is None:
        return None
    return _pricer(plans, params)
