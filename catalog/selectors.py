"""Reads of the catalog, named in domain words. Views call these; they never build queries.

Every page's reads run in a fixed number of queries whatever the number of products: plans and
rates are prefetched in bulk, costs come from ``catalog.pricing.price`` in one call per page.
The day is always passed in (``on=``); nothing here reads today's date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from catalog import pricing, wording
from catalog.filters import ProductFilter
from catalog.forms import MSG_NO_SUCH_PAGE, PROFILE_FIELDS, ListOptionsForm
from catalog.models import Brand, PaymentMethod, Plan, Product, Rate
from catalog.pricing import PlanCost, PricingResult
from catalog.regulation import floor_breaches

PER_PAGE = 20

# Plan fields compared between consecutive versions of a plan (see ``plan_diff``).
DIFF_FIELDS = tuple(wording.FIELD_LABELS)
RATE_FIELDS = ("percent", "fixed", "cap", "minimum", "limit", "above_percent")


# --- building blocks -----------------------------------------------------------------------


def current_plans_prefetch(*, on: dt.date) -> Prefetch:
    """Prefetch a product's plans in force on ``on`` (with rates) into ``current_plans``."""
    return Prefetch(
        "plans",
        queryset=Plan.objects.current(on=on).with_rates().order_by("name", "valid_from"),
        to_attr="current_plans",
    )


def _name_order() -> Any:
    if (get_language() or "").startswith("en"):
        return Coalesce(NullIf(F("name_en"), Value("")), F("name"))
    return F("name")


def brand_list_with_counts() -> QuerySet[Brand]:
    return Brand.objects.annotate(
        active_products=Count("products", filter=Q(products__status=Product.Status.ACTIVE))
    ).order_by("-active_products", "slug")


def product_list(*, on: dt.date) -> QuerySet[Product]:
    """Every product with its brand and the plans in force on ``on`` (rates prefetched)."""
    return (
        Product.objects.select_related("brand")
        .prefetch_related(current_plans_prefetch(on=on))
        .order_by("brand__slug", "slug")
    )


