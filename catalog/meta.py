"""Titles and meta descriptions of the catalog pages, in the active language.

``base.html`` puts ``meta.title`` and ``meta.description`` into ``<title>``, the description
meta tag and the Open Graph tags, so a shared link previews with the same words.
"""

from __future__ import annotations

from django.utils.translation import gettext

from catalog import wording
from catalog.models import Brand
from catalog.selectors.brands import BrandPage
from catalog.selectors.product import ProductPage
from core.meta import PageMeta


def product_list_meta(*, total: int, page: int = 1) -> PageMeta:
    title = gettext("POS terminals compared: fees, deposits and SIM fees")
    if page > 1:
        title = gettext("%(title)s (page %(page)s)") % {"title": title, "page": page}
    return PageMeta(
        title=title,
        description=gettext(
            "Filter %(n)s POS terminals and QR plates by brand, features, card rates, deposit "
            "and device price, and sort them by what they would cost your business each month."
        )
        % {"n": total},
    )


def product_meta(page: ProductPage) -> PageMeta:
    product = page.product
    title = gettext("%(product)s: fees, deposit and SIM fee") % {"product": product.display_name}
    if page.current:
        view = page.current[0]
        summary = wording.plan_summary(view.plan, rates=view.rates)
        description = gettext(
            "%(product)s (%(brand)s): %(summary)s. Source and date checked shown on the page."
        ) % {
            "product": product.display_name,
            "brand": product.brand.display_name,
            "summary": summary,
        }
    else:
        description = gettext(
            "%(product)s (%(brand)s): specifications, features and fee history."
        ) % {"product": product.display_name, "brand": product.brand.display_name}
    return PageMeta(title=title, description=description, og_type="product")


def brand_list_meta() -> PageMeta:
    return PageMeta(
        title=gettext("POS brands and acquirers: payment licences and hotlines"),
        description=gettext(
            "Which payment company is behind each POS terminal: payment licence, validity, "
            "customer hotline, regulator penalties and the terminals each one offers."
        ),
    )


def brand_meta(page: BrandPage) -> PageMeta:
    brand: Brand = page.brand
    if brand.kind == Brand.Kind.ACQUIRER and brand.licence_number:
        licence = gettext("payment licence %(number)s") % {"number": brand.licence_number}
    elif brand.kind == Brand.Kind.ACQUIRER:
        licence = gettext("payment company")
    else:
        licence = gettext("terminal maker, not an acquirer")
    return PageMeta(
        title=gettext("%(brand)s POS terminals, licence and hotline")
        % {"brand": brand.display_name},
        description=gettext(
            "%(brand)s (%(licence)s): %(n)s terminals with their fees, deposits and the "
            "estimated monthly cost for a typical shop."
        )
        % {"brand": brand.display_name, "licence": licence, "n": len(page.products)},
    )
