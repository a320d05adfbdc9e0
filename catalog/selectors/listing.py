"""The product list page: filtered, sorted (by cost for the profile, or in the database) and
paginated."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Q, Subquery
from django.http import QueryDict

from catalog import pricing, wording
from catalog.filters import ProductFilter
from catalog.forms import MSG_NO_SUCH_PAGE, ListOptionsForm
from catalog.models import PaymentMethod, Plan, Product, Rate
from catalog.pricing import PlanCost, PricingResult
from catalog.profile import PROFILE_FIELDS
from catalog.selectors.base import current_plans_prefetch, name_order
from catalog.selectors.costs import best_plan

PER_PAGE = 20


@dataclass(frozen=True)
class ProductRow:
    product: Product
    plan: Plan | None  # the plan shown: cheapest for the profile, else the first current one
    cost: PlanCost | None

    @property
    def key_rates(self) -> list[Rate]:
        if self.plan is None:
            return []
        return wording.sorted_rates(r for r in self.plan.rates.all() if not r.is_promo)


@dataclass(frozen=True)
class Relaxation:
    """Dropping one filter would show ``count`` products: a suggestion for an empty list."""

    name: str
    label: str
    count: int
    query: str


@dataclass
class ProductListPage:
    filterset: ProductFilter
    options: ListOptionsForm
    rows: list[ProductRow] = field(default_factory=list)
    page: Page[Any] | None = None
    total: int = 0
    pricing: PricingResult | None = None
    sort: str = ListOptionsForm.SORT_COST
    relaxations: list[Relaxation] = field(default_factory=list)
    profile_hidden: list[tuple[str, str]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.filterset.form.errors and not self.options.errors

    @property
    def pricing_errors(self) -> list[str]:
        if self.pricing is None:
            return []
        shown = {"volume", "preset"}
        return [
            message
            for name, messages in self.pricing.errors.items()
            if name not in shown or name not in self.options.errors
            for message in messages
        ]


def _sort_annotations(on: dt.date) -> dict[str, Any]:
    """Per-product sort keys from the plans in force on ``on`` (lowest over current plans)."""
    current = Plan.objects.current(on=on).filter(product=OuterRef("pk"))
    credit = (
        Rate.objects.filter(
            plan__product=OuterRef("pk"),
            plan__valid_from__lte=on,
            method=PaymentMethod.CREDIT_CARD,
            is_promo=False,
        )
        .filter(Q(plan__valid_to__isnull=True) | Q(plan__valid_to__gt=on))
        .order_by("percent")
        .values("percent")[:1]
    )
    return {
        ListOptionsForm.SORT_CREDIT_RATE: Subquery(credit),
        ListOptionsForm.SORT_DEVICE_PRICE: Subquery(
            current.order_by("device_price").values("device_price")[:1]
        ),
        ListOptionsForm.SORT_DEPOSIT: Subquery(current.order_by("deposit").values("deposit")[:1]),
    }


def _page_number(options: ListOptionsForm) -> int:
    return options.cleaned_data.get("page") or 1


def product_list_page(
    *, params: QueryDict, on: dt.date, per_page: int | None = None
) -> ProductListPage:
    """The filtered, sorted, paginated product list for the query string ``params``.

    Sorting by cost prices every matching product's current plans for the profile in the query
    (or the default one) and sorts in Python; the other sorts run in the database. Products
    that cannot serve the profile (no rate for a method it uses) sort last.
    """
    per_page = per_page or PER_PAGE
    filterset = ProductFilter(params, queryset=Product.objects.all(), on=on)
    options = ListOptionsForm(params)
    result = ProductListPage(filterset=filterset, options=options)
    result.profile_hidden = [
        (name, value)
        for name in PROFILE_FIELDS
        if name not in ("volume", "preset")
        for value in params.getlist(name)
    ]
    filters_ok = filterset.is_valid()
    options_ok = options.is_valid()
    if not (filters_ok and options_ok):
        return result

    sort = options.sort_key()
    result.sort = sort
    qs = filterset.qs
    number = _page_number(options)

    if sort == ListOptionsForm.SORT_COST:
        plans = list(
            Plan.objects.current(on=on)
            .filter(product__in=qs.values("pk"))
            .with_rates()
            .order_by("name", "valid_from")
        )
        result.pricing = pricing.price(plans, params)
        costs = result.pricing.costs
        by_product: dict[int, list[Plan]] = defaultdict(list)
        for plan in plans:
            by_product[plan.product_id].append(plan)
        keyed = []
        for pk, name in qs.annotate(sort_name=name_order()).values_list("pk", "sort_name"):
            _plan, cost = best_plan(by_product.get(pk, []), costs)
            monthly = cost.monthly_average if cost is not None else None
            keyed.append((monthly is None, monthly or Decimal(0), name, pk))
        keyed.sort()
        page = _page(result, [k[3] for k in keyed], per_page=per_page, number=number)
        if page is None:
            return result
        page_ids = list(page.object_list)
        products = {
            p.pk: p
            for p in Product.objects.filter(pk__in=page_ids)
            .select_related("brand")
            .prefetch_related("features")
        }
        rows = []
        for pk in page_ids:
            product = products[pk]
            product.current_plans = by_product.get(pk, [])
            best, cost = best_plan(product.current_plans, costs)
            rows.append(ProductRow(product, best, cost))
    else:
        ordered = qs.select_related("brand").prefetch_related(
            "features", current_plans_prefetch(on=on)
        )
        if sort == ListOptionsForm.SORT_NAME:
            ordered = ordered.order_by(name_order(), "slug")
        else:
            ordered = ordered.annotate(sort_value=_sort_annotations(on)[sort]).order_by(
                F("sort_value").asc(nulls_last=True), name_order(), "slug"
            )
        page = _page(result, ordered, per_page=per_page, number=number)
        if page is None:
            return result
        page_products = list(page.object_list)
        page_plans = [plan for p in page_products for plan in p.current_plans]
        result.pricing = pricing.price(page_plans, params)
        costs = result.pricing.costs
        rows = [ProductRow(p, *best_plan(p.current_plans, costs)) for p in page_products]

    result.page = page
    result.rows = rows
    if result.total == 0:
        result.relaxations = _relaxations(filterset, params, on=on)
    return result


def _page(result: ProductListPage, items: Any, *, per_page: int, number: int) -> Page[Any] | None:
    """Page ``number`` of ``items`` (``result.total`` counts them all); None, with the error on
    the list options, when there is no such page."""
    paginator = Paginator(items, per_page)
    result.total = paginator.count
    if number == 1 or number <= paginator.num_pages:
        return paginator.page(number)
    result.options.add_error("page", MSG_NO_SUCH_PAGE % {"pages": paginator.num_pages})
    return None


def _relaxations(filterset: ProductFilter, params: QueryDict, *, on: dt.date) -> list[Relaxation]:
    """For an empty list: which single filter, dropped, would bring products back."""
    found = []
    for name in filterset.active_filters():
        relaxed = params.copy()
        relaxed.pop(name, None)
        relaxed.pop("page", None)
        if name == "max_price":
            relaxed.pop("min_price", None)
        elif name == "min_price":
            relaxed.pop("max_price", None)
        trial = ProductFilter(relaxed, queryset=Product.objects.all(), on=on)
        if not trial.is_valid():
            continue
        count = trial.qs.count()
        if count:
            found.append(Relaxation(name, filterset.describe(name), count, relaxed.urlencode()))
    found.sort(key=lambda r: -r.count)
    return found
