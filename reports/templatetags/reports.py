"""``{% fee_reports product current_plans %}`` and ``{% brand_fee_reports brand %}``: the fee
reports panel on product and brand pages (catalog templates load it; catalog code does not)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template

from catalog.models import Brand, Product
from reports import selectors
from reports.forms import FlagForm

register = template.Library()


@register.inclusion_tag("reports/_panel.html", takes_context=True)
def fee_reports(context: Any, product: Product, current: Sequence[Any] = ()) -> dict[str, Any]:
    """``current``: the product page's plan views in force (their rates are the catalog's)."""
    catalog = {r.method: r.percent for view in current[:1] for r in view.rates}
    return {
        "panel": selectors.product_panel(product, catalog),
        "product": product,
        "flag_form": FlagForm(),
        "csrf_token": context.get("csrf_token"),
        "report_query": f"product={product.slug}",
    }


@register.inclusion_tag("reports/_panel.html", takes_context=True)
def brand_fee_reports(context: Any, brand: Brand) -> dict[str, Any]:
    return {"panel": selectors.brand_panel(brand), "brand": brand, "report_query": ""}
