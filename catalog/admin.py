"""Admin for fee data. A wrong or lost edit means a merchant is quoted the wrong price, so:

- fee changes are new plan *versions* (a draft copy, edited, then published), and the numbers
  of a plan that has been in force change only as a correction with a reason;
- every change is in the audit history (django-simple-history), rates with their plan;
- edit forms carry an edit number, and a save based on an outdated form is refused;
- data checks run on save (errors stop it, warnings are shown) and filter the plan list;
- plans with their rates import and export as CSV/XLSX (django-import-export), all or nothing.

Dates: "today" is read here, in the admin (the view layer), and passed into the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin

from catalog import checks, datacheck, services
from catalog.models import Brand, Feature, Penalty, Plan, PlanQuerySet, Product, Rate
from catalog.resources import PlanResource
from catalog.terms import RATE_TERM_NAMES, TERM_GROUPS, figure_keys, figure_provenance
from core.imports import ImportExpired

# Django's admin, form and formset classes (and django-import-export's admin mixin) are generic
# only in their stubs: they cannot be subscripted at run time, so only mypy sees the models.
if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    _ModelForm = forms.ModelForm[Any]
    _PenaltyInline = admin.TabularInline[Penalty, Brand]
    _PlanInline = admin.TabularInline[Plan, Product]
    _RateInline = admin.TabularInline[Rate, Plan]
    _RateFormSet = BaseInlineFormSet[Rate, Plan, forms.ModelForm[Rate]]
    _PlanImportExport = ImportExportMixin[Plan]
else:
    _ModelForm = forms.ModelForm
    _PenaltyInline = _PlanInline = _RateInline = admin.TabularInline
    _RateFormSet = BaseInlineFormSet
    _PlanImportExport = ImportExportMixin

MSG_STALE_FORM = _(
    "“%(object)s” was saved by %(user)s at %(time)s, after you opened this page. Your changes "
    "were NOT saved, so that theirs are not overwritten. Open the page again to see the "
    "current values, then make your change again."
)
MSG_STALE_FORM_UNKNOWN = _(
    "“%(object)s” was changed by someone else after you opened this page. Your changes were "
    "NOT saved, so that theirs are not overwritten. Open the page again to see the current "
    "values, then make your change again."
)
CORRECTION_HELP = _(
    "Needed only to change the numbers of a plan that has already been in force: say what was "
    "wrong and where the right figure comes from. It is kept in the history."
)


def today() -> Any:
    return timezone.localdate()


# --- Optimistic locking ------------------------------------------------------------------------


class LockedModelForm(_ModelForm):
    """A model form that refuses to save over a change made after it was opened.

    The form carries the object's ``lock_version`` in a hidden field; every save bumps the stored
    number (``LockVersioned.save``). On save the row is locked (inside the admin's transaction)
    and the numbers compared: a mismatch means someone else saved in between.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "lock_version" in self.fields:
            self.fields["lock_version"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())  # a model form's clean returns the data
        instance = self.instance
        if instance.pk is None or "lock_version" not in self.fields:
            return cleaned
        submitted = cleaned.get("lock_version")
        model = type(instance)
        with transaction.atomic():
            stored = (
                model._default_manager.select_for_update()
                .filter(pk=instance.pk)
                .values_list("lock_version", flat=True)
                .first()
            )
        if stored is not None and submitted is not None and submitted != stored:
            raise self.stale_error()
        return cleaned

    def stale_error(self) -> ValidationError:
        instance = self.instance
        latest = instance.history.select_related("history_user").first()
        if latest is None or latest.history_user is None:
            return ValidationError(
                MSG_STALE_FORM_UNKNOWN, code="stale", params={"object": str(instance)}
            )
        return ValidationError(
            MSG_STALE_FORM,
            code="stale",
            params={
                "object": str(instance),
                "user": latest.history_user.get_username(),
                "time": date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT"),
            },
        )


# Source links are web pages: a URL typed without its scheme is https (Django 6's default).
URL_FIELDS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class HistoryAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    """Audit history for every catalog model: who, when, what changed (before → after), why."""

    history_list_display: list[str] = []
    formfield_overrides = URL_FIELDS


# --- Brands, products, features, penalties --------------------------------------------------


class PenaltyInline(_PenaltyInline):
    model = Penalty
    extra = 0
    formfield_overrides = URL_FIELDS


@admin.register(Brand)
class BrandAdmin(HistoryAdmin):
    form = LockedModelForm
    list_display = ["name", "name_en", "slug", "kind", "licence_number", "hotline"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug", "legal_name", "licence_number"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [PenaltyInline]


@admin.register(Penalty)
class PenaltyAdmin(HistoryAdmin):
    list_display = ["brand", "announced", "authority", "amount"]
    list_filter = ["brand"]
    search_fields = ["summary", "summary_en", "authority", "brand__name"]


@admin.register(Feature)
class FeatureAdmin(HistoryAdmin):
    list_display = ["code", "name", "name_en", "category"]
    list_filter = ["category"]
    search_fields = ["code", "name", "name_en"]


PLAN_INLINE_FIELDS = ("name", "valid_from", "valid_to", "is_draft", "verified_on", "is_estimate")


class PlanInline(_PlanInline):
    """The product's plans at a glance; plans are edited on their own page (versions, checks)."""

    model = Plan
    fields = PLAN_INLINE_FIELDS
    readonly_fields = PLAN_INLINE_FIELDS
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Product)
class ProductAdmin(HistoryAdmin):
    form = LockedModelForm
    list_display = ["name", "brand", "kind", "status", "nfc", "camera_scanner", "printer"]
    list_filter = ["kind", "status", "brand", "nfc", "camera_scanner", "printer", "network_4g"]
    search_fields = ["name", "name_en", "slug", "model_number", "brand__name", "brand__name_en"]
    list_select_related = ["brand"]
    autocomplete_fields = ["brand"]
    filter_horizontal = ["features"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [PlanInline]


# --- Plans ---------------------------------------------------------------------------------------


class PlanStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(Plan.Status.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Plan]) -> QuerySet[Plan]:
        day = today()
        value = self.value()
        plans = cast(PlanQuerySet, queryset)  # the admin's queryset is Plan.objects'
        if value == Plan.Status.CURRENT:
            return plans.current(on=day)
        if value == Plan.Status.SCHEDULED:
            return plans.scheduled(on=day)
        if value == Plan.Status.EXPIRED:
            return plans.expired(on=day)
        if value == Plan.Status.DRAFT:
            return plans.drafts()
        return queryset


class DataCheckFilter(admin.SimpleListFilter):
    title = _("data check")
    parameter_name = "check"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("any", _("Any warning")), *checks.WARNING_LABELS.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Plan]) -> QuerySet[Plan]:
        value = self.value()
        if value == "any" or value in checks.WARNING_LABELS:
            return checks.plans_with_warning(queryset, value, on=today())
        return queryset


