"""The brand pages: every brand with its products on sale and their cost range."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.shortcuts import get_object_or_404

from catalog import pricing
from catalog.models import Brand, Product
from catalog.pricing import PricingResult
from catalog.selectors.base import brand_list_with_counts, current_plans_prefetch, name_order
from catalog.selectors.costs import CostRange, best_plan, cost_range
from catalog.selectors.listing import ProductRow


@dataclass(frozen=True)
class BrandRow:
    brand: Brand
    active_products: int
    costs: CostRange


def brand_rows(*, on: dt.date, params: Mapping[str, str]) -> tuple[list[BrandRow], Any]:
    """Every brand with its number of products on sale and their monthly cost range."""
    brands = list(brand_list_with_counts())
    products = list(
        Product.objects.active()
        .prefetch_related(current_plans_prefetch(on=on))
        .only("pk", "brand_id", "slug")
    )
    result = pricing.price([plan for p in products for plan in p.current_plans], params)
    costs = result.costs
    by_brand: dict[int, list[Product]] = defaultdict(list)
    for product in products:
        by_brand[product.brand_id].append(product)
    rows = [
        BrandRow(brand, brand.active_products, cost_range(by_brand.get(brand.pk, []), costs))
        for brand in brands
    ]
    return rows, result


@dataclass(frozen=True)
class BrandPage:
    brand: Brand
    products: list[ProductRow]
    costs: CostRange
    pricing: PricingResult
    last_verified: dt.date | None

    def licence_expired(self, *, on: dt.date) -> bool:
        until = self.brand.licence_valid_until
        return until is not None and until < on


def brand_page(*, slug: str, on: dt.date, params: Mapping[str, str]) -> BrandPage:
    brand = get_object_or_404(Brand.objects.prefetch_related("penalties"), slug=slug)
    products = list(
        brand.products.all()
        .prefetch_related("features", current_plans_prefetch(on=on))
        .order_by("status", name_order(), "slug")
    )
    for product in products:
        product.brand = brand
    result = pricing.price([plan for p in products for plan in p.current_plans], params)
    costs = result.costs
    rows = [ProductRow(p, *best_plan(p.current_plans, costs)) for p in products]
    active = [p for p in products if p.status == Product.Status.ACTIVE]
    dates = [plan.verified_on for p in products for plan in p.current_plans]
    return BrandPage(
        brand=brand,
        products=rows,
        costs=cost_range(active, costs),
        pricing=result,
        last_verified=max(dates) if dates else None,
    )
