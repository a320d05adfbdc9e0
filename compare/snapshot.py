"""A comparison as data: the products, the plan used for each and the merchant profile.

Both comparison pages render from this one shape. The live page (``/compare/``) builds it from
the catalog on every request; a share link (``/s/<code>/``) stores it as JSON and renders it
again forever — so a shared link shows exactly the figures it was made with, even after the
plans are edited or deleted, and the two pages can never disagree on how a figure is made.

``comparison_snapshot`` turns ORM rows into JSON-ready dicts (money as strings, dates as ISO
text); ``read_snapshot`` turns such a dict into frozen objects shaped like the catalog models
(``display_name``, ``rates``, the plan fields ``catalog.wording`` reads), with engine terms.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl

from django.db import models
from django.urls import reverse

from calculator.engine import PlanTerms, Profile
from calculator.forms import ProfileForm, RateRise
from calculator.offer import Offer
from catalog.models import Bilingual, Brand, Plan, Product
from catalog.profile import CUSTOM, PRESETS, profile_label
from catalog.terms import (
    MONEY,
    PERCENT,
    PLAN_TERMS,
    RATE_TERMS,
    PlanLabel,
    RateRow,
    SplitRates,
    recorded_label,
    terms_of,
)

SCHEMA = 1


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


# ---------------------------------------------------------------------- the merchant profile


@dataclass(frozen=True)
class ProfileSnapshot:
    """The engine profile with what the page says about it: the kind of business (a preset
    code, or ``custom``), the rate-rise stress test and the profile as a link query."""

    profile: Profile
    preset: str
    rise: RateRise | None
    query: str

    @classmethod
    def from_form(cls, form: ProfileForm) -> ProfileSnapshot:
        """From a valid profile form."""
        return cls(
            profile=form.profile(),
            preset=form.cleaned_data["preset"],
            rise=form.rate_rise(),
            query=form.query(rise=True, pins=False),
        )

    @property
    def label(self) -> str:
        return profile_label(self.profile, PRESETS.get(self.preset))

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """The query as (name, value) pairs, e.g. for hidden form fields."""
        return parse_qsl(self.query)

    def to_json(self) -> dict[str, Any]:
        p = self.profile
        rise = self.rise
        return {
            "volume": _money(p.monthly_volume),
            "mix": {m: _money(s) for m, s in p.mix.items()},
            "ticket": _money(p.average_ticket),
            "tickets": {m: _money(t) for m, t in p.average_tickets.items()}
            if p.average_tickets
            else None,
            "months": p.months,
            "instant": p.instant_settlement,
            "spm": p.settlements_per_month,
            "preset": self.preset,
            "rise": None
            if rise is None
            else {
                "after": rise.after_month,
                "add": _money(rise.add_percent),
                "to": _money(rise.to_percent),
                "fixed": _money(rise.fixed),
            },
            "query": self.query,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProfileSnapshot:
        rise = data.get("rise")
        return cls(
            profile=Profile(
                monthly_volume=Decimal(data["volume"]),
                mix={m: Decimal(s) for m, s in data["mix"].items()},
                average_ticket=Decimal(data["ticket"]),
                average_tickets={m: Decimal(t) for m, t in data["tickets"].items()}
                if data.get("tickets")
                else None,
                months=data["months"],
                instant_settlement=data["instant"],
                settlements_per_month=data["spm"],
            ),
            preset=data.get("preset") or CUSTOM,
            rise=None
            if not rise
            else RateRise(
                after_month=rise["after"],
                add_percent=Decimal(rise["add"]),
                to_percent=_dec(rise["to"]),
                fixed=_dec(rise["fixed"]),
            ),
            query=data.get("query", ""),
        )


# ---------------------------------------------------------------------- catalog rows, frozen


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of a stored choice; the value itself if the choice no longer exists."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


SnapRate = RateRow  # a plan's rate as it was

# A plan's own fields kept beside its terms (``catalog.terms.PLAN_TERMS``).
PLAN_FIELDS = ("name", "name_en", "source_url", "source_note", "is_estimate", "notes", "notes_en")
PLAN_DATES = ("valid_from", "valid_to", "verified_on")
DECIMAL_KINDS = (MONEY, PERCENT)


@dataclass(frozen=True)
class SnapPlan(Bilingual, SplitRates):
    """A plan as it was: every field ``catalog.wording`` reads, its rates and engine terms. The
    fee terms are kept in ``figures`` and read as attributes (``plan.deposit``)."""

    id: int
    name: str
    name_en: str
    valid_from: dt.date
    valid_to: dt.date | None
    verified_on: dt.date
    source_url: str
    source_note: str
    is_estimate: bool
    notes: str
    notes_en: str
    figures: Mapping[str, Any]
    rates: tuple[SnapRate, ...]
    # Where each figure came from (``Plan.provenance``); empty in links made before it was kept.
    provenance: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        figures = self.__dict__.get("figures", {})
        if name in figures:
            return figures[name]
        raise AttributeError(name)

    @cached_property
    def terms(self) -> PlanTerms:
        """Its engine terms, read as a live plan's are (``catalog.terms.terms_of``)."""
        return terms_of(self, self.rates, key=self.id)

    @property
    def display_notes(self) -> str:
        return self.tr("notes")

    @property
    def label(self) -> PlanLabel:
        return recorded_label(self.provenance, self.is_estimate)


