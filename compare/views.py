"""Comparison pages: ``/compare/``, share links ``/s/<code>/`` (with ``qr.svg``) and the sales
staff's list of their links.

``/compare/?products=a,b&<profile>`` is live: today's fees, the profile editable in place (htmx
swaps the results; the address bar follows). "Share" posts the same fields to
``/compare/share/``, which saves a quote and redirects to it. Reads go through ``selectors``,
the table is built in ``calculator.comparison``, writes are in ``services``.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

import segno
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from calculator.forms import OfferForm, ProfileForm
from calculator.ranking import product_title
from catalog.tray import compare_url
from compare import selectors, services
from compare.comparison import Comparison, comparison_build, live_snapshot
from compare.forms import MAX_PRODUCTS, ComparisonForm
from compare.sharing import (
    counts_as_view,
    fee_update,
    link_row,
    snapshot_figures,
)
from compare.snapshot import ProfileSnapshot, Snapshot, read_snapshot
from core.cache import CacheUnavailable
from core.decorators import public_page
from core.freshness import fee_data_version
from core.htmx import is_fragment, typed_query
from core.meta import PageMeta, site_url
from core.pagecache import cache_public_page
from core.twofactor import is_verified
from core.views import too_many_requests

SESSION_MADE = "shared_made"  # codes made in this browser session: their views are not counted
LOOKUP_LIMIT = 12  # slugs looked up at most (more is an error anyway)
SNAPSHOT_SECONDS = 60 * 60


def share_rate(group: str, request: HttpRequest) -> str:
    """Share links a client may make: more for signed-in staff than for anonymous visitors."""
    if is_verified(request):  # signed in with both factors
        return str(settings.SHARE_RATE_STAFF)
    return str(settings.SHARE_RATE_ANONYMOUS)


# ---------------------------------------------------------------------- /compare/


def live_snapshot_cached(*, slugs: list[str], profile: ProfileSnapshot, on: Any) -> Snapshot:
    """Today's snapshot of these products for this profile (unknown slugs left out), from the
    cache when the same comparison was made since the fee data last changed: the fee-data
    version and the day are in the key, so a saved fee change is seen on the next request."""
    inputs = json.dumps([slugs, profile.to_json() | {"query": ""}], sort_keys=True)
    digest = hashlib.sha256(inputs.encode()).hexdigest()
    key = f"compare-snapshot:{fee_data_version()}:{on.isoformat()}:{digest}"
    data = cache.get(key)
    if data is None:
        products = selectors.comparison_products(slugs=slugs, on=on)
        data = live_snapshot(products=products, profile=profile, on=on)
        cache.set(key, data, timeout=SNAPSHOT_SECONDS)
    return read_snapshot(data)


def _comparison_context(params: QueryDict, *, on: Any) -> tuple[dict[str, Any], bool]:
    """Everything the comparison page shows for ``params``, and whether the input is valid."""
    choice = ComparisonForm.from_query(params)
    form = ProfileForm.from_query(params)
    offer_form = OfferForm(params)
    slugs = choice.slugs
    profile = ProfileSnapshot.from_form(form) if form.is_valid() else None
    comparison: Comparison | None = None
    chosen: list[Any]
    if profile is not None and slugs and len(slugs) <= MAX_PRODUCTS:
        # Shown also with a product problem (one product, an unknown one): what is known.
        snapshot = replace(
            live_snapshot_cached(slugs=slugs, profile=profile, on=on), offer=offer_form.offer
        )
        chosen = list(snapshot.products)
        if chosen:
            comparison = comparison_build(snapshot, diff=choice.only_differences)
    else:
        chosen = selectors.comparison_products(slugs=slugs[:LOOKUP_LIMIT], on=on)
    known = [p.slug for p in chosen]
    if choice.given:
        choice.check_known(set(known))
    valid = form.is_valid() and offer_form.is_valid() and (choice.is_valid() or not choice.given)
    more = (
        "preset",
        "ticket",
        "settlement",
        "spm",
        "__all__",
        *form.MIX_FIELDS,
        *form.TICKET_FIELDS,
    )
    stress = ("rise", "rise_to", "rise_fixed", "rise_after")
    offer = offer_form.offer
    query = profile.query if profile is not None else ""
    context = {
        "form": form,
        "offer_form": offer_form,
        # The profile and the offer as link fields, for the page's own links.
        "query": f"{query}&{offer.query}" if query and offer is not None else query,
        "choice": choice,
        "comparison": comparison,
        "chosen": chosen,
        "picker": [p for p in selectors.products_to_pick() if p.slug not in known],
        "profile": profile,
        "slugs": known,
        "diff": choice.only_differences,
        "can_share": valid and choice.given,
        "max_products": MAX_PRODUCTS,
        # Open the folded parts of the profile form where a field needs correcting.
        "open_more": any(name in form.errors for name in more),
        "open_stress": bool(form.shown["rise"]) or any(name in form.errors for name in stress),
    }
    return context, valid


def _links(context: dict[str, Any]) -> dict[str, str]:
    """The page's own links: with and without "only show differences", and per product the
    comparison without it."""
    query = context["query"]
    slugs = context["slugs"]
    share = f"{reverse('compare:share')}?products={','.join(slugs)}"
    own = compare_url(slugs, query, diff=context["diff"])
    return {
        "all": compare_url(slugs, query),
        "diff": compare_url(slugs, query, diff=True),
        "self": own,
        "share": f"{share}&{query}" if query else share,
        # The same comparison as a CSV file (the export, api/exports.py).
        "csv": f"{reverse('api:export_comparison')}?{own.split('?', 1)[1]}",
    }


@public_page
def compare(request: HttpRequest) -> HttpResponse:
    on = timezone.localdate()
    context, valid = _comparison_context(request.GET, on=on)
    context["links"] = _links(context)
    context["removals"] = _removals(context)
    comparison = context["comparison"]
    context["meta"] = PageMeta(
        title=_("Compare: %(names)s") % {"names": " · ".join(c.title for c in comparison.columns)}
        if comparison
        else _("Compare terminals"),
        description=_(
            "Side by side: what each terminal costs you, its fees, settlement, contract, "
            "hardware and licence, with the best value in each row marked."
        ),
    )
    status = 200 if valid else 400
    if is_fragment(request):
        # The product chips are swapped only when this request changed them: a profile update
        # that leaves them alone must not replace the remove buttons, or a click on one made
        # while that update was on its way would lose which button it was (htmx forgets a
        # clicked button that has left the page).
        sent = request.GET.getlist("products")
        changed = bool(request.GET.get("add") or request.GET.get("remove"))
        context["oob_products"] = changed or sent != [",".join(context["slugs"])]
        response = render(request, "compare/_results.html", {**context, "oob": True}, status=status)
        # The address bar gets the link: the products asked for (with "add"/"remove" applied)
        # and the cleaned profile; what was typed while a profile field needs correcting.
        if valid or context["profile"] is not None and context["offer_form"].is_valid():
            url = compare_url(context["choice"].slugs, context["query"], diff=context["diff"])
        else:
            url = f"{reverse('compare:compare')}?{typed_query(request.GET)}"
        push_url(response, url)
        return response
    return render(request, "compare/compare.html", context, status=status)


def _removals(context: dict[str, Any]) -> list[tuple[str, str]]:
    """Each chosen product's title and slug (for its remove button)."""
    return [(product_title(p), p.slug) for p in context["chosen"]]


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
@ratelimit(  # type: ignore[untyped-decorator]  # django-ratelimit is untyped
    key="ip", rate=share_rate, method="POST", block=True
)
def share(request: HttpRequest) -> HttpResponse:
    """POST: save the comparison in the form as a share link and go to it (303).

    GET: the form that makes the link, for the comparison in the query. It is kept out of the
    comparison page, which is the same for every visitor and served from the page cache, because
    it carries the visitor's CSRF token: htmx loads it into the page once the page has loaded;
    without JavaScript the page links here and this is a small page of its own.
    """
    on = timezone.localdate()
    if request.method != "POST":
        return _share_form(request)
    context, valid = _comparison_context(request.POST, on=on)
    if not valid or not context["choice"].given:
        context["links"] = _links(context)
        context["removals"] = _removals(context)
        return render(request, "compare/compare.html", context, status=400)
    shared = services.comparison_share(
        slugs=context["slugs"], params=request.POST, user=request.user, on=on
    )
    made = request.session.get(SESSION_MADE, [])
    request.session[SESSION_MADE] = [*made[-49:], shared.code]
    return HttpResponseRedirect(shared.get_absolute_url(), status=303)


