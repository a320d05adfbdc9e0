"""``POST /api/v1/statements/``: the statement check-up as JSON (a plain Django view; the JSON
is ``services.analysis_json``, the same figures as the page).

Multipart field ``file``; optional, as in the link format: ``settlement=instant``, the offer's
``offer_*`` fields (the contract for ``above_contract``), the mapping ``map_<role>``,
``unit_<role>``, ``header`` and ``assign:<value>``. No cookies, no CSRF (nothing is stored and
no session is read), rate-limited per client (``STATEMENT_API_RATE``). Errors: ``{"error":
code, "message", "row", "column"}`` with 400 (413 over 20 MB).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from calculator import selectors as calculator_selectors
from calculator.forms import OfferForm
from statements import services
from statements.forms import StatementForm, assigned
from statements.readers import ReadError
from statements.views import upload


def api_rate(group: str, request: HttpRequest) -> str:
    return str(settings.STATEMENT_API_RATE)


def _error(error: ReadError, status: int = 400, **extra: Any) -> JsonResponse:
    body = {
        "error": error.code,
        "message": services.error_message(error),
        "row": error.row,
        "column": error.column,
        **extra,
    }
    return JsonResponse(body, status=status)


@csrf_exempt
@require_POST
@ratelimit(  # type: ignore[untyped-decorator]  # django-ratelimit is untyped
    key="ip", rate=api_rate, method="POST", block=True
)
def statements_api(request: HttpRequest) -> HttpResponse:
    data, handler = upload(request)
    if handler.too_big:
        return _error(ReadError("too_big"), status=413)
    if not data or not data.strip():
        return _error(ReadError("empty"))
    form = StatementForm(request.POST, request.FILES)
    form.is_valid()
    offer_form = OfferForm(request.POST)
    if offer_form.present and offer_form.offer is None:
        errors = {k: [str(m) for m in v] for k, v in offer_form.errors.items()}
        return JsonResponse({"error": "offer", "fields": errors}, status=400)
    found = calculator_selectors.ranking_plans(on=timezone.localdate())
    try:
        analysis = services.analyse(
            data,
            plans=found.plans,
            terms=found.terms,
            offer=offer_form.offer,
            instant=request.POST.get("settlement") == "instant",
            mapping=form.mapping() or None,
            units=form.units(),
            header_row=form.cleaned_data.get("header"),
            assign=assigned(request.POST),
        )
    except services.MethodsUnknown as error:
        return _error(error, unknown_methods=error.unknown)
    except ReadError as error:
        return _error(error)
    return JsonResponse(services.analysis_json(analysis))
