"""Guide pages. Each URL serves the full page or, for htmx, the fragment it swaps in.

Content lives in ``guides.troubleshooting`` and ``guides.apply``; reads in ``guides.selectors``.
Views validate the query string with a form, pick what to show and the status code.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.views.decorators.vary import vary_on_headers

from core.decorators import public_page
from core.htmx import HtmxHttpRequest, is_fragment
from guides import apply, selectors, troubleshooting
from guides.forms import ChecklistForm, CodeSearchForm, TroubleshootForm
from guides.models import LegacyCategory, Party
from guides.sources import sources_for

UNKNOWN_CODE_SHOWN = 40  # characters of an unknown code echoed back


def calculator_url() -> str:
    """The calculator page; by path while the calculator app does not name it yet."""
    try:
        return reverse("calculator:calculator")
    except NoReverseMatch:
        prefix = "/en" if (get_language() or "").startswith("en") else ""
        return f"{prefix}/calculator/"


def _trouble_url(step: str, brand: str) -> str:
    params = {"step": step, "brand": brand} if brand else {"step": step}
    return f"{reverse('guides:troubleshooting')}?{urlencode(params)}"


@public_page
def troubleshooting_view(request: HttpRequest) -> HttpResponse:
    brands = list(selectors.brands_for_support())
    form = TroubleshootForm(request.GET, brands=brands)
    valid = form.is_valid()
    data = form.cleaned_data
    step = troubleshooting.step_get(data.get("step") or troubleshooting.START)
    brand_slug = data.get("brand") or ""
    brand = next((b for b in brands if b.slug == brand_slug), None)

    previous = troubleshooting.step_previous(step)
    context = {
        "form": form,
        "step": step,
        "position": troubleshooting.step_position(step),
        "total": len(troubleshooting.WALK),
        "walk": [(s, _trouble_url(s.slug, brand_slug)) for s in troubleshooting.WALK],
        "symptoms": [(s, _trouble_url(s.step, brand_slug)) for s in troubleshooting.SYMPTOMS],
        "next_url": _trouble_url(step.next, brand_slug) if step.next else "",
        "previous": previous,
        "previous_url": _trouble_url(previous.slug, brand_slug) if previous else "",
        "solved_url": _trouble_url(troubleshooting.SOLVED, brand_slug),
        "support_url": _trouble_url(troubleshooting.SUPPORT, brand_slug),
        "start_url": _trouble_url(troubleshooting.START, brand_slug),
        "codes": troubleshooting.step_codes(step),
        "brand": brand,
        "support_checklist": troubleshooting.SUPPORT_CHECKLIST,
        "support_never": troubleshooting.SUPPORT_NEVER,
        "solved_tips": troubleshooting.SOLVED_TIPS,
        "pboc_hotline": troubleshooting.PBOC_HOTLINE,
        "sources": sources_for(troubleshooting.step_source_keys(step)),
    }
    status = 200 if valid else 400
    if is_fragment(request):
        return render(request, "guides/_trouble_step.html", context, status=status)
    return render(request, "guides/troubleshooting.html", context, status=status)


@public_page
def codes_view(request: HttpRequest) -> HttpResponse:
    form = CodeSearchForm(request.GET)
    query = party = ""
    results = []
    suggestions = []
    if form.is_valid():
        query = form.cleaned_data["q"]
        party = form.cleaned_data["party"]
        results = selectors.code_search(query=query, party=party)
        if query and not results:
            suggestions = selectors.code_suggestions(query=query)
    context = {
        "form": form,
        "query": query,
        "party": party,
        "results": results,
        "suggestions": suggestions,
        "parties": Party.choices,
        "searched": bool(query or party),
        "sources": sources_for(["S28", "S29", "S32", "S33", "S34"]),
    }
    status = 200 if form.is_valid() else 400
    if is_fragment(request):
        return render(request, "guides/_code_results.html", context, status=status)
    return render(request, "guides/codes.html", context, status=status)


@public_page
def code_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    rc = selectors.code_get(code=code)
    if rc is None:
        shown = code[:UNKNOWN_CODE_SHOWN]
        context = {
            "code": shown,
            "suggestions": selectors.code_suggestions(query=shown),
            "form": CodeSearchForm(),
        }
        return render(request, "guides/code_unknown.html", context, status=404)
    if rc.code != code:
        return redirect(rc, permanent=True)
    context = {
        "rc": rc,
        "related": selectors.code_related(rc=rc),
        "legacy_categories": LegacyCategory.choices,
        "sources": sources_for(rc.source_keys),
        "troubleshooting_url": reverse("guides:troubleshooting"),
    }
    return render(request, "guides/code_detail.html", context)


@vary_on_headers("HX-Target")
@public_page
def apply_view(request: HtmxHttpRequest) -> HttpResponse:
    form = ChecklistForm(request.GET)
    valid = form.is_valid()
    merchant_type = form.cleaned_data.get("type") or ""
    if "have" in form.cleaned_data:
        have = set(form.cleaned_data["have"])
    else:  # keep the user's valid ticks next to the message about the unknown one
        have = set(request.GET.getlist("have")) & set(apply.MATERIAL_SLUGS)

    items = apply.materials_for(merchant_type) if merchant_type else []
    required = [m for m, need in items if need == apply.REQUIRED]
    context = {
        "form": form,
        "merchant_type": apply.TYPE_BY_SLUG.get(merchant_type),
        "merchant_types": [
            (t, f"{reverse('guides:apply')}?{urlencode({'type': t.slug})}")
            for t in apply.MERCHANT_TYPES
        ],
        "items": [(m, need, apply.NEED_LABELS[need], m.slug in have) for m, need in items],
        "required_total": len(required),
        "required_ready": sum(1 for m in required if m.slug in have),
        "ticked": len([m for m, _need in items if m.slug in have]),
        "stages": apply.STAGES,
        "flow": apply.ELECTRONIC_FLOW,
        "precautions": apply.PRECAUTIONS,
        "brands": selectors.brands_for_links(),
        "calculator_url": calculator_url(),
        "troubleshooting_url": reverse("guides:troubleshooting"),
        "sources": sources_for(apply.apply_source_keys()),
    }
    status = 200 if valid else 400
    if is_fragment(request):
        if request.htmx.target == "apply-progress":
            return render(request, "guides/_apply_progress.html", context, status=status)
        return render(request, "guides/_apply_checklist.html", context, status=status)
    return render(request, "guides/apply.html", context, status=status)