def _share_form(request: HttpRequest) -> HttpResponse:
    """The share form for the comparison in the query string (checked again when posted)."""
    choice = ComparisonForm.from_query(request.GET)
    form = ProfileForm.from_query(request.GET)
    offer = OfferForm(request.GET)
    valid = form.is_valid() and choice.is_valid() and offer.is_valid()
    context: dict[str, Any] = {
        "choice": choice,
        "form": form,
        "slugs": choice.slugs,
        "profile": ProfileSnapshot.from_form(form) if form.is_valid() else None,
        "offer_pairs": parse_qsl(offer.offer.query) if offer.offer else [],
        "valid": valid,
    }
    status = 200 if valid else 400
    if is_fragment(request):
        return render(request, "compare/_share_form.html", context, status=status)
    if valid:
        offer_query = offer.offer.query if offer.offer else ""
        query = "&".join(q for q in (context["profile"].query, offer_query) if q)
        context["back"] = compare_url(choice.slugs, query)
    return render(request, "compare/share.html", context, status=status)


# ---------------------------------------------------------------------- /s/<code>/


def current_figures(shared: Any, *, on: Any) -> dict[str, Any]:
    """Today's figures for a shared comparison's products and profile (the snapshot of today
    is cached until the fee data changes, like the live page's)."""
    stored = read_snapshot(shared.snapshot)
    today = live_snapshot_cached(slugs=stored.slugs, profile=stored.profile, on=on)
    return snapshot_figures(today)


