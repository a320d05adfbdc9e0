"""The JSON API, version 1 (``/api/v1/``), with its OpenAPI 3.1 schema (django-ninja).

Read-only catalog data (brands, products and every plan version, response codes) and three
computations that take the link format's fields as query parameters and validate them with the
same readers as the pages (``catalog.profile``, ``calculator.forms``, ``calculator.offer``,
``compare.forms``): ``rank`` (the calculator), ``compare`` (the comparison page), ``offer-check``
(the merchant's offer: estimate, rank and findings). Every parameter list is derived from those
declarations. Bad input answers 400 with an RFC 9457 problem naming each field, never 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, create_model

from api import changes, selectors
from api.problems import PROBLEM_TYPE, Problem, problem
from api.serialize import (
    BrandOut,
    EstimateOut,
    PlanOut,
    ProductDetailOut,
    ProductOut,
    brand_out,
    estimate_out,
    plan_out,
    product_detail_out,
    product_out,
)
from api.text import both
from calculator import offer as offer_link
from calculator.engine import estimate
from calculator.forms import RISE_FIELDS, OfferForm, ProfileForm
from calculator.ranking import plan_label, ranking_build
from calculator.selectors import ranking_plans
from catalog import profile as profile_link
from catalog.filters import ProductFilter
from catalog.models import Product
from catalog.terms import plan_terms
from compare.comparison import choose_plan
from compare.forms import MSG_PRODUCTS_UNKNOWN, ComparisonForm
from compare.selectors import comparison_products
from core.freshness import fee_data_version
from core.linkformat import Choice, Date, Number, Text, Whole, read
from core.linkformat import Field as LinkField
from guides.models import ResponseCode, normalise_code
from reports import selectors as report_selectors

PER_PAGE, MAX_PER_PAGE = 20, 100
MSG_PAGE = gettext_lazy("Enter a page number from 1 to 10,000.")
MSG_PAGE_SIZE = gettext_lazy("Enter a page size from 1 to 100.")
MSG_SINCE = gettext_lazy("Enter the first day as YYYY-MM-DD, e.g. 2026-01-01.")
PAGING = (
    Whole("page", MSG_PAGE, low=1, high=10000),
    Whole("page_size", MSG_PAGE_SIZE, low=1, high=MAX_PER_PAGE),
)
# Documented examples (products of the published catalog): what the schema's readers try first.
EXAMPLE_PAIR = "lakala-4g-esign,jlpay-lishua-esign"
ERRORS: dict[int | tuple[int, ...], Any] = {400: Problem, 404: Problem, 429: Problem}


class ProblemApi(NinjaAPI):
    """Errors as problem+json in the schema too (its 4xx responses name that content type)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                for parameter in operation.get("parameters", []):
                    # OpenAPI 3.1: a parameter's examples are a map of Example objects.
                    if isinstance(parameter.get("examples"), list):
                        parameter["examples"] = {
                            f"example{i}": {"value": v}
                            for i, v in enumerate(parameter["examples"], start=1)
                        }
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith("4") and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
                    if str(status) == "400" and not response.get("description"):
                        response["description"] = "Bad Request"
        return schema


