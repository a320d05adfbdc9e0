"""Catalog pages. Reads go through ``catalog.selectors``; views only choose what to render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from catalog import selectors
from catalog.models import Brand


@require_GET
def product_list(request: HttpRequest) -> HttpResponse:
    products = selectors.product_list(on=timezone.localdate())
    return render(request, "catalog/product_list.html", {"products": products})


@require_GET
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    product = selectors.product_get(slug=slug)
    plans = selectors.product_current_plans(product=product, on=timezone.localdate())
    return render(request, "catalog/product_detail.html", {"product": product, "plans": plans})


@require_GET
def brand_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "catalog/brand_list.html", {"brands": selectors.brand_list_with_counts()}
    )


@require_GET
def brand_detail(request: HttpRequest, slug: str) -> HttpResponse:
    brand = get_object_or_404(Brand.objects.prefetch_related("penalties"), slug=slug)
    products = brand.products.order_by("status", "slug")
    return render(request, "catalog/brand_detail.html", {"brand": brand, "products": products})