# Codes of the share links this browser has been counted for (a cookie that lasts as long as the
# browser session): a reload or a second visit in the same session is not another view.
SEEN_COOKIE = "shared_seen"
SEEN_MAX = 30


def _seen(request: HttpRequest) -> list[str]:
    return [c for c in request.COOKIES.get(SEEN_COOKIE, "").split(".") if c.isalnum()][-SEEN_MAX:]


def _guessing(request: HttpRequest) -> bool:
    """Whether this client asked for too many codes that do not exist. Unlike share posts this
    fails open: while the cache cannot count, a mistyped link still gets its 404 page."""
    try:
        return bool(
            is_ratelimited(
                request,
                group="shared-missing",
                key="ip",
                rate=settings.SHARE_MISS_RATE,
                increment=True,
            )
        )
    except CacheUnavailable:
        return False


@require_safe
def shared(request: HttpRequest, code: str) -> HttpResponse:
    """A shared comparison. The view is counted here, once per browser session; the page itself
    comes from the page cache (it changes only with the fee data, the day and the language).
    Codes that do not exist are rate-limited per client (``SHARE_MISS_RATE``): guessing codes
    gets a 429 soon."""
    link = selectors.shared_comparison(code=code)
    if link is None:
        if _guessing(request):
            return too_many_requests(request)
        return render(request, "compare/shared_missing.html", {"code": code}, status=404)
    seen = _seen(request)
    by_creator = (
        request.user.is_authenticated and link.creator_id == request.user.pk
    ) or link.code in request.session.get(SESSION_MADE, [])
    counted = link.code not in seen and counts_as_view(
        method=request.method or "",
        user_agent=request.headers.get("User-Agent", ""),
        fragment=is_fragment(request),
        by_creator=by_creator,
    )
    if counted:
        services.shared_comparison_viewed(shared=link)
    response = _shared_page(request, link)
    if counted:
        response.set_cookie(
            SEEN_COOKIE,
            ".".join([*seen, link.code][-SEEN_MAX:]),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


@cache_public_page
def _shared_page(request: HttpRequest, link: Any) -> HttpResponse:
    on = timezone.localdate()
    choice = ComparisonForm.from_query({"diff": request.GET.get("diff", "")})
    comparison = comparison_build(read_snapshot(link.snapshot), diff=choice.only_differences)
    update = fee_update(comparison, current_figures(link, on=on))
    page_url = link.get_absolute_url()
    cheapest = comparison.cheapest
    context = {
        "link": link,
        "comparison": comparison,
        "update": update,
        "shared_url": site_url(page_url),
        "links": {
            "all": page_url,
            "diff": f"{page_url}?diff=1",
            "self": f"{page_url}?diff=1" if choice.only_differences else page_url,
            "live": compare_url(comparison.snapshot.slugs, comparison.profile.query),
        },
        "diff": choice.only_differences,
        "today": on,
        "meta": PageMeta(
            title=_("%(names)s: cost compared")
            % {"names": " · ".join(c.title for c in comparison.columns)},
            description=(
                _("For %(profile)s, cheapest: %(name)s, %(total)s 元 in total.")
                % {
                    "profile": comparison.profile.label,
                    "name": cheapest.title,
                    "total": f"{cheapest.total:,.2f}",
                }
                if cheapest is not None
                else comparison.profile.label
            )
            + " "
            + _("Quote of %(day)s with its fees, sources and the dates they were checked.")
            % {"day": link.created.date().isoformat()},
        ),
    }
    return render(request, "compare/shared.html", context)


@require_safe
def shared_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code of a share link, as SVG (its address in the current language)."""
    link = selectors.shared_comparison(code=code)
    if link is None:
        return render(request, "compare/shared_missing.html", {"code": code}, status=404)
    qr = segno.make(site_url(link.get_absolute_url()), error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=6, border=2, xmldecl=False, title=_("QR code"))
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# ---------------------------------------------------------------------- my links


@require_safe
def my_links(request: HttpRequest) -> HttpResponse:
    """A sales user's share links, newest first. Needs the "view shared comparison" permission
    (the "sales" group has it); anonymous visitors are sent to sign in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    if not request.user.has_perm("compare.view_sharedcomparison"):
        raise PermissionDenied
    number = request.GET.get("page") or 1
    page = selectors.shared_links_page(user=request.user, number=number)
    rows = [link_row(link) for link in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "base": site_url(""),
        "meta": PageMeta(title=_("My share links"), description=""),
    }
    return render(request, "compare/my_links.html", context)
