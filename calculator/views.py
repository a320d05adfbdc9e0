"""The calculator's pages: the home page's quick estimate and ``/calculator/`` with the profile in
the query string.

One URL serves the full page and, for htmx requests, the results fragment (which also carries
the field errors as out-of-band swaps, so the inputs the merchant is typing in are never
replaced). Invalid input answers 400 with the form and its errors, for both.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from calculator import selectors
from calculator.forms import OfferForm, ProfileForm
from calculator.offer_checks import calendar
from calculator.ranking import OfferRow, Ranking, plan_working, ranking_build, top_plans
from catalog.selectors.base import brand_list_with_counts
from core.decorators import public_page
from core.htmx import is_fragment, typed_query
from core.meta import site_url

QUICK_FIELDS = ("volume", "preset")


def calculator_query(form: ProfileForm, offer_form: OfferForm) -> str:
    """The calculator's link: the cleaned profile, then the offer's fields."""
    query = form.query()
    offer = offer_form.offer
    return f"{query}&{offer.query}" if offer is not None and offer.query else query


def plan_id(value: str | None) -> int | None:
    """A plan id from the query (``working=…``, ``plan=…``); anything else is None."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 10 else None


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The home page, with a quick estimate: monthly volume + kind of business → top three."""
    form = ProfileForm.from_query(request.GET)
    top = []
    if form.is_valid():
        found = selectors.ranking_plans(on=timezone.localdate())
        top = top_plans(plans=found.plans, terms=found.terms, profile=form.profile(), count=3)
        link = f"{reverse('calculator:calculator')}?{form.query(rise=False, pins=False)}"
    else:
        link = f"{reverse('calculator:calculator')}?{typed_query(request.GET)}"
    context = {"quick_form": form, "quick_top": top, "quick_link": link}
    status = 200 if form.is_valid() else 400
    if is_fragment(request):
        response = render(request, "_quick_estimate.html", {**context, "oob": True}, status=status)
        query = form.query(rise=False, pins=False) if form.is_valid() else typed_query(request.GET)
        # The home page's own link keeps only what its form asks: volume and kind of business.
        kept = [(k, v) for k, v in parse_qsl(query) if k in QUICK_FIELDS or k.startswith("mix_")]
        push_url(response, f"{reverse('home')}?{urlencode(kept)}")
        return response
    context["brands"] = brand_list_with_counts()
    return render(request, "home.html", context, status=status)


def _ranking(form: ProfileForm, offer_form: OfferForm, **options: Any) -> Ranking:
    """Every plan in force today ranked for a valid profile form, with the offer if any."""
    found = selectors.ranking_plans(on=timezone.localdate())
    return ranking_build(
        plans=found.plans,
        terms=found.terms,
        profile=form.profile(),
        rise=form.rate_rise(),
        offer=offer_form.offer,
        **options,
    )


@public_page
def calculator(request: HttpRequest) -> HttpResponse:
    form = ProfileForm.from_query(request.GET)
    offer_form = OfferForm(request.GET)
    ranking = None
    if form.is_valid():
        ranking = _ranking(
            form,
            offer_form,
            pins=form.pins,
            working_for=plan_id(request.GET.get("working")),
        )
    status = 200 if ranking is not None and offer_form.is_valid() else 400
    link_query = calculator_query(form, offer_form) if ranking is not None else ""
    context = {"form": form, "offer_form": offer_form, "ranking": ranking, "query": link_query}
    if is_fragment(request):
        response = render(
            request, "calculator/_results.html", {**context, "oob": True}, status=status
        )
        # The address bar gets the link: the cleaned profile, or what was typed (blanks left
        # out) while something needs correcting, so Back returns to it as it was.
        query = link_query if status == 200 else typed_query(request.GET)
        push_url(response, f"{reverse('calculator:calculator')}?{query}")
        return response
    return render(request, "calculator/calculator.html", context, status=status)


@public_page
def working(request: HttpRequest) -> HttpResponse:
    """One plan's working for the profile in the query (``plan=<id>``), loaded by htmx when a
    ranking card's "show the working" is opened. Outside htmx, the calculator page with that
    card's working written out (what the card's no-JavaScript link opens, too)."""
    pk = plan_id(request.GET.get("plan"))
    if not is_fragment(request):
        query = request.GET.copy()
        query.pop("plan", None)
        if pk is not None:
            query["working"] = str(pk)
        anchor = f"#plan-{pk}" if pk is not None else ""
        return redirect(f"{reverse('calculator:calculator')}?{query.urlencode()}{anchor}")
    form = ProfileForm.from_query(request.GET)
    found = selectors.ranking_plans(on=timezone.localdate())
    plan = next((p for p in found.plans if p.pk == pk), None)
    lines = None
    if plan is not None and form.is_valid():
        lines = plan_working(plan, form.profile(), found.terms.get(plan.pk))
    status = 200 if lines is not None else 404 if plan is None else 400
    return render(request, "calculator/_working.html", {"lines": lines}, status=status)


def _offer_page(request: HttpRequest) -> tuple[ProfileForm, OfferForm, OfferRow | None, str]:
    """The profile, the offer and the offer priced and checked, for the offer's own pages."""
    form = ProfileForm.from_query(request.GET)
    offer_form = OfferForm(request.GET)
    row = None
    if form.is_valid() and offer_form.offer is not None:
        row = _ranking(form, offer_form, chart_cheapest=0).offer
    query = calculator_query(form, offer_form) if row is not None else typed_query(request.GET)
    return form, offer_form, row, query


@public_page
def offer_check(request: HttpRequest) -> HttpResponse:
    """The offer's checks, questions to ask and dates on a page of their own: to print, or to
    send in WeChat. Without a valid offer, 400 with the calculator to enter one."""
    form, offer_form, row, query = _offer_page(request)
    context = {"form": form, "offer_form": offer_form, "row": row, "query": query}
    return render(request, "calculator/offer.html", context, status=200 if row else 400)


@require_safe
def offer_calendar(request: HttpRequest) -> HttpResponse:
    """The offer's money dates as an iCalendar file (needs ``offer_signed``)."""
    _form, offer_form, row, query = _offer_page(request)
    if row is None or not row.reminders:
        return render(
            request,
            "calculator/offer.html",
            {"form": _form, "offer_form": offer_form, "row": row, "query": query},
            status=400,
        )
    url = site_url(f"{reverse('calculator:offer')}?{query}")
    body = calendar(row.offer, row.reminders, url=url, stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="offer-reminders.ics"'
    return response
