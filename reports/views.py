"""Fee report pages: the report form (from a product page, the offer check or a statement
check-up), its thank-you page, and a visitor's flag on a shown report."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from reports import services
from reports.forms import ChangeFormSet, FlagForm, ReportForm, initial_from_query
from reports.models import Report

REPORT_RATE = "5/h"
FLAG_RATE = "20/h"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(  # type: ignore[untyped-decorator]  # django-ratelimit is untyped
    key="ip", rate=REPORT_RATE, method="POST", block=True
)
def new(request: HttpRequest) -> HttpResponse:
    """GET: the form, first values from the link. POST: check and store the report (status
    new), or the form again with each problem at its field (400, nothing typed lost)."""
    if request.method != "POST":
        form = ReportForm(initial=initial_from_query(request.GET))
        return _page(request, form, ChangeFormSet(prefix="change"))
    form = ReportForm(request.POST)
    changes = ChangeFormSet(request.POST, prefix="change")
    if form.is_valid() and changes.is_valid():
        client = services.client_key(request)
        if services.is_duplicate(form.cleaned_data, form.rates, client):
            form.add_error(None, _("You have already sent these figures for this terminal."))
        else:
            report = services.submit(
                form.cleaned_data,
                form.rates,
                [c.cleaned_data for c in changes if c.filled],
                tier=form.tier,
                client=client,
            )
            messages.success(request, _("Thank you: an editor checks the report before it counts."))
            return redirect("reports:thanks", pk=report.pk)
    return _page(request, form, changes, status=400)


def _page(
    request: HttpRequest, form: ReportForm, changes: object, status: int = 200
) -> HttpResponse:
    return render(request, "reports/new.html", {"form": form, "changes": changes}, status=status)


@never_cache
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("product", "brand"), pk=pk)
    return render(request, "reports/thanks.html", {"report": report})


@never_cache
@require_POST
@ratelimit(  # type: ignore[untyped-decorator]  # django-ratelimit is untyped
    key="ip", rate=FLAG_RATE, method="POST", block=True
)
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    """A visitor's "这条不对" on an accepted report; back to the page it was on."""
    report = get_object_or_404(Report, pk=pk, status=Report.Status.ACCEPTED)
    form = FlagForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/flag.html", {"form": form, "report": report}, status=400)
    services.flag(report, form.cleaned_data["reason"], services.client_key(request))
    messages.success(request, _("Thank you: an editor will look at this report again."))
    subject = report.product or report.brand  # one of them is set (a constraint)
    target = subject.get_absolute_url() if subject else "/"
    return redirect(f"{target}#fee-reports")
