"""The embeddable widget: ``/embed/calculator/`` (the quick estimate) and
``/embed/compare/?products=…`` (a comparison's totals), compact pages for an agent's or a blog's
iframe.

These are the only pages that may be framed: their CSP ``frame-ancestors`` is open (every other
page keeps ``'none'``, and X-Frame-Options DENY). They set no cookie — no session, no CSRF token
(their one form is a GET) — and show the data version and date, that this is a neutral
comparison and not an offer, and a link back to the full page (opened outside the frame).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from csp.decorators import csp_replace
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from api import dataset
from calculator.forms import ProfileForm
from calculator.ranking import top_plans
from calculator.selectors import ranking_plans
from catalog.tray import compare_url
from compare.comparison import live_comparison
from compare.forms import ComparisonForm
from compare.selectors import comparison_products
from compare.snapshot import ProfileSnapshot

View = Callable[..., HttpResponse]


def embeddable(view: View) -> View:
    """GET only, framable by any site, no cookies."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.cookies.clear()
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    framed = csp_replace({"frame-ancestors": ["*"]})(xframe_options_exempt(wrapped))
    return cast(View, require_safe(framed))


def _about() -> dict[str, Any]:
    release = dataset.current()
    return {"release": release}


@embeddable
def calculator(request: HttpRequest) -> HttpResponse:
    form = ProfileForm.from_query(request.GET)
    top = []
    if form.is_valid():
        found = ranking_plans(on=timezone.localdate())
        top = top_plans(plans=found.plans, terms=found.terms, profile=form.profile(), count=3)
        full = f"{reverse('calculator:calculator')}?{form.query(rise=False, pins=False)}"
    else:
        full = reverse("calculator:calculator")
    context = {"quick_form": form, "quick_top": top, "full_url": full, **_about()}
    return render(
        request, "api/embed_calculator.html", context, status=200 if top or form.is_valid() else 400
    )


@embeddable
def compare(request: HttpRequest) -> HttpResponse:
    on = timezone.localdate()
    choice = ComparisonForm.from_query(request.GET)
    form = ProfileForm.from_query(request.GET)
    slugs = choice.slugs
    products = comparison_products(slugs=slugs, on=on) if choice.is_valid() else []
    if choice.is_valid():
        choice.check_known({p.slug for p in products})
    comparison = None
    if choice.is_valid() and form.is_valid():
        comparison = live_comparison(
            products=products, profile=ProfileSnapshot.from_form(form), on=on
        )
    query = form.query(rise=False, pins=False) if form.is_valid() else ""
    context = {
        "form": form,
        "choice": choice,
        "comparison": comparison,
        "full_url": compare_url([p.slug for p in products], query)
        if products
        else reverse("compare:compare"),
        **_about(),
    }
    return render(request, "api/embed_compare.html", context, status=200 if comparison else 400)
