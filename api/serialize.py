"""Catalog rows as the API and the open dataset write them, and the schemas that describe them.

Every list of fields is derived, never retyped: a plan's terms come from ``catalog.terms``
(``PLAN_TERMS`` and, per payment method, ``RATE_TERMS``), a product's and a brand's fields from
their models. A term a plan leaves unknown is ``null``, never a guessed zero; a payment method a
plan has no rate for is ``null`` in ``rates`` (the plan cannot serve a merchant who uses it).
Products, brands and features are named by their slug or code wherever they are referred to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models
from pydantic import BaseModel, ConfigDict, Field, create_model

from api.text import both
from calculator import engine
from calculator.engine import METHODS
from catalog.models import Brand, PaymentMethod, Plan, PlanStatus, Product, Rate
from catalog.terms import DAYS, FLAG, MONEY, MONTHS, PERCENT, PLAN_TERMS, RATE_TERMS, Term

# Model fields left out of the API: bookkeeping, not facts.
HIDDEN = {"id", "lock_version", "is_draft", "replaces"}


def _kind_type(kind: str) -> Any:
    if kind in (MONEY, PERCENT):
        return Decimal | None
    if kind in (MONTHS, DAYS):
        return int | None
    if kind == FLAG:
        return bool | None
    return str | None


def _unit(kind: str) -> str:
    return {MONEY: " (CNY 元)", PERCENT: " (%)", MONTHS: " (months 月)", DAYS: " (days 天)"}.get(
        kind, ""
    )


def _term_field(term: Term) -> Any:
    return (_kind_type(term.kind), Field(None, description=both(term.label) + _unit(term.kind)))


def _model_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN and not isinstance(f, models.ForeignKey)
    ]


def _field_type(f: models.Field[Any, Any]) -> Any:
    """The JSON type of a model field's value (anything else, e.g. a JSON field: any value)."""
    base: Any
    if isinstance(f, models.DecimalField):
        base = Decimal
    elif isinstance(f, models.BooleanField):
        base = bool
    elif isinstance(f, models.IntegerField):
        base = int
    elif isinstance(f, models.DateTimeField):
        base = dt.datetime
    elif isinstance(f, models.DateField):
        base = dt.date
    elif isinstance(f, models.CharField | models.TextField):
        base = str
    else:
        return Any
    return base | None if f.null else base


def _schema_from_model(
    name: str, model: type[models.Model], extra: Mapping[str, Any] | None = None
) -> type[BaseModel]:
    fields: dict[str, Any] = {
        f.name: (_field_type(f), Field(description=both(f.verbose_name)))
        for f in _model_fields(model)
    }
    fields.update(extra or {})
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)


def _row(obj: models.Model) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in _model_fields(type(obj))}


# ---------------------------------------------------------------------- rates and plans

# A plan's facts besides its terms: name, period, provenance (source, verified_on, is_estimate
# and whatever the catalog adds to say where its figures came from), notes.
TERM_FIELD_NAMES = frozenset(t.name for t in PLAN_TERMS)
PLAN_FACTS: tuple[str, ...] = tuple(
    f.name for f in _model_fields(Plan) if f.name not in TERM_FIELD_NAMES
)

RateOut = create_model(
    "Rate",
    __config__=ConfigDict(extra="forbid"),
    **{t.name: _term_field(t) for t in RATE_TERMS},
)
_rates_fields: dict[str, Any] = {
    m: (RateOut | None, Field(None, description=both(PaymentMethod(m).label))) for m in METHODS
}
RatesOut = create_model("Rates", __config__=ConfigDict(extra="forbid"), **_rates_fields)


def rate_out(rate: Rate | None) -> dict[str, Any] | None:
    if rate is None:
        return None
    return {t.name: getattr(rate, t.name) for t in RATE_TERMS}


def rates_out(rates: Iterable[Rate], *, promo: bool) -> dict[str, Any]:
    by_method = {r.method: r for r in rates if r.is_promo == promo}
    return {m: rate_out(by_method.get(m)) for m in METHODS}


_plan_fields: dict[str, Any] = {
    "id": (int, Field(description=both("Plan version id · 费率方案版本编号"))),
    "product": (str, Field(description="Product slug · 产品标识")),
    "status": (str, Field(description="current / scheduled / expired · 现行／待生效／已失效")),
    **{
        f.name: (_field_type(f), Field(description=both(f.verbose_name)))
        for f in _model_fields(Plan)
        if f.name in PLAN_FACTS
    },
    **{t.name: _term_field(t) for t in PLAN_TERMS},
    "rates": (
        RatesOut,
        Field(
            description="Standard rate per method; null: none · 各支付方式标准费率，null 为不支持"
        ),
    ),
    "promo_rates": (
        RatesOut,
        Field(description="Introductory rates in the first promo_months · 优惠期费率"),
    ),
    "replaces": (
        int | None,
        Field(None, description="The version this one follows · 所替代的版本"),
    ),
}
PlanOut = create_model("Plan", __config__=ConfigDict(extra="forbid"), **_plan_fields)