api = ProblemApi(
    title="POS Compare API · POS机对比开放接口",
    version="1",
    description=(
        "Fee data of payment terminals in mainland China (every plan version with its source) "
        "and the site's computations, with the link format's fields as parameters. Licence of "
        "the data: CC BY 4.0. · 中国大陆POS机费率数据（每个费率方案版本及其来源）与本站的计算，"
        "参数与页面链接相同。数据许可：CC BY 4.0。"
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        errors.setdefault(".".join(loc) or "request", []).append(str(error.get("msg", "")))
    return problem(400, errors=errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, detail=str(exc) if exc.args else "")


def _today() -> dt.date:
    return timezone.localdate()


DATE_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$"


def link_schema(f: LinkField) -> dict[str, Any]:
    """What a link-format field takes, as JSON schema (the readers also take ``3万``, ``30,000``
    and ``0.6%``, as merchants type them: the schema names the plain form)."""
    if isinstance(f, Number):
        return {
            "type": "number",
            "minimum": float(f.low),
            "maximum": float(f.high),
            "multipleOf": float(Decimal(1).scaleb(-f.places)),
        }
    if isinstance(f, Whole):
        return {"type": "integer", "minimum": f.low, "maximum": f.high}
    if isinstance(f, Choice):
        return {"type": "string", "enum": list(f.choices)}
    if isinstance(f, Date):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if isinstance(f, Text):
        return {"type": "string", "maxLength": f.max_length, "pattern": "^[^\\x00-\\x1f]*$"}
    return {"type": "string"}


def _params(
    name: str, fields: Iterable[LinkField], *, lists: Iterable[str] = (), extra: Any = None
) -> type[BaseModel]:
    """A query-parameter model for the schema, from link-format fields (every one a string: the
    link-format readers validate them, as on the pages)."""
    declared: dict[str, Any] = {}
    for f in fields:
        schema = {**link_schema(f), "description": both(f.message)}
        declared[f.name] = (Annotated[str | None, WithJsonSchema(schema)], None)
    for n in lists:
        declared[n] = (list[str] | None, Field(None))
    declared.update(extra or {})
    return create_model(name, __base__=Schema, __config__=ConfigDict(extra="allow"), **declared)


PROFILE_FIELDS = profile_link.FIELDS
PROFILE_DOC = "The merchant profile in the link format (DESIGN.md) · 商户经营情况，与页面链接相同"
RankParams = _params("RankParams", (*PROFILE_FIELDS, *RISE_FIELDS, *offer_link.FIELDS))
OfferParams = _params("OfferParams", (*PROFILE_FIELDS, *offer_link.FIELDS))
CompareParams = _params(
    "CompareParams",
    (*PROFILE_FIELDS, *RISE_FIELDS),
    extra={
        "products": (
            str | None,
            Field(
                None,
                description="2 to 6 product slugs, comma-separated · 2至6个产品标识",
                examples=[EXAMPLE_PAIR],
            ),
        )
    },
)


def _filter_fields() -> dict[str, Any]:
    declared: dict[str, Any] = {}
    for name, f in ProductFilter.base_filters.items():
        many = "Multiple" in type(f).__name__
        kind: Any = list[str] | None if many else str | None
        declared[name] = (kind, Field(None, description=both(f.label)))
    return declared


ProductParams = _params("ProductParams", PAGING, extra=_filter_fields())


def _page(request: HttpRequest, items: Any) -> tuple[Any, dict[str, Any]] | HttpResponse:
    values, errors = read(PAGING, request.GET)
    if errors:
        return problem(400, errors=errors)
    paginator = Paginator(items, values["page_size"] or PER_PAGE)
    number = values["page"] or 1
    if number > paginator.num_pages and number > 1:
        return problem(400, errors={"page": [_("There is no page %(n)s.") % {"n": number}]})
    page = paginator.page(number)
    meta = {"count": paginator.count, "page": number, "pages": paginator.num_pages}
    return page.object_list, meta


def paged(name: str, item: Any) -> type[BaseModel]:
    return create_model(
        name,
        count=(int, Field(description="Total number of items · 总数")),
        page=(int, Field(description="This page · 当前页")),
        pages=(int, Field(description="Number of pages · 总页数")),
        results=(list[item], Field(description="Items · 结果")),
    )


def _version() -> dict[str, Any]:
    return {"data_version": fee_data_version(), "on": _today()}


# ---------------------------------------------------------------------- catalog data

BrandList = paged("BrandList", BrandOut)
ProductList = paged("ProductList", ProductOut)


@api.get(
    "/brands",
    response={200: BrandList, **ERRORS},
    tags=["catalog"],
    summary="Brands · 品牌",
    description="Every brand, by slug. · 全部品牌。",
)
def brands(request: HttpRequest, params: Query[_params("BrandParams", PAGING)]) -> Any:  # type: ignore[valid-type]
    found = _page(request, selectors.brands())
    if isinstance(found, HttpResponse):
        return found
    rows, meta = found
    return {**meta, "results": [brand_out(b) for b in rows]}


@api.get(
    "/brands/{slug}",
    response={200: BrandOut, **ERRORS},
    tags=["catalog"],
    summary="A brand · 品牌详情",
    description="By slug (or number). · 按标识（或编号）。",
)
def brand(
    request: HttpRequest,
    slug: Annotated[str, Path(examples=["lakala"], description="Slug or number · 标识或编号")],
) -> Any:
    found = selectors.brand(slug)
    if found is None:
        raise Http404(_("No brand %(slug)s.") % {"slug": slug[:40]})
    return brand_out(found)


@api.get(
    "/products",
    response={200: ProductList, **ERRORS},
    tags=["catalog"],
    summary="Products · 产品",
    description=(
        "The product list's filters as query parameters (the same as /products/), paginated. "
        "· 产品列表的筛选条件，分页。"
    ),
)
def products(request: HttpRequest, params: Query[ProductParams]) -> Any:  # type: ignore[valid-type]
    on = _today()
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("page_size", None)
    filterset = ProductFilter(query, queryset=Product.objects.all(), on=on)
    if not filterset.is_valid():
        return problem(400, errors={k: list(v) for k, v in filterset.errors.items()})
    qs = selectors.products_with_plans(filterset.qs.order_by("brand__slug", "slug").distinct())
    found = _page(request, qs)
    if isinstance(found, HttpResponse):
        return found
    rows, meta = found
    return {**meta, "results": [product_out(p) for p in rows]}


@api.get(
    "/products/{slug}",
    response={200: ProductDetailOut, **ERRORS},
    tags=["catalog"],
    summary="A product with every plan version · 产品及其各版本费率",
    description=(
        "Its plans in force, scheduled and past, each with every term, per-method rates, "
        "source_url, verified_on and is_estimate; null where a term is unknown. "
        "· 现行、待生效和已失效的费率方案，含全部条款、来源与核实日期；未知为 null。"
    ),
)
def product(
    request: HttpRequest,
    slug: Annotated[
        str,
        Path(examples=[EXAMPLE_PAIR.split(",")[0]], description="Slug or number · 标识或编号"),
    ],
) -> Any:
    found = selectors.product(slug)
    if found is None:
        raise Http404(_("No product %(slug)s.") % {"slug": slug[:40]})
    return product_detail_out(found, found.all_plans, on=_today())  # type: ignore[attr-defined]


class ReportMethodOut(Schema):
    method: str = Field(description="Payment method · 支付方式")
    reports: int = Field(description="Accepted reports · 已采纳晒单数")
    clients: int = Field(description="Different senders · 不同提交者数")
    shown: bool = Field(
        description="At least 5 reports from 3 senders · 至少 5 条、来自 3 位提交者时为 true"
    )
    median: Decimal | None = Field(description="Median rate, %; null below the minimum · 中位数")
    low: Decimal | None = Field(description="Lowest rate, % · 最低")
    high: Decimal | None = Field(description="Highest rate, % · 最高")
    tiers: dict[str, int] = Field(description="Reports per evidence tier t0/t1/t2 · 各凭证等级")


class ReportChangeOut(Schema):
    method: str = Field(description="Payment method · 支付方式")
    old: Decimal = Field(description="Rate before, % · 调整前")
    new: Decimal = Field(description="Rate after, % · 调整后")
    first: dt.date = Field(description="First month reported · 最早月份")
    last: dt.date = Field(description="Last month reported · 最晚月份")
    reports: int = Field(description="Reports · 晒单数")
    clients: int = Field(description="Different senders · 不同提交者数")


class ReportsOut(Schema):
    product: str = Field(description="Product slug · 产品标识")
    accepted: int = Field(description="Accepted reports · 已采纳晒单数")
    methods: list[ReportMethodOut] = Field(description="Per payment method · 按支付方式")
    changes: list[ReportChangeOut] = Field(
        description="Reported rate changes, grouped · 商户报告的费率调整（分组）"
    )


@api.get(
    "/products/{slug}/reports",
    response={200: ReportsOut, **ERRORS},
    tags=["catalog"],
    summary="What merchants report paying · 商户费率晒单汇总",
    description=(
        "Accepted fee reports per method: median, range, count and evidence tiers, the median "
        "only from 5 reports by 3 different senders; reported rate changes grouped. "
        "· 已采纳晒单按支付方式汇总（中位数、范围、条数、凭证等级），"
        "至少 5 条、来自 3 位提交者才给出中位数。"
    ),
)
def product_reports(
    request: HttpRequest,
    slug: Annotated[
        str,
        Path(examples=[EXAMPLE_PAIR.split(",")[0]], description="Slug or number · 标识或编号"),
    ],
) -> Any:
    found = selectors.product(slug)
    if found is None:
        raise Http404(_("No product %(slug)s.") % {"slug": slug[:40]})
    panel = report_selectors.product_panel(found)
    return {
        "product": found.slug,
        "accepted": panel.accepted,
        "methods": [
            {
                "method": m.method,
                "reports": m.reports,
                "clients": m.clients,
                "shown": m.shown,
                "median": m.median,
                "low": m.low,
                "high": m.high,
                "tiers": dict(m.tiers),
            }
            for m in panel.methods
        ],
        "changes": [
            {
                "method": g.method,
                "old": g.old,
                "new": g.new,
                "first": g.first,
                "last": g.last,
                "reports": g.reports,
                "clients": g.clients,
            }
            for g in panel.changes
        ],
    }


@api.get(
    "/plans/{plan_id}",
    response={200: PlanOut, **ERRORS},
    tags=["catalog"],
    summary="A plan version · 费率方案版本",
)
def plan(
    request: HttpRequest,
    plan_id: Annotated[str, Path(examples=["1"], description="Plan version id · 方案版本编号")],
) -> Any:
    pk = int(plan_id) if plan_id.isascii() and plan_id.isdigit() and len(plan_id) < 10 else None
    found = selectors.plan(pk) if pk is not None else None
    if found is None:
        raise Http404(_("No plan %(id)s.") % {"id": plan_id[:40]})
    return plan_out(found, on=_today())


CodeOut = create_model(
    "ResponseCode",
    **{  # type: ignore[call-overload]
        f.name: (str | bool, Field(description=both(f.verbose_name)))
        for f in ResponseCode._meta.concrete_fields
        if f.name != "id"
    },
    url=(str, Field(description="The code's guide page · 应答码页面")),
)
CodeList = paged("ResponseCodeList", CodeOut)


def code_out(rc: ResponseCode) -> dict[str, Any]:
    return {
        **{
            f.name: getattr(rc, f.name)
            for f in ResponseCode._meta.concrete_fields
            if f.name != "id"
        },
        "url": rc.get_absolute_url(),
    }


@api.get(
    "/codes",
    response={200: CodeList, **ERRORS},
    tags=["guides"],
    summary="Response codes · 应答码",
)
def codes(request: HttpRequest, params: Query[_params("CodeParams", PAGING)]) -> Any:  # type: ignore[valid-type]
    found = _page(request, selectors.codes())
    if isinstance(found, HttpResponse):
        return found
    rows, meta = found
    return {**meta, "results": [code_out(rc) for rc in rows]}


@api.get(
    "/codes/{code}",
    response={200: CodeOut, **ERRORS},
    tags=["guides"],
    summary="A response code · 应答码详情",
)
def code(
    request: HttpRequest,
    code: Annotated[str, Path(examples=["A0", "51"], description="Response code · 应答码")],
) -> Any:
    found = selectors.codes().filter(code=normalise_code(code)).first()
    if found is None:
        raise Http404(_("No response code %(code)s.") % {"code": code[:10]})
    return code_out(found)


# ---------------------------------------------------------------------- computations


def _profile_form(request: HttpRequest) -> tuple[ProfileForm, OfferForm, dict[str, list[str]]]:
    form = ProfileForm.from_query(request.GET)
    offer_form = OfferForm(request.GET)
    errors: dict[str, list[str]] = {}
    if not form.is_valid():
        for name, messages in form.errors.items():
            errors["mix" if name == "__all__" else name] = [str(m) for m in messages]
    if not offer_form.is_valid():
        errors.update({k: [str(m) for m in v] for k, v in offer_form.errors.items()})
    return form, offer_form, errors


class ProfileEcho(BaseModel):
    query: str = Field(description="The profile as link fields · 链接格式的经营情况")
    label: str = Field(description="In one line · 摘要")


ProfileOut = ProfileEcho


class RankedPlan(BaseModel):
    position: int = Field(description="1 = cheapest · 名次")
    plan: int = Field(description="Plan version id · 费率方案编号")
    product: str = Field(description="Product slug · 产品标识")
    label: str = Field(description="Product and plan · 产品与方案")
    is_estimate: bool = Field(description="Market-range figures · 估算数据")
    estimate: EstimateOut = Field(description="What it costs · 成本估算")
    risen_total: Decimal | None = Field(None, description="Total with the rate rise · 涨价后总成本")


RankedOut = RankedPlan


class UnsupportedPlan(BaseModel):
    plan: int = Field(description="Plan version id · 费率方案编号")
    product: str = Field(description="Product slug · 产品标识")
    label: str = Field(description="Product and plan · 产品与方案")
    reasons: list[str] = Field(description="Why it cannot serve the merchant · 原因")


UnsupportedOut = UnsupportedPlan


class Finding(BaseModel):
    code: str = Field(description="e.g. below_cost_floor, zero_rate, above_market … · 检查项")
    level: str = Field(description="warn / info · 警告／提示")
    title: str = Field(description="In short · 标题")
    text: str = Field(description="What it means for the merchant · 说明")
    amount: Decimal | None = Field(None, description="元 over the horizon · 影响金额")
    term: str = Field(description="Term or payment method · 相关条款")


FindingOut = Finding


class OfferCheck(BaseModel):
    label: str = Field(description="Its name · 报价名称")
    query: str = Field(description="The offer as link fields · 链接格式的报价")
    estimate: EstimateOut = Field(description="What it costs · 成本估算")
    reasons: list[str] = Field(description="Why it cannot be priced · 无法计算的原因")
    cheaper_than: int | None = Field(None, description="Plans it beats · 比多少个方案便宜")
    of: int | None = Field(None, description="Plans that can serve the merchant · 可比方案数")
    findings: list[FindingOut] = Field(description="What the checks found · 检查结果")
    questions: list[list[str]] = Field(description="(Chinese, page language) · 签约前要问的问题")


OfferOut = OfferCheck


class Ranking(BaseModel):
    data_version: int = Field(description="Fee-data version · 费率数据版本")
    on: dt.date = Field(description="Day priced · 计算日期")
    profile: ProfileOut = Field(description="The profile priced · 所用经营情况")
    rows: list[RankedOut] = Field(description="Cheapest first · 从低到高")
    unsupported: list[UnsupportedOut] = Field(
        description="Plans that cannot serve it · 不适用的方案"
    )
    offer: OfferOut | None = Field(None, description="The offer, when given · 报价")


RankOut = Ranking


def _offer_out(row: Any) -> dict[str, Any]:
    return {
        "label": row.offer.label,
        "query": row.offer.query,
        "estimate": estimate_out(row.estimate),
        "reasons": [str(r) for r in row.reasons],
        "cheaper_than": row.position.cheaper_than if row.position else None,
        "of": row.position.of if row.position else None,
        "findings": [
            {
                "code": f.code,
                "level": f.level,
                "title": str(f.title),
                "text": str(f.text),
                "amount": f.amount,
                "term": f.term,
            }
            for f in row.findings
        ],
        "questions": [[str(a), str(b)] for a, b in row.questions],
    }


def _ranking(form: ProfileForm, offer_form: OfferForm) -> Any:
    found = ranking_plans(on=_today())
    return ranking_build(
        plans=found.plans,
        terms=found.terms,
        profile=form.profile(),
        rise=form.rate_rise(),
        offer=offer_form.offer,
    )


def _rank_out(form: ProfileForm, ranking: Any) -> dict[str, Any]:
    return {
        **_version(),
        "profile": {"query": form.query(pins=False), "label": form.profile_label()},
        "rows": [
            {
                "position": r.position,
                "plan": r.plan.pk,
                "product": r.plan.product.slug,
                "label": plan_label(r.plan),
                "is_estimate": r.plan.is_estimate,
                "estimate": estimate_out(r.estimate),
                "risen_total": r.risen.total if r.risen is not None else None,
            }
            for r in ranking.rows
        ],
        "unsupported": [
            {
                "plan": u.plan.pk,
                "product": u.plan.product.slug,
                "label": plan_label(u.plan),
                "reasons": [str(x) for x in u.reasons],
            }
            for u in ranking.unsupported
        ],
        "offer": _offer_out(ranking.offer) if ranking.offer is not None else None,
    }


@api.get(
    "/rank",
    response={200: RankOut, **ERRORS},
    tags=["computations"],
    summary="Rank every plan for a profile · 按经营情况为全部方案排名",
    description=(
        "As the calculator page: the profile fields (volume, preset or mix_<method>, ticket, "
        "months, settlement, spm), the rate-rise stress test and an optional offer_* offer. "
        "· 与计算器页面相同的参数与校验。"
    ),
)
def rank(request: HttpRequest, params: Query[RankParams]) -> Any:  # type: ignore[valid-type]
    form, offer_form, errors = _profile_form(request)
    if errors:
        return problem(400, errors=errors)
    return _rank_out(form, _ranking(form, offer_form))


@api.get(
    "/offer-check",
    response={200: OfferOut, **ERRORS},
    tags=["computations"],
    summary="Check an offer · 核对报价",
    description=(
        "The offer_* fields and the profile: the offer's estimate, where it ranks among the "
        "plans in force, and the findings (calculator/offer_checks.py). "
        "· 报价的成本、排名与检查结果。"
    ),
)
def offer_check(request: HttpRequest, params: Query[OfferParams]) -> Any:  # type: ignore[valid-type]
    form, offer_form, errors = _profile_form(request)
    if not errors and not offer_form.present:
        errors["offer"] = [_("Give the offer's terms as offer_* fields, e.g. offer_credit_card.")]
    if errors:
        return problem(400, errors=errors)
    ranking = _ranking(form, offer_form)
    return _offer_out(ranking.offer)


class ComparedProduct(BaseModel):
    product: str = Field(description="Product slug · 产品标识")
    plan: int | None = Field(
        None, description="The plan priced (cheapest for the profile) · 所用方案"
    )
    plan_name: str | None = Field(None, description="Plan name · 方案名称")
    is_estimate: bool | None = Field(None, description="Market-range figures · 估算数据")
    cheapest: bool = Field(description="Cheapest of those compared · 最便宜")
    estimate: EstimateOut | None = Field(None, description="null: no plan in force · 无现行方案")
    risen_total: Decimal | None = Field(
        None, description="Total with the rate rise (rise=…) · 涨价后总成本"
    )


ColumnOut = ComparedProduct


class Comparison(BaseModel):
    data_version: int = Field(description="Fee-data version · 费率数据版本")
    on: dt.date = Field(description="Day priced · 计算日期")
    profile: ProfileOut = Field(description="The profile priced · 所用经营情况")
    products: list[ColumnOut] = Field(description="In the order given · 按给出的顺序")


CompareOut = Comparison


@api.get(
    "/compare",
    response={200: CompareOut, **ERRORS},
    tags=["computations"],
    summary="Compare 2–6 products · 对比2至6个产品",
    description=(
        "As the comparison page: products=<slug>,<slug>,… and the profile fields; each product "
        "is priced with its plan in force that costs the merchant least. · 与对比页面相同。"
    ),
)
def compare(request: HttpRequest, params: Query[CompareParams]) -> Any:  # type: ignore[valid-type]
    on = _today()
    form, _offer, errors = _profile_form(request)
    errors.pop("offer", None)
    choice = ComparisonForm.from_query(request.GET)
    slugs = choice.slugs
    if not choice.is_valid():
        errors["products"] = choice.messages
    chosen = comparison_products(slugs=slugs, on=on) if "products" not in errors else []
    unknown = [s for s in slugs if s not in {p.slug for p in chosen}]
    if "products" not in errors and unknown:
        errors["products"] = [str(MSG_PRODUCTS_UNKNOWN % {"slugs": ", ".join(unknown)[:200]})]
    if errors:
        return problem(400, errors=errors)
    profile = form.profile()
    rise = form.rate_rise()
    columns: list[dict[str, Any]] = []
    for p in chosen:
        chosen_plan = choose_plan(p.current_plans, profile)
        terms = plan_terms(chosen_plan) if chosen_plan is not None else None
        e = estimate(terms, profile) if terms is not None else None
        risen = (
            estimate(rise.apply(terms), profile)
            if rise is not None and terms is not None and e is not None and e.supported
            else None
        )
        columns.append(
            {
                "product": p.slug,
                "plan": chosen_plan.pk if chosen_plan else None,
                "plan_name": chosen_plan.name if chosen_plan else None,
                "is_estimate": chosen_plan.is_estimate if chosen_plan else None,
                "cheapest": False,
                "estimate": estimate_out(e) if e is not None else None,
                "risen_total": risen.total if risen is not None else None,
            }
        )
    totals = [
        c["estimate"]["total"] for c in columns if c["estimate"] and c["estimate"]["supported"]
    ]
    if totals:
        low = min(totals)
        for c in columns:
            c["cheapest"] = bool(
                c["estimate"] and c["estimate"]["supported"] and c["estimate"]["total"] == low
            )
    return {
        **_version(),
        "profile": {"query": form.query(rise=False, pins=False), "label": form.profile_label()},
        "products": columns,
    }


# ---------------------------------------------------------------------- the rate-change log


class RateChangeOut(BaseModel):
    product: str = Field(description="Product slug · 产品标识")
    brand: str = Field(description="Brand slug · 品牌标识")
    plan: str = Field(description="Plan name · 方案名称")
    old_plan: int = Field(description="The version before · 变动前版本")
    new_plan: int = Field(description="The version after · 变动后版本")
    valid_from: dt.date = Field(description="The day the new version applies · 生效日期")
    method: str | None = Field(None, description="Payment method; null for a plan term · 支付方式")
    is_promo: bool = Field(description="An introductory rate · 优惠期费率")
    term: str | None = Field(None, description="Plan term; null for a rate · 条款")
    kind: str = Field(description="changed / added / removed · 变动类型")
    old: Any = Field(None, description="Before (a rate, or the term's value) · 变动前")
    new: Any = Field(None, description="After · 变动后")
    old_text: str = Field(description="Before, in words · 变动前（文字）")
    new_text: str = Field(description="After, in words · 变动后（文字）")
    source_url: str = Field(description="Source of the new version · 新版本来源")


ChangeList = paged("RateChangeList", RateChangeOut)
SINCE = Date("since", MSG_SINCE)
ChangeParams = _params(
    "ChangeParams",
    (*PAGING, SINCE),
    extra={
        "brand": (str | None, Field(None, description="Brand slug · 品牌标识")),
        "product": (str | None, Field(None, description="Product slug · 产品标识")),
    },
)


def change_out(c: changes.Change) -> dict[str, Any]:
    return {
        "product": c.product.slug,
        "brand": c.product.brand.slug,
        "plan": c.plan_name,
        "old_plan": c.old_plan.pk,
        "new_plan": c.new_plan.pk,
        "valid_from": c.on,
        "method": c.method or None,
        "is_promo": c.is_promo,
        "term": c.term or None,
        "kind": c.kind,
        "old": c.old,
        "new": c.new,
        "old_text": c.old_text,
        "new_text": c.new_text,
        "source_url": c.source_url,
    }


@api.get(
    "/changes",
    response={200: ChangeList, **ERRORS},
    tags=["catalog"],
    summary="Rate-change log · 费率变动记录",
    description=(
        "Every change from one plan version to the next, newest first: product, method or "
        "term, old → new, from date, source. Filter by brand, product and since (YYYY-MM-DD). "
        "· 每次费率方案版本变动，按品牌、产品和起始日期筛选。"
    ),
)
def change_log(request: HttpRequest, params: Query[ChangeParams]) -> Any:  # type: ignore[valid-type]
    values, errors = read((SINCE,), request.GET)
    if errors:
        return problem(400, errors=errors)
    found = changes.changes(
        brand=(request.GET.get("brand") or "").strip(),
        product=(request.GET.get("product") or "").strip(),
        since=values["since"],
    )
    page = _page(request, found)
    if isinstance(page, HttpResponse):
        return page
    rows, meta = page
    return {**meta, "results": [change_out(c) for c in rows]}
