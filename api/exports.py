"""CSV exports of the comparison (``/compare/export.csv``) and the calculator's ranking
(``/calculator/export.csv``), with the same query string as their pages and what they show: the
chosen horizon, the rows (only the differences with ``diff=1``), the merchant's offer.

The first lines say what it is: the title, the data version and date, the link to the page and
the profile. Every cell is made safe against spreadsheet formulas (``api.csvsafe``). Bad input
answers 400 with the messages, as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from api import csvsafe, dataset
from calculator.forms import OfferForm, ProfileForm
from calculator.ranking import plan_label, ranking_build
from calculator.selectors import ranking_plans
from catalog.tray import compare_url
from compare.comparison import comparison_build
from compare.forms import MAX_PRODUCTS, ComparisonForm
from compare.selectors import comparison_products
from compare.snapshot import ProfileSnapshot
from compare.views import live_snapshot_cached
from core.meta import site_url

RATE_PLACES = Decimal("0.0001")


def _csv(rows: Iterable[Sequence[Any]], *, name: str, status: int = 200) -> HttpResponse:
    # A byte-order mark, so spreadsheets read the Chinese as UTF-8.
    response = HttpResponse(
        "\ufeff" + csvsafe.write(rows), content_type="text/csv; charset=utf-8", status=status
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _problem(messages: Iterable[str], name: str) -> HttpResponse:
    rows = [[_("This export cannot be made:")], *([m] for m in messages)]
    return _csv(rows, name=name, status=400)


def _preamble(request: HttpRequest, title: str, url: str, profile: str) -> list[list[Any]]:
    release = dataset.current()
    return [
        [title],
        [_("Data version"), release.version, _("data as of"), release.data_date.isoformat()],
        [_("Link"), site_url(url)],
        [_("Profile"), profile],
        [_("Licence"), dataset.LICENCE["name"], dataset.LICENCE["url"]],
        [],
    ]


def _errors(form: Any) -> list[str]:
    return [f"{name}: {m}" for name, messages in form.errors.items() for m in messages]


@require_safe
def comparison_csv(request: HttpRequest) -> HttpResponse:
    on = timezone.localdate()
    name = "comparison.csv"
    choice = ComparisonForm.from_query(request.GET)
    form = ProfileForm.from_query(request.GET)
    offer_form = OfferForm(request.GET)
    slugs = choice.slugs
    if choice.is_valid() and len(slugs) <= MAX_PRODUCTS:
        choice.check_known({p.slug for p in comparison_products(slugs=slugs, on=on)})
    if not (choice.is_valid() and form.is_valid() and offer_form.is_valid()):
        return _problem([*choice.messages, *_errors(form), *_errors(offer_form)], name)
    profile = ProfileSnapshot.from_form(form)
    snapshot = replace(
        live_snapshot_cached(slugs=slugs, profile=profile, on=on), offer=offer_form.offer
    )
    comparison = comparison_build(snapshot, diff=choice.only_differences)
    offer = offer_form.offer
    query = f"{profile.query}&{offer.query}" if offer is not None else profile.query
    url = compare_url(slugs, query, diff=choice.only_differences)
    rows: list[list[Any]] = _preamble(request, _("Comparison"), url, profile.label)
    if choice.only_differences:
        rows.insert(4, [_("Only the rows that differ")])
    rows.append(["", *(c.title for c in comparison.columns)])
    for group in comparison.groups:
        if not group.visible:
            continue
        rows.append([group.title])
        for row in group.visible:
            rows.append([row.label, *(_cell_text(c) for c in row.cells)])
    return _csv(rows, name=name)


def _cell_text(cell: Any) -> str:
    parts = [cell.text, cell.note, cell.badge]
    text = " · ".join(p for p in parts if p)
    text = f"{text} ({_('best')})" if cell.best else text
    # Where the figures come from, as the page's marks say it: [代理: source, date].
    for mark in cell.marks:
        where = ", ".join(x for x in (mark.source, mark.date) if x) or mark.note
        text += f" [{mark.text}: {where}]" if where else f" [{mark.text}]"
    return text


@require_safe
def ranking_csv(request: HttpRequest) -> HttpResponse:
    name = "ranking.csv"
    form = ProfileForm.from_query(request.GET)
    offer_form = OfferForm(request.GET)
    if not (form.is_valid() and offer_form.is_valid()):
        return _problem([*_errors(form), *_errors(offer_form)], name)
    found = ranking_plans(on=timezone.localdate())
    ranking = ranking_build(
        plans=found.plans,
        terms=found.terms,
        profile=form.profile(),
        rise=form.rate_rise(),
        offer=offer_form.offer,
    )
    query = form.query(pins=False)
    offer = offer_form.offer
    if offer is not None:
        query = f"{query}&{offer.query}"
    url = f"{reverse('calculator:calculator')}?{query}"
    months = form.profile().months
    rows: list[list[Any]] = _preamble(request, _("Calculator ranking"), url, form.profile_label())
    head = [
        _("Rank"),
        _("Terminal and plan"),
        _("Total over %(months)s months (元)") % {"months": months},
        _("Average a month (元)"),
        _("Effective rate (%)"),
        _("One-off (元)"),
        _("Transaction fees (元)"),
        _("Settlement fees (元)"),
        _("Recurring fees (元)"),
        _("Deposit"),
        _("Estimate"),
        _("Of which market estimates or assumptions (%)"),
    ]
    if ranking.rise is not None:
        head.append(_("Total if rates rise (元)"))
    rows.append(head)

    def figures(e: Any) -> list[Any]:
        return [
            e.total,
            e.monthly_average,
            e.effective_rate.quantize(RATE_PLACES) if e.effective_rate is not None else None,
            e.one_off,
            e.transaction_fees,
            e.settlement_fees,
            e.recurring_fees,
        ]

    if ranking.offer is not None and ranking.offer.estimate.supported:
        o = ranking.offer
        extra = [o.risen.total if o.risen else None] if ranking.rise is not None else []
        rows.append(["—", o.offer.label, *figures(o.estimate), o.deposit_text, "", "", *extra])
    for r in ranking.rows:
        extra = [r.risen.total if r.risen else None] if ranking.rise is not None else []
        rows.append(
            [
                r.position,
                plan_label(r.plan),
                *figures(r.estimate),
                r.deposit_text,
                _("yes") if r.plan.is_estimate else "",
                r.estimated_share if r.estimated_share is not None else "",
                *extra,
            ]
        )
    for u in ranking.unsupported:
        rows.append(["—", plan_label(u.plan), " · ".join(str(x) for x in u.reasons)])
    return _csv(rows, name=name)
