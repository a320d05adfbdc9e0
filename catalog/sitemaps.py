"""sitemap.xml: the catalog pages in both languages, each with its hreflang alternates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalog.selectors import base

# Django's Sitemap is generic (in its items) only in django-stubs, not at run time.
if TYPE_CHECKING:
    _Sitemap = Sitemap[Any]
else:
    _Sitemap = Sitemap


class BilingualSitemap(_Sitemap):
    i18n = True
    alternates = True
    x_default = True

    # The site's address from the settings (DJANGO_SITE_URL), never the request's Host.
    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class CatalogPagesSitemap(BilingualSitemap):
    """The home page and the catalog's list pages."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["home", "catalog:product_list", "catalog:brand_list"]

    def location(self, item: str) -> str:
        return reverse(item)

    def priority(self, item: str) -> float:
        return 1.0 if item == "home" else 0.8


class LastVerifiedSitemap(BilingualSitemap):
    """Pages whose items carry ``last_verified``: the newest date their fees were checked."""

    def lastmod(self, item: Any) -> dt.date | None:
        return getattr(item, "last_verified", None)


class ProductSitemap(LastVerifiedSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self) -> Any:
        return base.products_for_sitemap()


class BrandSitemap(LastVerifiedSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> Any:
        return base.brands_for_sitemap()


SITEMAPS: dict[str, type[Sitemap[Any]]] = {
    "pages": CatalogPagesSitemap,
    "products": ProductSitemap,
    "brands": BrandSitemap,
}
