"""Site-level views: the home page and the health check."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from calculator import selectors as calculator_selectors
from calculator.forms import ProfileForm
from calculator.ranking import top_plans
from calculator.views import is_fragment_request, typed_query
from catalog import selectors
from catalog.pagecache import cache_public_page

QUICK_FIELDS = ("volume", "preset")


@require_safe
@vary_on_headers("HX-Request")
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    """The home page, with a quick estimate: monthly volume + kind of business → top three."""
    form = ProfileForm.from_query(request.GET)
    top = []
    if form.is_valid():
        found = calculator_selectors.ranking_plans(on=timezone.localdate())
        top = top_plans(plans=found.plans, terms=found.terms, profile=form.profile(), count=3)
        link = f"{reverse('calculator:calculator')}?{form.query(rise=False, pins=False)}"
    else:
        link = f"{reverse('calculator:calculator')}?{typed_query(request.GET)}"
    context = {"quick_form": form, "quick_top": top, "quick_link": link}
    status = 200 if form.is_valid() else 400
    if is_fragment_request(request):
        response = render(request, "_quick_estimate.html", {**context, "oob": True}, status=status)
        query = form.query(rise=False, pins=False) if form.is_valid() else typed_query(request.GET)
        # The home page's own link keeps only what its form asks: volume and kind of business.
        kept = [(k, v) for k, v in parse_qsl(query) if k in QUICK_FIELDS or k.startswith("mix_")]
        push_url(response, f"{reverse('home')}?{urlencode(kept)}")
        return response
    context["brands"] = selectors.brand_list_with_counts()
    return render(request, "home.html", context, status=status)


@require_safe
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view: no database, no template. The load benchmark's yardstick."""
    return HttpResponse("pong", content_type="text/plain")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """429 page, for rate-limited views (django-ratelimit's ``RATELIMIT_VIEW``)."""
    return render(request, "429.html", status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a failed CSRF check, in the visitor's language, saying what to do."""
    return render(request, "403_csrf.html", status=403)