@dataclass(frozen=True)
class SnapBrand(Bilingual):
    slug: str
    name: str
    name_en: str
    kind: str
    legal_name: str
    licence_number: str
    licence_valid_until: dt.date | None
    penalties: int | None

    @property
    def kind_label(self) -> str:
        return choice_label(Brand.Kind, self.kind)

    def get_absolute_url(self) -> str:
        return reverse("catalog:brand_detail", kwargs={"slug": self.slug})


@dataclass(frozen=True)
class SnapFeature(Bilingual):
    code: str
    name: str
    name_en: str
    category: str


@dataclass(frozen=True)
class SnapProduct(Bilingual):
    slug: str
    name: str
    name_en: str
    model_number: str
    kind: str
    status: str
    network_4g: bool
    network_wifi: bool
    network_bluetooth: bool
    printer: bool
    screen_inches: Decimal | None
    touchscreen: bool
    battery_mah: int | None
    nfc: bool
    camera_scanner: bool
    brand: SnapBrand
    features: tuple[SnapFeature, ...]
    plan: SnapPlan | None  # the plan compared (cheapest for the profile); None: none in force
    plan_count: int  # plans in force for it that day

    # Product's own property, shared (mypy sees Product.connectivity as its getter, no fget):
    connectivity = property(Product.connectivity.fget)  # type: ignore[attr-defined]

    @property
    def kind_label(self) -> str:
        return choice_label(Product.Kind, self.kind)

    @property
    def discontinued(self) -> bool:
        return self.status == Product.Status.DISCONTINUED

    def get_absolute_url(self) -> str:
        return reverse("catalog:product_detail", kwargs={"slug": self.slug})


@dataclass(frozen=True)
class Snapshot:
    on: dt.date  # the day whose fees were used
    profile: ProfileSnapshot
    products: tuple[SnapProduct, ...]
    offer: Offer | None = None  # the merchant's own offer, compared beside the products

    @property
    def slugs(self) -> list[str]:
        return [p.slug for p in self.products]


# ---------------------------------------------------------------------- to JSON


PRODUCT_FIELDS = (
    "slug",
    "name",
    "name_en",
    "model_number",
    "kind",
    "status",
    "network_4g",
    "network_wifi",
    "network_bluetooth",
    "printer",
    "touchscreen",
    "battery_mah",
    "nfc",
    "camera_scanner",
)


def product_snapshot(product: Product, plan: Plan | None) -> dict[str, Any]:
    """A product (brand, features prefetched; ``brand_penalties`` annotated when known) with
    the plan it is compared on."""
    brand = product.brand
    data: dict[str, Any] = {name: getattr(product, name) for name in PRODUCT_FIELDS}
    data["screen_inches"] = _money(product.screen_inches)
    data["brand"] = {
        "slug": brand.slug,
        "name": brand.name,
        "name_en": brand.name_en,
        "kind": brand.kind,
        "legal_name": brand.legal_name,
        "licence_number": brand.licence_number,
        "licence_valid_until": brand.licence_valid_until.isoformat()
        if brand.licence_valid_until
        else None,
        "penalties": getattr(product, "brand_penalties", None),
    }
    data["features"] = [
        {"code": f.code, "name": f.name, "name_en": f.name_en, "category": f.category}
        for f in product.features.all()
    ]
    data["plan"] = plan_snapshot(plan) if plan is not None else None
    data["plan_count"] = len(getattr(product, "current_plans", []))
    return data


