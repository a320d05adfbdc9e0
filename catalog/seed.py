"""Load the catalog fixtures (``fixtures/catalog.json``) into the database, idempotently.

Records are matched by natural keys: brand and product slug, feature code, plan
(product, name, valid_from), rate (plan, method, is_promo), penalty (brand, announced, amount,
source).
Missing records are created; existing ones are left as they are (an admin may have corrected
them) unless ``update=True``, which makes them match the file. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction

from catalog.models import Brand, Feature, Penalty, Plan, Product, Rate

M = TypeVar("M", bound=models.Model)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "catalog.json"


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        def fmt(bucket: dict[str, int]) -> str:
            return ", ".join(f"{n} {label}" for label, n in sorted(bucket.items())) or "nothing"

        return f"created {fmt(self.created)}; updated {fmt(self.updated)}"


def _coerce(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Turn JSON values into field values: decimals from strings, dates from ISO text."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        f = model._meta.get_field(name)
        if value is None:
            out[name] = None
        elif isinstance(f, models.DecimalField):
            out[name] = Decimal(str(value))
        elif isinstance(f, models.DateField):
            out[name] = dt.date.fromisoformat(value)
        else:
            out[name] = value
    return out


def seeded(
    obj: M | None,
    make: Callable[[], M],
    values: dict[str, Any],
    *,
    update: bool,
    report: SeedReport,
    label: str,
) -> M:
    """Create the record (``make()``) when ``obj`` is None; with ``update``, give an existing one
    the fixture's ``values``. Every record saved is validated first and counted in ``report``."""
    if obj is None:
        obj = make()
        obj.full_clean()
        obj.save()
        report.count(report.created, label)
        return obj
    if update:
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
        if changed:
            for k in changed:
                setattr(obj, k, values[k])
            obj.full_clean()
            obj.save(update_fields=changed)
            report.count(report.updated, label)
    return obj


def _upsert(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    update: bool,
    report: SeedReport,
) -> Any:
    values = _coerce(model, values)
    obj = model._default_manager.filter(**lookup).first()  # each seeded model's ``objects``
    label = model._meta.model_name or model.__name__
    return seeded(
        obj, lambda: model(**lookup, **values), values, update=update, report=report, label=label
    )


@transaction.atomic
def seed_catalog(path: Path = FIXTURE, *, update: bool = False) -> SeedReport:
    data = json.loads(path.read_text(encoding="utf-8"))
    report = SeedReport()

    features: dict[str, Feature] = {}
    for item in data["features"]:
        item = dict(item)
        code = item.pop("code")
        features[code] = _upsert(Feature, {"code": code}, item, update=update, report=report)

    brands: dict[str, Brand] = {}
    for item in data["brands"]:
        item = dict(item)
        slug = item.pop("slug")
        penalties = item.pop("penalties", [])
        brand = _upsert(Brand, {"slug": slug}, item, update=update, report=report)
        brands[slug] = brand
        for p in penalties:
            p = dict(p)
            key = {
                "brand": brand,
                "announced": p.pop("announced"),
                "amount": p.pop("amount", ""),
                "source_url": p.pop("source_url"),
            }
            _upsert(Penalty, key, p, update=update, report=report)

    for item in data["products"]:
        item = dict(item)
        slug = item.pop("slug")
        brand = brands[item.pop("brand")]
        feature_codes = item.pop("features", [])
        plans = item.pop("plans")
        product = _upsert(
            Product, {"slug": slug}, {**item, "brand_id": brand.pk}, update=update, report=report
        )
        wanted = {features[c].pk for c in feature_codes}
        have = set(product.features.values_list("pk", flat=True))
        if have != wanted and (update or not have):
            product.features.set(wanted)
            report.count(report.updated if have else report.created, "product features")
        for plan_item in plans:
            plan_item = dict(plan_item)
            rates = plan_item.pop("rates")
            key = {
                "product": product,
                "name": plan_item.pop("name"),
                "valid_from": dt.date.fromisoformat(plan_item.pop("valid_from")),
            }
            plan = _upsert(Plan, key, plan_item, update=update, report=report)
            for rate_item in rates:
                rate_item = dict(rate_item)
                rkey = {
                    "plan": plan,
                    "method": rate_item.pop("method"),
                    "is_promo": rate_item.pop("is_promo", False),
                }
                _upsert(Rate, rkey, rate_item, update=update, report=report)
    return report
