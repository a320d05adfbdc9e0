"""The open dataset: every brand, product and plan version, as ``fees.json`` and ``fees.csv``.

The records are the API's (``api.serialize``), so the API, the dataset and the site read the
same data. The dataset does not depend on the day it is built (a plan's status is left out: its
``valid_from``/``valid_to`` say it), so the same fee data always gives the same file and the same
version: the start of the SHA-256 digest of its records. Each version is kept
(``DatasetRelease``) and stays at ``/data/v/<version>/fees.json`` for good.

Licence: CC BY 4.0 — stated in every file with the version and the date the data last changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from api import csvsafe, selectors
from api.freshness import data_modified
from api.models import DatasetRelease
from api.serialize import PLAN_FACTS, brand_out, product_detail_out
from calculator.engine import METHODS
from calculator.selectors import remembered
from catalog.models import Plan
from catalog.terms import PLAN_TERMS, RATE_TERMS

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "POS Compare · POS机对比 (fee data with the sources cited in each plan)",
}
# The CSV leaves out the long texts (notes, the source note): one row per method would repeat
# them; fees.json has them.
CSV_FACTS = tuple(
    n for n in PLAN_FACTS if not isinstance(Plan._meta.get_field(n), models.TextField)
)
TITLE = "POS terminal fees in mainland China · 中国大陆POS机费率数据"


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value))


def dumps(data: Any, *, sort_keys: bool = True) -> str:
    return json.dumps(
        data, default=_default, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":")
    )


def records() -> dict[str, Any]:
    """Brands and products with every published plan version (four queries)."""
    on = timezone.localdate()
    products = []
    for product in selectors.products_with_plans().order_by("brand__slug", "slug"):
        row = product_detail_out(product, product.all_plans, on=on)  # type: ignore[attr-defined]
        plans = [p for group in row.pop("plans").values() for p in group]
        for plan in plans:
            plan.pop("status")
        row["plans"] = sorted(plans, key=lambda p: (p["name"], p["valid_from"], p["id"]))
        products.append(row)
    return {"brands": [brand_out(b) for b in selectors.brands()], "products": products}


def _csv(meta: dict[str, Any], data: dict[str, Any]) -> str:
    head = [
        "data_version",
        "data_date",
        "licence",
        "brand",
        "product",
        "product_name",
        "plan_id",
        *(f"plan_{n}" if n in ("name", "name_en") else n for n in CSV_FACTS),
        *(t.name for t in PLAN_TERMS),
        "method",
        "is_promo",
        *(t.name for t in RATE_TERMS),
    ]

    def rows() -> Iterator[list[Any]]:
        for product in data["products"]:
            for plan in product["plans"]:
                fixed = [
                    meta["version"],
                    meta["data_date"],
                    LICENCE["name"],
                    product["brand"],
                    product["slug"],
                    product["name"],
                    plan["id"],
                    *(plan[n] for n in CSV_FACTS),
                    *(plan[t.name] for t in PLAN_TERMS),
                ]
                for key, promo in (("rates", False), ("promo_rates", True)):
                    for method in METHODS:
                        rate = plan[key][method]
                        if rate is not None:
                            yield [*fixed, method, promo, *(rate[t.name] for t in RATE_TERMS)]

    return csvsafe.write(rows(), preamble=[head])


def build() -> DatasetRelease:
    """The release of the current fee data: found by its digest, else made and kept."""
    data = records()
    body = dumps(data)
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    found = DatasetRelease.objects.filter(version=version).first()
    if found is not None:
        return found
    changed = data_modified()  # when the fee data last changed (read once per version)
    data_date = (
        timezone.localtime(dt.datetime.fromtimestamp(changed, tz=dt.UTC)).date()
        if changed
        else timezone.localdate()
    )
    meta = {
        "title": TITLE,
        "version": version,
        "data_date": data_date.isoformat(),
        "licence": LICENCE,
        "api": "/api/v1/openapi.json",
        "permanent_url": f"/data/v/{version}/fees.json",
    }
    content = dumps({**meta, **data}, sort_keys=False)
    release = DatasetRelease(
        version=version, data_date=data_date, content=content, csv=_csv(meta, data)
    )
    try:
        with transaction.atomic():
            release.save()
    except IntegrityError:  # made at the same moment by another request
        return DatasetRelease.objects.get(version=version)
    return release


def current() -> DatasetRelease:
    """``build()``, once per fee-data version (each app server keeps it in memory)."""
    return remembered(("api:dataset",), build)