def plan_out(plan: Plan, *, on: dt.date, product_slug: str | None = None) -> dict[str, Any]:
    """A plan version (rates prefetched) with every term."""
    rates = list(plan.rates.all())
    return {
        "id": plan.pk,
        "product": product_slug if product_slug is not None else plan.product.slug,
        "status": str(plan.status(on=on)),
        **{name: getattr(plan, name) for name in PLAN_FACTS},
        **{t.name: getattr(plan, t.name) for t in PLAN_TERMS},
        "rates": rates_out(rates, promo=False),
        "promo_rates": rates_out(rates, promo=True),
        "replaces": plan.replaces_id,
    }


# ---------------------------------------------------------------------- brands and products

BrandOut = _schema_from_model(
    "Brand",
    Brand,
    {"url": (str, Field(description="The brand's page · 品牌页面"))},
)


def brand_out(brand: Brand) -> dict[str, Any]:
    return {**_row(brand), "url": brand.get_absolute_url()}


PlansByStatus = create_model(
    "ProductPlans",
    __config__=ConfigDict(extra="forbid"),
    current=(list[PlanOut], Field(description="In force today · 现行")),  # type: ignore[valid-type]
    scheduled=(list[PlanOut], Field(description="Starting later · 待生效")),  # type: ignore[valid-type]
    past=(list[PlanOut], Field(description="No longer in force · 已失效")),  # type: ignore[valid-type]
)
ProductOut = _schema_from_model(
    "Product",
    Product,
    {
        "brand": (str, Field(description="Brand slug · 品牌标识")),
        "features": (list[str], Field(description="Feature codes · 功能代码")),
        "url": (str, Field(description="The product's page · 产品页面")),
    },
)
ProductDetailOut = create_model(
    "ProductDetail",
    __base__=ProductOut,
    plans=(PlansByStatus, Field(description="Plan versions · 费率方案各版本")),
)


def product_out(product: Product) -> dict[str, Any]:
    return {
        **_row(product),
        "brand": product.brand.slug,
        "features": [f.code for f in product.features.all()],
        "url": product.get_absolute_url(),
    }


def product_detail_out(product: Product, plans: Iterable[Plan], *, on: dt.date) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = {"current": [], "scheduled": [], "past": []}
    key = {PlanStatus.CURRENT: "current", PlanStatus.SCHEDULED: "scheduled"}
    for plan in plans:
        groups[key.get(plan.status(on=on), "past")].append(
            plan_out(plan, on=on, product_slug=product.slug)
        )
    return {**product_out(product), "plans": groups}


# ---------------------------------------------------------------------- estimates


class Estimate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    supported: bool = Field(description="Whether the plan can serve the merchant · 是否适用")
    unsupported: list[str] = Field(
        description="Methods (or instant_settlement) it lacks · 不支持的项目"
    )
    total: Decimal | None = Field(None, description="Total over the horizon (元) · 总成本")
    one_off: Decimal | None = Field(None, description="Device and deposit kept (元) · 一次性费用")
    transaction_fees: Decimal | None = Field(None, description="Transaction fees (元) · 交易手续费")
    settlement_fees: Decimal | None = Field(
        None, description="Instant settlement fees (元) · 秒到费"
    )
    recurring_fees: Decimal | None = Field(
        None, description="Monthly, annual and SIM fees (元) · 月费、年费、流量费"
    )
    deposit_refunded: bool = Field(description="Deposit refunded within the horizon · 押金是否退还")
    effective_rate: Decimal | None = Field(None, description="Total ÷ volume (%) · 综合费率")
    monthly_average: Decimal | None = Field(None, description="Average a month (元) · 月均成本")
    per_method: dict[str, Decimal] = Field(
        description="Transaction fees per method (元) · 各支付方式手续费"
    )


EstimateOut = Estimate


def estimate_out(e: engine.Estimate) -> dict[str, Any]:
    return {
        "supported": e.supported,
        "unsupported": list(e.unsupported),
        "total": e.total,
        "one_off": e.one_off,
        "transaction_fees": e.transaction_fees,
        "settlement_fees": e.settlement_fees,
        "recurring_fees": e.recurring_fees,
        "deposit_refunded": e.deposit_refunded,
        "effective_rate": e.effective_rate,
        "monthly_average": e.monthly_average,
        "per_method": dict(e.per_method),
    }
