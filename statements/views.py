"""The statement check-up pages: ``/statement/`` (upload → what the statement says, every plan
priced on its payments, the audit), the template downloads, and the evidence pack (print view
and CSV) from a signed link of aggregates.

The upload is read in memory (``InMemoryStatementUpload``: never a temporary file) and thrown
away with the request; nothing of it is logged, cached or stored.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from django.core.files.uploadhandler import MemoryFileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from calculator import selectors as calculator_selectors
from calculator.forms import OfferForm
from statements import selectors, services
from statements.files import MAX_BYTES, rows_of
from statements.forms import StatementForm, assigned, method_choices
from statements.readers import ReadError
from statements.readers.template import EXAMPLE, HEADER

SLACK = 64 * 1024  # the multipart envelope and the form's other fields


class InMemoryStatementUpload(MemoryFileUploadHandler):
    """Keeps the upload in memory whatever its size up to 20 MB (Django's default handlers
    write uploads over 2.5 MB to a temporary file), and stops reading beyond it."""

    too_big = False

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, *args: Any, **kwargs: Any
    ) -> None:
        self.activated = True
        self.too_big = content_length > MAX_BYTES + SLACK

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.too_big or start + len(raw_data) > MAX_BYTES:
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


def upload(request: HttpRequest) -> tuple[bytes | None, InMemoryStatementUpload]:
    """Install the in-memory handler (before the body is read) and return the file's bytes."""
    handler = InMemoryStatementUpload(request)
    request.upload_handlers = [handler]
    uploaded = request.FILES.get("file")
    data = uploaded.read() if uploaded is not None else None
    return data, handler


def preview(data: bytes) -> list[list[str]]:
    """The first rows of a file for the mapping step, card numbers masked."""
    try:
        rows = rows_of(data)[:8]
    except ReadError:
        return []
    return [[services.mask(c)[:40] for c in row[:20]] for row in rows]


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def statement(request: HttpRequest) -> HttpResponse:
    data, handler = upload(request) if request.method == "POST" else (None, None)
    return _statement(request, data, handler)


@csrf_protect
def _statement(
    request: HttpRequest, data: bytes | None, handler: InMemoryStatementUpload | None
) -> HttpResponse:
    brands = list(selectors.brands_with_hotline())
    source = request.POST if request.method == "POST" else request.GET
    # The mapping may come from the link (map_*, unit_*, header), the form overrides it.
    merged = request.GET.copy()
    for key in source:
        merged.setlist(key, source.getlist(key))
    form = StatementForm(merged, request.FILES or None, brands=brands)
    offer_form = OfferForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "offer_form": offer_form,
        "method_choices": method_choices(),
        "query": request.GET.urlencode(),
    }
    if request.method != "POST":
        context["form"] = StatementForm(brands=brands, initial=request.GET.dict())
        return render(request, "statements/statement.html", context)
    status = 400
    if handler is not None and handler.too_big:
        context["error"] = services.error_message(ReadError("too_big"))
        return render(request, "statements/statement.html", context, status=413)
    if data is None:
        context["error"] = _("Choose a statement file to check.")
        return render(request, "statements/statement.html", context, status=status)
    if not data.strip():
        context["error"] = services.error_message(ReadError("empty"))
        return render(request, "statements/statement.html", context, status=status)
    if not form.is_valid():
        return render(request, "statements/statement.html", context, status=status)
    brand = next((b for b in brands if b.slug == form.cleaned_data.get("brand")), None)
    found = calculator_selectors.ranking_plans(on=timezone.localdate())
    try:
        analysis = services.analyse(
            data,
            plans=found.plans,
            terms=found.terms,
            offer=offer_form.offer,
            instant=form.cleaned_data["instant"],
            mapping=form.mapping() or None,
            units=form.units(),
            header_row=form.cleaned_data.get("header"),
            assign=assigned(source),
        )
    except ReadError as error:
        context["error"] = services.error_message(error)
        if isinstance(error, services.MethodsUnknown):
            context["unknown_methods"] = error.unknown
        if error.code in ("no_header", "mapping_incomplete"):
            context["mapping"] = True
            context["preview"] = preview(data)
        return render(request, "statements/statement.html", context, status=status)
    del data
    token = services.result_token(analysis)
    link_pairs = [(k, v) for k, v in request.GET.items()]
    link_pairs += [p for p in form.mapping_query() if p[0] not in request.GET]
    context.update(
        analysis=analysis,
        unknown_methods=analysis.unknown_methods,
        brand=brand,
        token=token,
        mapping_link=urlencode(link_pairs),
        compare_products=",".join(dict.fromkeys(r.plan.product.slug for r in analysis.plans[:3])),
    )
    return render(request, "statements/statement.html", context)


@require_safe
def template_csv(request: HttpRequest) -> HttpResponse:
    """Our template, with example rows, as CSV (UTF-8 with BOM so Excel shows the Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(EXAMPLE)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statement-template.csv"'
    return response


@require_safe
def template_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADER))
    for row in EXAMPLE:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="statement-template.xlsx"'
    return response


def _evidence_data(request: HttpRequest) -> dict[str, Any] | None:
    return services.read_token(request.GET.get("r", ""))


@require_safe
def evidence(request: HttpRequest) -> HttpResponse:
    """The evidence pack (A4 print view): monthly figures and findings, no row."""
    data = _evidence_data(request)
    if data is None:
        return render(request, "statements/evidence.html", {"data": None}, status=400)
    return render(request, "statements/evidence.html", {"data": data, "token": request.GET["r"]})


@require_safe
def evidence_csv(request: HttpRequest) -> HttpResponse:
    """The monthly figures and the findings as CSV — never the raw rows."""
    data = _evidence_data(request)
    if data is None:
        return HttpResponse(_("This link is not valid."), status=400, content_type="text/plain")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Month"), _("Volume (元)"), _("Payments"), _("Fees charged (元)")])
    paid = (data.get("paid") or {}).get("by_month", {})
    for month in data["months"]:
        writer.writerow(
            [month["month"], month["volume"], month["payments"], paid.get(month["month"], "")]
        )
    writer.writerow([])
    writer.writerow(
        [
            _("Finding"),
            _("Method"),
            _("From"),
            _("To"),
            _("Payments"),
            _("Amount (元)"),
            _("How it was worked out"),
        ]
    )
    for f in data["findings"]:
        writer.writerow(
            [
                f["code"],
                f["method"] or "",
                f["date_from"],
                f["date_to"],
                f["payments"],
                f["amount"],
                f["detail"],
            ]
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statement-evidence.csv"'
    return response
