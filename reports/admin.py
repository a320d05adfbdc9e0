"""Moderation: fee editors accept or reject new reports (with a reason) and look at flags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.admin import HistoryAdmin
from reports.models import Flag, Report, ReportChange, ReportRate

if TYPE_CHECKING:
    _RateInline = admin.TabularInline[ReportRate, Report]
    _ChangeInline = admin.TabularInline[ReportChange, Report]
    _FlagInline = admin.TabularInline[Flag, Report]
else:
    _RateInline = _ChangeInline = _FlagInline = admin.TabularInline

REJECT_REASONS = {
    "reject_implausible": _("Figures not plausible"),
    "reject_duplicate": _("Duplicate"),
    "reject_spam": _("Spam or advertising"),
}


class RateInline(_RateInline):
    model = ReportRate
    extra = 0


class ChangeInline(_ChangeInline):
    model = ReportChange
    extra = 0


class FlagInline(_FlagInline):
    model = Flag
    extra = 0
    fields = ("reason", "status", "created")
    readonly_fields = ("reason", "created")


def _moderate(request: HttpRequest, queryset: QuerySet[Report], status: str, reason: str) -> None:
    count = 0
    for report in queryset:  # one save each: the history records every decision
        report.status = status
        report.reason = reason
        report.save(update_fields=["status", "reason"])
        count += 1
    messages.success(
        request, ngettext("%(n)d report updated.", "%(n)d reports updated.", count) % {"n": count}
    )


def _reject(code: str, reason: Any) -> Any:
    """A bulk action rejecting the selected reports with ``reason``."""

    def action(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        _moderate(request, queryset, Report.Status.REJECTED, str(reason))

    action.__name__ = code
    return admin.action(description=format_lazy("{}: {}", _("Reject"), reason))(action)


@admin.register(Report)
class ReportAdmin(HistoryAdmin):
    list_display = (
        "pk",
        "subject",
        "province",
        "tier",
        "is_seller",
        "status",
        "open_flags",
        "created",
    )
    list_filter = ("status", "tier", "is_seller", "province")
    search_fields = ("product__name", "product__slug", "brand__name", "note")
    readonly_fields = ("client", "created", "tier", "proof_method", "proof_amount", "proof_fee")
    inlines = (RateInline, ChangeInline, FlagInline)
    actions = ("accept", *(_reject(code, reason) for code, reason in REJECT_REASONS.items()))
    list_select_related = ("product__brand", "brand")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        queryset: QuerySet[Report] = super().get_queryset(request)
        open_flags = Count("flags", filter=Q(flags__status=Flag.Status.OPEN))
        return queryset.annotate(open_flag_count=open_flags)

    @admin.display(description=_("terminal"))
    def subject(self, obj: Report) -> str:
        if obj.product:
            return str(obj.product)
        return f"{obj.brand} · {obj.get_kind_display()}"

    @admin.display(description=_("open flags"), ordering="open_flag_count")
    def open_flags(self, obj: Any) -> int:
        return int(obj.open_flag_count)

    @admin.action(description=_("Accept the selected reports"))
    def accept(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        _moderate(request, queryset, Report.Status.ACCEPTED, "")


@admin.register(Flag)
class FlagAdmin(HistoryAdmin):
    list_display = ("pk", "report", "reason", "status", "created")
    list_filter = ("status",)
    readonly_fields = ("report", "reason", "client", "created")
    actions = ("uphold", "dismiss")

    @admin.action(description=_("Uphold: withdraw the report"))
    def uphold(self, request: HttpRequest, queryset: QuerySet[Flag]) -> None:
        for flag in queryset.select_related("report"):
            flag.status = Flag.Status.UPHELD
            flag.save(update_fields=["status"])
            flag.report.status = Report.Status.REJECTED
            flag.report.reason = str(_("Withdrawn after a visitor's flag"))
            flag.report.save(update_fields=["status", "reason"])

    @admin.action(description=_("Dismiss the selected flags"))
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Flag]) -> None:
        for flag in queryset:
            flag.status = Flag.Status.DISMISSED
            flag.save(update_fields=["status"])