def products_by_slugs(*, slugs: list[str], on: dt.date) -> list[Product]:
    """The products with these slugs, in the order given, with their current plans."""
    found = {p.slug: p for p in product_list(on=on).filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


def tray_products(*, slugs: Sequence[str]) -> list[Product]:
    """The tray's products in the order they were added; unknown slugs drop out."""
    if not slugs:
        return []
    found = {p.slug: p for p in Product.objects.select_related("brand").filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


# --- costs ---------------------------------------------------------------------------------


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


def _price(plans: Sequence[Plan], params: Mapping[str, str]) -> PricingResult | None:
    return pricing.price(plans, params)


# --- the product list ----------------------------------------------------------------------


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
    if sort == ListOptionsForm.SORT_COST and pricing.price([], params) is None:
        sort = ListOptionsForm.SORT_NAME  # no pricer registered: costs cannot be shown
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
        result.pricing = _price(plans, params)
        costs = result.pricing.costs if result.pricing else {}
        by_product: dict[int, list[Plan]] = defaultdict(list)
        for plan in plans:
            by_product[plan.product_id].append(plan)
        keyed = []
        for pk, name in qs.annotate(sort_name=_name_order()).values_list("pk", "sort_name"):
            _plan, cost = best_plan(by_product.get(pk, []), costs)
            monthly = cost.monthly_average if cost is not None else None
            keyed.append((monthly is None, monthly or Decimal(0), name, pk))
        keyed.sort()
        ids = [k[3] for k in keyed]
        paginator = Paginator(ids, per_page)
        result.total = paginator.count
        if not _check_page(options, paginator, number):
            return result
        page = paginator.page(number)
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
            plan, cost = best_plan(product.current_plans, costs)
            rows.append(ProductRow(product, plan, cost))
    else:
        ordered = qs.select_related("brand").prefetch_related(
            "features", current_plans_prefetch(on=on)
        )
        if sort == ListOptionsForm.SORT_NAME:
            ordered = ordered.order_by(_name_order(), "slug")
        else:
            ordered = ordered.annotate(sort_value=_sort_annotations(on)[sort]).order_by(
                F("sort_value").asc(nulls_last=True), _name_order(), "slug"
            )
        paginator = Paginator(ordered, per_page)
        result.total = paginator.count
        if not _check_page(options, paginator, number):
            return result
        page = paginator.page(number)
        page_products = list(page.object_list)
        page_plans = [plan for p in page_products for plan in p.current_plans]
        result.pricing = _price(page_plans, params)
        costs = result.pricing.costs if result.pricing else {}
        rows = [ProductRow(p, *best_plan(p.current_plans, costs)) for p in page_products]

    result.page = page
    result.rows = rows
    if result.total == 0:
        result.relaxations = _relaxations(filterset, params, on=on)
    return result


def _check_page(options: ListOptionsForm, paginator: Paginator, number: int) -> bool:
    if number == 1 or number <= paginator.num_pages:
        return True
    options.add_error("page", MSG_NO_SUCH_PAGE % {"pages": paginator.num_pages})
    return False


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


# --- the product page ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any
    old_text: str
    new_text: str


@dataclass(frozen=True)
class RateChange:
    """``kind`` is ``"added"``, ``"removed"`` or ``"changed"``."""

    method: str
    is_promo: bool
    kind: str
    old_text: str
    new_text: str

    @property
    def method_label(self) -> str:
        return wording.method_label(self.method)


@dataclass(frozen=True)
class PlanDiff:
    fields: list[FieldChange]
    rates: list[RateChange]

    def __bool__(self) -> bool:
        return bool(self.fields or self.rates)


def plan_diff(old: Plan, new: Plan) -> PlanDiff:
    """What changed from plan version ``old`` to ``new``: each term and each rate.

    Terms are compared field by field (device price, deposit and its refund rule, fees,
    settlement, contract, estimate flag, notes). Rates are matched by payment method and
    standard/introductory kind; a rate present on one side only is added or removed. Uses the
    prefetched rates of both plans.
    """
    fields = []
    for name in DIFF_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "notes":
            before, after = old.display_notes, new.display_notes
        if before != after:
            fields.append(
                FieldChange(
                    name=name,
                    label=wording.field_label(name),
                    old=before,
                    new=after,
                    old_text=wording.field_value_text(name, before),
                    new_text=wording.field_value_text(name, after),
                )
            )
    old_rates = {(r.method, r.is_promo): r for r in old.rates.all()}
    new_rates = {(r.method, r.is_promo): r for r in new.rates.all()}
    order = {code: i for i, code in enumerate(PaymentMethod.values)}
    keys = sorted(set(old_rates) | set(new_rates), key=lambda k: (k[1], order.get(k[0], 99)))
    rates = []
    for key in keys:
        a, b = old_rates.get(key), new_rates.get(key)
        if a is None and b is not None:
            rates.append(RateChange(key[0], key[1], "added", "", wording.rate_text(b)))
        elif b is None and a is not None:
            rates.append(RateChange(key[0], key[1], "removed", wording.rate_text(a), ""))
        elif (
            a is not None
            and b is not None
            and any(getattr(a, f) != getattr(b, f) for f in RATE_FIELDS)
        ):
            rates.append(
                RateChange(key[0], key[1], "changed", wording.rate_text(a), wording.rate_text(b))
            )
    return PlanDiff(fields=fields, rates=rates)


@dataclass(frozen=True)
class PlanVersion:
    plan: Plan
    status: str  # "current", "scheduled" or "expired"
    last_day: dt.date | None  # the last day in force (valid_to is exclusive)
    diff: PlanDiff | None  # against the version before it; None for the first version


@dataclass(frozen=True)
class PlanHistory:
    """All versions of one named plan of a product, newest first."""

    name: str
    versions: list[PlanVersion]

    @property
    def anchor(self) -> int:
        """The pk of the version in force (else the newest): the page links to it."""
        for version in self.versions:
            if version.status == "current":
                return version.plan.pk
        return self.versions[0].plan.pk


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
    pricing: PricingResult | None

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


def plan_histories(plans: Sequence[Plan], *, on: dt.date) -> list[PlanHistory]:
    """Group a product's plans (all versions, rates prefetched) into histories by plan name."""
    groups: dict[str, list[Plan]] = defaultdict(list)
    for plan in sorted(plans, key=lambda p: (p.name, p.valid_from)):
        groups[plan.name].append(plan)
    histories = []
    for versions in groups.values():
        entries = []
        previous: Plan | None = None
        for plan in versions:
            entries.append(
                PlanVersion(
                    plan=plan,
                    status=plan.status(on=on),
                    last_day=plan.valid_to - dt.timedelta(days=1) if plan.valid_to else None,
                    diff=plan_diff(previous, plan) if previous is not None else None,
                )
            )
            previous = plan
        entries.reverse()
        latest = versions[-1]
        histories.append(PlanHistory(name=latest.display_name, versions=entries))
    return histories


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
    plans: list[Plan] = product.all_plans
    current = [p for p in plans if p.is_current(on=on)]
    product.current_plans = current
    result = _price(current, params)
    costs = result.costs if result else {}
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


# --- brands --------------------------------------------------------------------------------


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
    result = _price([plan for p in products for plan in p.current_plans], params)
    costs = result.costs if result else None
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
    pricing: PricingResult | None
    last_verified: dt.date | None

    def licence_expired(self, *, on: dt.date) -> bool:
        until = self.brand.licence_valid_until
        return until is not None and until < on


def brand_page(*, slug: str, on: dt.date, params: Mapping[str, str]) -> BrandPage:
    brand = get_object_or_404(Brand.objects.prefetch_related("penalties"), slug=slug)
    products = list(
        brand.products.prefetch_related("features", current_plans_prefetch(on=on)).order_by(
            "status", _name_order(), "slug"
        )
    )
    for product in products:
        product.brand = brand
    result = _price([plan for p in products for plan in p.current_plans], params)
    costs = result.costs if result else None
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


# --- sitemap -------------------------------------------------------------------------------


def products_for_sitemap() -> QuerySet[Product]:
    return Product.objects.annotate(last_verified=Max("plans__verified_on")).order_by("slug")


def brands_for_sitemap() -> QuerySet[Brand]:
    return Brand.objects.annotate(last_verified=Max("products__plans__verified_on")).order_by(
        "slug"
    )


def profile_query(params: Mapping[str, Any]) -> str:
    """The profile part of a query string, to carry into links (products=… is added by them)."""
    pairs = []
    getlist = getattr(params, "getlist", None)
    for name in PROFILE_FIELDS:
        values = getlist(name) if getlist else [params[name]] if name in params else []
        pairs.extend((name, v) for v in values if v != "")
    return urlencode(pairs)


# --- Fee-data version (admin issue) -------------------------------------------------------
# A counter in the shared cache that changes whenever catalog data changes (signals in
# catalog/signals.py bump it after each committed save/delete). Anything cached from fee data
# (rankings, comparisons) puts it in the cache key, so a saved change is seen on the next request.
FEE_DATA_VERSION_KEY = "catalog:fee-data-version"
# The version a request has already read (``fee_data_version_read``): one cache round trip per
# request, not one per cached thing it looks up.
_version_read: ContextVar[int | None] = ContextVar("fee_data_version_read", default=None)


@contextlib.contextmanager
def fee_data_version_read(version: int) -> Iterator[None]:
    """Within this block (a public page being rendered), ``fee_data_version()`` is ``version``."""
    token = _version_read.set(version)
    try:
        yield
    finally:
        _version_read.reset(token)


def fee_data_version() -> int:
    """The current fee-data version; starts from a fresh time-based number if the key is gone.

    Starting from the clock (in microseconds) rather than from 1 means a lost key (cache flush,
    eviction) never brings back a number that old cached entries were stored under.
    """
    known = _version_read.get()
    if known is not None:
        return known
    import time

    from django.core.cache import cache

    version = cache.get(FEE_DATA_VERSION_KEY)
    if version is None:
        cache.add(FEE_DATA_VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(FEE_DATA_VERSION_KEY)
    return int(version) if version is not None else time.time_ns() // 1000