def comparison_snapshot(
    *,
    products: Sequence[tuple[Product, Plan | None]],
    profile: ProfileSnapshot,
    on: dt.date,
    offer: Offer | None = None,
) -> dict[str, Any]:
    """The JSON a share link stores (and the live page reads back): see the module docstring.
    The merchant's offer, when given, is kept as its link fields."""
    data = {
        "schema": SCHEMA,
        "on": on.isoformat(),
        "profile": profile.to_json(),
        "products": [product_snapshot(product, plan) for product, plan in products],
    }
    if offer is not None:
        data["offer"] = offer.to_json()
    return data


# ---------------------------------------------------------------------- from JSON


def _value(kind: str, value: Any) -> Any:
    return _dec(value) if kind in DECIMAL_KINDS else value


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """Every term of ``plan`` (rates prefetched) as JSON-ready values: money as strings."""
    data: dict[str, Any] = {"id": plan.pk}
    data.update({name: getattr(plan, name) for name in PLAN_FIELDS})
    for name in PLAN_DATES:
        day: dt.date | None = getattr(plan, name)
        data[name] = day.isoformat() if day else None
    for term in PLAN_TERMS:
        value = getattr(plan, term.name)
        data[term.name] = _money(value) if term.kind in DECIMAL_KINDS else value
    data["rates"] = [
        {
            "method": row.method,
            "is_promo": row.is_promo,
            **{t.name: _money(getattr(row, t.name)) for t in RATE_TERMS},
        }
        for row in plan.rates.all()
    ]
    data["provenance"] = plan.provenance
    return data


def read_plan(data: Mapping[str, Any]) -> SnapPlan:
    """A plan snapshot (:func:`plan_snapshot`, as stored in JSON) read back."""
    rates = tuple(
        SnapRate(
            method=r["method"],
            is_promo=r["is_promo"],
            **{t.name: _value(t.kind, r.get(t.name)) for t in RATE_TERMS},
        )
        for r in data["rates"]
    )
    valid_from = _date(data["valid_from"])
    verified_on = _date(data["verified_on"])
    assert valid_from is not None and verified_on is not None
    return SnapPlan(
        id=data["id"],
        **{name: data[name] for name in PLAN_FIELDS},
        valid_from=valid_from,
        valid_to=_date(data["valid_to"]),
        verified_on=verified_on,
        figures={t.name: _value(t.kind, data[t.name]) for t in PLAN_TERMS},
        rates=rates,
        provenance=data.get("provenance") or {},
    )


def _product(data: Mapping[str, Any]) -> SnapProduct:
    b = data["brand"]
    return SnapProduct(
        **{name: data[name] for name in PRODUCT_FIELDS},
        screen_inches=_dec(data["screen_inches"]),
        brand=SnapBrand(
            slug=b["slug"],
            name=b["name"],
            name_en=b["name_en"],
            kind=b["kind"],
            legal_name=b["legal_name"],
            licence_number=b["licence_number"],
            licence_valid_until=_date(b["licence_valid_until"]),
            penalties=b["penalties"],
        ),
        features=tuple(
            SnapFeature(f["code"], f["name"], f["name_en"], f["category"]) for f in data["features"]
        ),
        plan=read_plan(data["plan"]) if data["plan"] is not None else None,
        plan_count=data["plan_count"],
    )


def read_snapshot(data: Mapping[str, Any]) -> Snapshot:
    """The frozen objects of a snapshot made by :func:`comparison_snapshot`."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"unknown snapshot schema {data.get('schema')!r}")
    on = _date(data["on"])
    assert on is not None
    return Snapshot(
        on=on,
        profile=ProfileSnapshot.from_json(data["profile"]),
        products=tuple(_product(p) for p in data["products"]),
        offer=Offer.from_json(data["offer"]) if data.get("offer") else None,
    )
