"""The rate-change log: every change from one version of a plan to the next is an event — the
product, the payment method (or the plan term), old → new, the day the new version applies from
and its source. Read from the plan history (``catalog.selectors.history.plan_diff``), the same
comparison the product page's history shows; a fixed number of queries whatever the size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from api import selectors
from api.serialize import rate_out
from catalog.models import Brand, Plan, Product
from catalog.selectors.history import plan_diff
from catalog.wording import field_label, method_label


@dataclass(frozen=True)
class Change:
    product: Product
    plan_name: str
    old_plan: Plan
    new_plan: Plan
    method: str  # a payment method; "" for a plan term
    is_promo: bool
    term: str  # the plan term's field ("" for a rate)
    kind: str  # "changed", "added" or "removed"
    old: Any
    new: Any
    old_text: str
    new_text: str

    @property
    def on(self) -> dt.date:
        return self.new_plan.valid_from

    @property
    def source_url(self) -> str:
        return self.new_plan.source_url

    @property
    def what(self) -> str:
        """What changed, in words: the payment method (introductory rate) or the term."""
        if self.method:
            return method_label(self.method) + (" *" if self.is_promo else "")
        return field_label(self.term)

    @property
    def key(self) -> str:
        """Stable identifier of the event (for feeds)."""
        part = f"{self.method}{'-promo' if self.is_promo else ''}" if self.method else self.term
        return f"{self.product.slug}/{self.old_plan.pk}-{self.new_plan.pk}/{part}"


def _rate(plan: Plan, method: str, promo: bool) -> Any:
    found = next((r for r in plan.rates.all() if r.method == method and r.is_promo == promo), None)
    return rate_out(found)


def product_changes(product: Product, plans: list[Plan]) -> list[Change]:
    groups: dict[str, list[Plan]] = defaultdict(list)
    for plan in sorted(plans, key=lambda p: (p.name, p.valid_from)):
        groups[plan.name].append(plan)
    found: list[Change] = []
    for name, versions in groups.items():
        for old, new in zip(versions, versions[1:], strict=False):
            diff = plan_diff(old, new)
            for r in diff.rates:
                found.append(
                    Change(
                        product,
                        new.display_name or name,
                        old,
                        new,
                        r.method,
                        r.is_promo,
                        "",
                        r.kind,
                        _rate(old, r.method, r.is_promo),
                        _rate(new, r.method, r.is_promo),
                        r.old_text,
                        r.new_text,
                    )
                )
            for f in diff.fields:
                if f.name == "notes":
                    continue
                found.append(
                    Change(
                        product,
                        new.display_name or name,
                        old,
                        new,
                        "",
                        False,
                        f.name,
                        "changed",
                        f.old,
                        f.new,
                        f.old_text,
                        f.new_text,
                    )
                )
    return found


def changes(*, brand: str = "", product: str = "", since: dt.date | None = None) -> list[Change]:
    """Every change, newest first, for a brand's or a product's slug, from ``since`` on."""
    qs = Product.objects.all()
    if brand:
        qs = qs.filter(brand__slug=brand)
    if product:
        qs = qs.filter(slug=product)
    found: list[Change] = []
    for p in selectors.products_with_plans(qs):
        found.extend(product_changes(p, p.all_plans))  # type: ignore[attr-defined]
    if since is not None:
        found = [c for c in found if c.on >= since]
    return sorted(found, key=lambda c: (c.on, c.product.slug, c.key), reverse=True)


def brand_or_none(slug: str) -> Brand | None:
    return Brand.objects.filter(slug=slug).first()
