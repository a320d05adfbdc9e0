"""Comparison pages: ``/compare/?products=<slug>,<slug>,…``.

A plain first version: the chosen products side by side with their current rates. The full
comparison (costs for a profile, best-value marks, chart, share links) replaces it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalog import selectors

MAX_PRODUCTS = 6


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    slugs = [s for s in (request.GET.get("products") or "").split(",") if s.strip()]
    products = selectors.products_by_slugs(slugs=slugs[:MAX_PRODUCTS], on=timezone.localdate())
    missing = [s for s in slugs if s not in {p.slug for p in products}]
    status = 400 if missing or len(slugs) > MAX_PRODUCTS else 200
    errors = []
    if missing:
        errors.append(_("Unknown products: %(slugs)s") % {"slugs": ", ".join(missing)})
    if len(slugs) > MAX_PRODUCTS:
        errors.append(_("Compare at most %(n)s products.") % {"n": MAX_PRODUCTS})
    return render(
        request,
        "calculator/compare.html",
        {"products": products, "errors": errors},
        status=status,
    )