def correction_reason_field(help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=_("Correction reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=help_text,
    )


class PlanAdminForm(LockedModelForm):
    change_reason = correction_reason_field(CORRECTION_HELP)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        reason = cleaned.get("change_reason", "")
        instance = self.instance
        if instance.pk is not None:
            original = Plan.objects.get(pk=instance.pk)
            changed = services.plan_changed_numbers(
                original=original,
                values={name: cleaned[name] for name in self.changed_data if name in cleaned},
                on=today(),
            )
            problem = services.plan_correction_problem(
                original=original, changes_numbers=bool(changed), reason=reason, on=today()
            )
            if problem is not None:
                self.add_error("change_reason", problem)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # Django's private hook, not in its stubs
        if "_publish" not in self.data or self.errors:
            return
        plan = self.instance
        if plan.pk is not None and not plan.is_draft:
            return
        for problem in services.plan_publish_problems(
            plan=plan, on=today(), reason=self.cleaned_data.get("change_reason", "")
        ):
            self.add_error(None, problem)


class RateInlineFormSet(_RateFormSet):
    """Rates change with their plan: the same correction rule, and publishing needs a rate."""

    def clean(self) -> None:
        super().clean()
        plan = self.instance
        kept = [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk is not None
            # Django's private formset method, not in its stubs:
            if not (self.can_delete and self._should_delete_form(f))  # type: ignore[attr-defined]
        ]
        if "_publish" in self.data and (plan.pk is None or plan.is_draft) and not kept:
            raise ValidationError(services.MSG_NO_RATES, code="no_rates")
        if plan.pk is None or not self.has_changed():
            return
        original = Plan.objects.get(pk=plan.pk)
        problem = services.plan_correction_problem(
            original=original,
            changes_numbers=True,
            reason=self.data.get("change_reason", ""),
            on=today(),
        )
        if problem is not None:
            raise problem


class RateInline(_RateInline):
    model = Rate
    formset = RateInlineFormSet
    extra = 0
    fields = ["method", "is_promo", *RATE_TERM_NAMES]


class PlanImportForm(ImportForm):
    change_reason = correction_reason_field(
        _(
            "Needed only if the file changes the numbers of plans that have already been in "
            "force. It is kept in the history of every plan the import changes."
        )
    )


class PlanConfirmImportForm(ConfirmImportForm):
    change_reason = forms.CharField(required=False, widget=forms.HiddenInput())


class NewVersionForm(forms.Form):
    valid_from = forms.DateField(
        label=_("New version valid from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "The first day of the new fees. The current version stays in force until then."
        ),
    )


@admin.register(Plan)
class PlanAdmin(_PlanImportExport, HistoryAdmin):
    form = PlanAdminForm
    resource_classes = [PlanResource]
    import_form_class = PlanImportForm
    confirm_form_class = PlanConfirmImportForm
    import_error_display = ("message",)
    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    change_form_template = "admin/catalog/plan/change_form.html"
    object_history_template = "admin/catalog/plan/object_history.html"
    import_template_name = "admin/catalog/plan/import.html"
    list_display = [
        "product",
        "name",
        "status_label",
        "valid_from",
        "valid_to",
        "verified_on",
        "is_estimate",
        "check_summary",
    ]
    list_filter = [
        PlanStatusFilter,
        DataCheckFilter,
        "is_estimate",
        "product__brand",
        "product__kind",
    ]
    search_fields = ["name", "name_en", "product__name", "product__slug", "product__brand__name"]
    list_select_related = ["product", "product__brand"]
    autocomplete_fields = ["product"]
    date_hierarchy = "valid_from"
    inlines = [RateInline]
    readonly_fields = ["is_draft", "replaces", "label_text", "provenance_table"]
    actions = ["make_new_version"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "product",
                    "name",
                    "name_en",
                    "valid_from",
                    "valid_to",
                    "is_draft",
                    "replaces",
                    "lock_version",
                ]
            },
        ),
        (
            _("Provenance"),
            {
                "fields": [
                    "source_url",
                    "source_note",
                    "verified_on",
                    "source_date",
                    "source_read_on",
                    "label_text",
                    "provenance_table",
                    "provenance",
                ]
            },
        ),
        *((title, {"fields": [t.name for t in terms]}) for title, terms in TERM_GROUPS),
        (_("Notes"), {"fields": ["notes", "notes_en"]}),
        (_("Correction"), {"fields": ["change_reason"]}),
    ]

    def get_fieldsets(self, request: HttpRequest, obj: Plan | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only view: the edit number and the correction field mean nothing here.
            hidden = {"lock_version", "change_reason"}
            fieldsets = [
                (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
                for name, opts in fieldsets
            ]
            fieldsets = [(name, opts) for name, opts in fieldsets if opts["fields"]]
        return fieldsets

    # -- list --

    def get_queryset(self, request: HttpRequest) -> QuerySet[Plan]:
        plans: QuerySet[Plan] = super().get_queryset(request)
        return plans.prefetch_related("rates")

    @admin.display(description=_("status"))
    def status_label(self, plan: Plan) -> str:
        status = plan.status(on=today())
        return format_html(
            '<span class="plan-status plan-status-{}">{}</span>', status, status.label
        )

    @admin.display(description=_("label (derived from the figures)"))
    def label_text(self, plan: Plan) -> str:
        return str(plan.label.label)

    @admin.display(description=_("tier and source per figure"))
    def provenance_table(self, plan: Plan) -> str:
        """Every figure of the plan with its tier, source and date; a figure without a tier is
        flagged (the data check fails on it)."""
        if plan.pk is None:
            return "—"
        rows = []
        for key in figure_keys(plan.rates.all()):
            prov = figure_provenance(plan.provenance, key)
            if prov is None:
                rows.append((key, "⚠ " + gettext("no tier"), "", "", ""))
                continue
            date = prov.date or gettext("undated")
            tier = str(prov.mark) + (" · " + gettext("not stated") if prov.unstated else "")
            rows.append((key, tier, prov.source, date, prov.note))
        body = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
        )
        findings = datacheck.plan_data_findings(plan, on=today())
        listed = format_html_join(
            "",
            "<li class='{}'>{}</li>",
            ((f"datacheck-{f.level}", f"{f.code}: {f.message}") for f in findings),
        )
        return format_html(
            "<ul class='datacheck-findings'>{listed}</ul>"
            "<table class='provenance-table'><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            gettext("figure"),
            gettext("tier"),
            gettext("source"),
            gettext("source date"),
            gettext("note"),
            body,
            listed=listed,
        )

    @admin.display(description=_("data check"))
    def check_summary(self, plan: Plan) -> str:
        found = checks.plan_findings(plan, rates=plan.rates.all(), on=today())
        codes = sorted({f.code for f in found if f.level == checks.WARNING})
        if not codes:
            return "✓"
        return format_html_join(
            ", ", "<span title='{}'>⚠ {}</span>", ((c, checks.WARNING_LABELS[c]) for c in codes)
        )

    # -- permissions --

    def has_delete_permission(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        """A plan that has been in force is part of the record: only a superuser may delete it."""
        if obj is not None and obj.has_been_public(on=today()) and not request.user.is_superuser:
            return False
        allowed: bool = super().has_delete_permission(request, obj)
        return allowed

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        if not self.can_make_version(request):
            actions.pop("make_new_version", None)
        return actions

    def can_make_version(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        may_add: bool = self.has_add_permission(request)
        return may_add and bool(self.has_change_permission(request, obj))

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(
            [
                "catalog.add_plan",
                "catalog.change_plan",
                "catalog.add_rate",
                "catalog.change_rate",
                "catalog.delete_rate",
            ]
        )

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("catalog.change_plan")

    # -- saving --

    def save_model(self, request: HttpRequest, obj: Plan, form: Any, change: bool) -> None:
        if not change:
            obj.is_draft = True  # everything new starts as a draft; "Save and publish" publishes
        reason = form.cleaned_data.get("change_reason", "").strip()
        if reason:
            obj._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        reason = form.cleaned_data.get("change_reason", "").strip()
        if reason:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = reason
        super().save_formset(request, form, formset, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        plan = form.instance
        if "_publish" in request.POST and plan.is_draft:
            try:
                services.plan_publish(
                    plan=plan,
                    on=today(),
                    user=request.user,
                    reason=form.cleaned_data.get("change_reason", ""),
                )
            except ValidationError as error:
                for text in error.messages:
                    messages.error(request, text)
            else:
                plan.refresh_from_db()
                messages.success(
                    request,
                    gettext("Published: in force from %(start)s.")
                    % {"start": plan.valid_from.isoformat()},
                )
        rates = Rate.objects.filter(plan=plan)  # not plan.rates: its prefetch is from before
        for finding in checks.plan_findings(plan, rates=rates, on=today()):
            messages.warning(request, finding.message)

    # -- change form --

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        plan = self.get_object(request, unquote(object_id))
        extra = dict(extra_context or {})
        if plan is not None:
            extra["can_make_version"] = not plan.is_draft and self.can_make_version(request, plan)
            extra["can_publish"] = plan.is_draft and self.has_change_permission(request, plan)
            extra["plan_status"] = plan.status(on=today()).label
            extra["plan_public"] = plan.has_been_public(on=today())
        response: HttpResponse = super().change_view(request, object_id, form_url, extra)
        return response

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra = {**(extra_context or {}), "can_publish": self.has_add_permission(request)}
        response: HttpResponse = super().add_view(request, form_url, extra)
        return response

    # -- new version --

    def get_urls(self) -> list[Any]:
        custom = [
            path(
                "<path:object_id>/new-version/",
                self.admin_site.admin_view(self.new_version_view),
                name="catalog_plan_new_version",
            ),
        ]
        return custom + super().get_urls()

    @admin.action(description=_("Make a new version of the selected plan"))
    def make_new_version(self, request: HttpRequest, queryset: QuerySet[Plan]) -> Any:
        if queryset.count() != 1:
            messages.warning(request, gettext("Select exactly one plan to make a new version of."))
            return None
        plan = queryset.get()
        return HttpResponseRedirect(
            reverse(
                "admin:catalog_plan_new_version", args=[plan.pk], current_app=self.admin_site.name
            )
        )

    def new_version_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        plan = self.get_object(request, unquote(object_id))
        if plan is None:
            missing: HttpResponse = self._get_obj_does_not_exist_redirect(
                request, self.opts, object_id
            )
            return missing
        if not self.can_make_version(request, plan):
            raise PermissionDenied
        form = NewVersionForm(request.POST or None, initial={"valid_from": today()})
        if request.method == "POST" and form.is_valid():
            try:
                draft = services.plan_new_version(
                    plan=plan, valid_from=form.cleaned_data["valid_from"], user=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    gettext(
                        "Draft new version from %(start)s created with a copy of the rates. "
                        "Change its numbers, then press “Save and publish”. Until then nobody "
                        "sees it and the current version stays in force."
                    )
                    % {"start": draft.valid_from.isoformat()},
                )
                return HttpResponseRedirect(
                    reverse(
                        "admin:catalog_plan_change",
                        args=[draft.pk],
                        current_app=self.admin_site.name,
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("New version of %(plan)s") % {"plan": plan},
            "opts": self.opts,
            "original": plan,
            "form": form,
            "rates": plan.rates.all(),
            "status": plan.status(on=today()).label,
        }
        return TemplateResponse(request, "admin/catalog/plan/new_version.html", context)

    # -- history: the plan's own changes and its rates' --

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        records = list(
            Rate.history.filter(plan_id=unquote(object_id))
            .select_related("history_user")
            .order_by("-history_date")[:300]
        )
        rows = []
        for record in records:
            previous = record.prev_record
            changes = []
            if previous is not None:
                delta = record.diff_against(previous)
                changes = [(c.field, c.old, c.new) for c in delta.changes]
            rows.append({"record": record, "changes": changes})
        extra = {**(extra_context or {}), "rate_history": rows}
        response: HttpResponse = super().history_view(request, object_id, extra)
        return response

    # -- import / export --

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        reason = ""
        if form is not None and hasattr(form, "cleaned_data"):
            reason = form.cleaned_data.get("change_reason", "") or ""
        return {"change_reason": reason, "on": today()}

    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        return {"on": today()}

    def get_confirm_form_initial(self, request: HttpRequest, import_form: Any) -> dict[str, Any]:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["change_reason"] = import_form.cleaned_data.get("change_reason", "")
        return initial

    def get_export_queryset(self, request: HttpRequest) -> QuerySet[Plan]:
        return super().get_export_queryset(request).filter(is_draft=False)

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """The confirmation; one whose file is gone (confirmed already, sent twice, or older
        than a day) is sent back to the upload with a message."""
        try:
            return super().process_import(request, **kwargs)
        except ImportExpired:
            messages.error(
                request,
                gettext(
                    "This import was already confirmed or has expired, so nothing was "
                    "imported this time. Check the plans, or upload the file again."
                ),
            )
            return HttpResponseRedirect(
                reverse("admin:catalog_plan_import", current_app=self.admin_site.name)
            )

    def process_result(self, result: Any, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                gettext(
                    "Nothing was imported: the file no longer passes the checks (the data "
                    "changed since the preview). Upload it again to see the problems."
                ),
            )
            return HttpResponseRedirect(
                reverse("admin:catalog_plan_import", current_app=self.admin_site.name)
            )
        return super().process_result(result, request)


@admin.register(Rate)
class RateAdmin(HistoryAdmin):
    """Rates are read here and edited on their plan's page, where the version rules apply."""

    list_display = ["plan", "method", "is_promo", "percent", "fixed", "cap", "limit"]
    list_filter = ["method", "is_promo"]
    search_fields = ["plan__name", "plan__product__name"]
    list_select_related = ["plan", "plan__product", "plan__product__brand"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Rate | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Rate | None = None) -> bool:
        """Only as part of deleting its plan (the plan's own rules apply), never from here."""
        if obj is None or not super().has_delete_permission(request, obj):
            return False
        return request.user.is_superuser or not obj.plan.has_been_public(on=today())
