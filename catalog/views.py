"""Catalog pages. Reads go through ``catalog.selectors``; views only choose what to render.

One URL serves a full page and, for htmx requests, the partial the page includes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from catalog import marks, meta, tray
from catalog.forms import MSG_TRAY_FULL, TrayForm
from catalog.profile import profile_query
from catalog.selectors import base, brands, listing, product
from core.decorators import public_page
from core.htmx import current_url, is_fragment


def tray_context(request: HttpRequest) -> dict[str, Any]:
    """The comparison tray as every catalog page shows it."""
    slugs = tray.tray_slugs(request.session)
    products = base.tray_products(slugs=slugs)
    present = [p.slug for p in products]
    return {
        "next": current_url(request),
        "products": products,
        "slugs": present,
        "full": len(present) >= tray.MAX_ITEMS,
        "max": tray.MAX_ITEMS,
        "compare_url": tray.compare_url(present) if present else "",
    }


@public_page
def product_list(request: HttpRequest) -> HttpResponse:
    page = listing.product_list_page(params=request.GET, on=timezone.localdate())
    number = page.page.number if page.page else 1
    context = {
        "list": page,
        "tray": tray_context(request),
        "meta": meta.product_list_meta(total=page.total, page=number),
        "profile_query": profile_query(request.GET),
    }
    status = 200 if page.valid else 400
    template = "catalog/_results.html" if is_fragment(request) else "catalog/product_list.html"
    return render(request, template, context, status=status)


@public_page
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = product.product_page(slug=slug, on=timezone.localdate(), params=request.GET)
    context = {
        "page": page,
        "product": page.product,
        "tray": tray_context(request),
        "meta": meta.product_meta(page),
        "profile_query": profile_query(request.GET),
        "today": timezone.localdate(),
        "legend": marks.legend(),
    }
    return render(request, "catalog/product_detail.html", context)


@public_page
def brand_list(request: HttpRequest) -> HttpResponse:
    rows, pricing = brands.brand_rows(on=timezone.localdate(), params=request.GET)
    context = {
        "rows": rows,
        "pricing": pricing,
        "tray": tray_context(request),
        "meta": meta.brand_list_meta(),
        "today": timezone.localdate(),
    }
    return render(request, "catalog/brand_list.html", context)


@public_page
def brand_detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    page = brands.brand_page(slug=slug, on=today, params=request.GET)
    context = {
        "page": page,
        "brand": page.brand,
        "licence_expired": page.licence_expired(on=today),
        "tray": tray_context(request),
        "meta": meta.brand_meta(page),
        "profile_query": profile_query(request.GET),
    }
    return render(request, "catalog/brand_detail.html", context)


@require_POST
@vary_on_headers("HX-Request")
def tray_update(request: HttpRequest) -> HttpResponse:
    """Add a product to the comparison tray, remove one, or empty it.

    htmx gets the tray back (status 200, or 400 with the message inside it); a plain form post
    is redirected back to the page it came from (``next``), with a message when it failed.
    """
    form = TrayForm(request.POST)
    error = ""
    status = 200
    if not form.is_valid():
        error = "; ".join(str(m) for messages_ in form.errors.values() for m in messages_)
        status = 400
    else:
        action, slug = form.cleaned_data["action"], form.cleaned_data["product"]
        if action == TrayForm.ADD and not tray.tray_add(request.session, slug=slug):
            error = str(MSG_TRAY_FULL) % {"n": tray.MAX_ITEMS}
            status = 409
        elif action == TrayForm.REMOVE:
            tray.tray_remove(request.session, slug=slug)
        elif action == TrayForm.CLEAR:
            tray.tray_clear(request.session)
    if is_fragment(request):
        context = {"tray": tray_context(request), "tray_error": error}
        return render(request, "catalog/_tray.html", context, status=status)
    if error:
        messages.error(request, error)
    target = form.data.get("next") or ""
    local_path = target.startswith("/") and not target.startswith(("//", "/\\"))
    if not local_path or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("catalog:product_list")
    return HttpResponseRedirect(target, status=303)
