"""Bulk import/export of plans with their rates (django-import-export), CSV or XLSX.

One row per plan, keyed by product slug + plan name + valid_from; the plan's fields are columns
named as the fields (``monthly_fee``, ``verified_on``, …) and its rates are columns
``<method>_<field>`` (``credit_card_percent``, ``debit_card_cap``, …), promotional rates
``promo_<method>_<field>``. Money is written with a decimal point and no unit (``20.00``),
rates in percent without the sign (``0.6000`` is 0.60 %), dates as ``YYYY-MM-DD``, yes/no as
``yes``/``no``.

An import is all or nothing: every row is checked (plain-language errors per row and column)
and one bad row means nothing changes. Exporting and importing the export changes nothing.
Rows update the plan with the same key or create a new (published) plan; plans not in the file
are left alone. Changing the numbers of a plan that has been in force needs a correction reason,
as in the edit form. A rate group whose columns are all absent from the file is left as it is;
present but empty, it means the plan has no such rate.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from catalog import services
from catalog.models import MSG_CAP_BELOW_MIN, MSG_LIMIT_PAIR, PaymentMethod, Plan, Product, Rate
from catalog.terms import RATE_TERM_NAMES, TERM_NAMES, provenance_errors

if TYPE_CHECKING:
    from import_export.results import Result

    # django-import-export's resources are generic only in its stubs (not at run time).
    _PlanModelResource = resources.ModelResource[Plan]
else:
    _PlanModelResource = resources.ModelResource

# The rate groups a row gives, (method, is_promo) → a Rate, or None (no such rate).
ImportedRates = dict[tuple[str, bool], Rate | None]

KEY_COLUMNS = ("product", "name", "valid_from")
PLAN_COLUMNS = (
    "name_en",
    "valid_to",
    "verified_on",
    "source_url",
    "source_note",
    "source_date",
    "source_read_on",
    "provenance",
    "is_estimate",
    *TERM_NAMES,
    "notes",
    "notes_en",
)
RATE_FIELDS = RATE_TERM_NAMES
REQUIRED_COLUMNS = ("product", "name", "valid_from", "verified_on")


def rate_groups() -> list[tuple[str, str, bool]]:
    """(column prefix, method, is_promo) for every rate group, normal rates first."""
    return [
        (f"{'promo_' if promo else ''}{method}", method, promo)
        for promo in (False, True)
        for method in PaymentMethod.values
    ]


RATE_COLUMNS = tuple(f"{prefix}_{name}" for prefix, _m, _p in rate_groups() for name in RATE_FIELDS)
ALL_COLUMNS = KEY_COLUMNS + PLAN_COLUMNS + RATE_COLUMNS

MSG_NOT_A_NUMBER = _(
    "“%(value)s” is not a number. Write it like 0.60: digits and a decimal point, without %% or 元."
)
MSG_PLACES = _("“%(value)s” has more than %(places)s decimal places.")
MSG_NEGATIVE = _("“%(value)s” is negative; it must be 0 or more.")
MSG_NOT_WHOLE = _("“%(value)s” is not a whole number.")
MSG_NOT_DATE = _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2026-01-31.")
MSG_NOT_YES_NO = _("“%(value)s” is neither yes nor no. Write yes or no (1 or 0 also work).")
MSG_NO_PRODUCT = _(
    "There is no product with the slug “%(value)s”. Use the slug shown in the product list."
)
MSG_EMPTY = _("This column must not be empty.")
MSG_NOT_JSON = _(
    "The provenance is not valid JSON. Write it as exported: "
    '{"figure": {"tier": "agent", "source": "…", "date": "YYYY-MM-DD or null"}}.'
)
MSG_RATE_PERCENT_MISSING = _(
    "Give the rate here, or leave all the “%(group)s_…” columns empty (no such rate)."
)
MSG_MISSING_COLUMNS = _(
    "The file has no column %(columns)s. The first row must hold the column names, "
    "as in a file exported from here."
)

YES = {"yes", "y", "true", "1", "是", "有", "x"}
NO = {"no", "n", "false", "0", "否", "无", "没有"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class DecimalText(widgets.Widget):
    """A decimal written as text (or an XLSX number), checked for its decimal places."""

    def __init__(self, *, places: int, nullable: bool, default: Decimal | None) -> None:
        super().__init__(coerce_to_string=True)
        self.places = places
        self.nullable = nullable
        self.default = default

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        text = _text(value)
        if text == "":
            return None if self.nullable else self.default
        try:
            number = Decimal(text)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise ValueError(MSG_NOT_A_NUMBER % {"value": text}) from None
        if number < 0:
            raise ValueError(MSG_NEGATIVE % {"value": text})
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.places:
            raise ValueError(MSG_PLACES % {"value": text, "places": self.places})
        return number

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else format(value, "f")


class IntegerText(widgets.Widget):
    def __init__(self, *, nullable: bool, default: int | None) -> None:
        super().__init__(coerce_to_string=True)
        self.nullable = nullable
        self.default = default

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        text = _text(value)
        if text == "":
            return None if self.nullable else self.default
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(MSG_NOT_WHOLE % {"value": text}) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(MSG_NOT_WHOLE % {"value": text})
        if number < 0:
            raise ValueError(MSG_NEGATIVE % {"value": text})
        return int(number)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class DateText(widgets.Widget):
    def __init__(self, *, nullable: bool) -> None:
        super().__init__(coerce_to_string=True)
        self.nullable = nullable

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        if text == "":
            if self.nullable:
                return None
            raise ValueError(MSG_EMPTY)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(MSG_NOT_DATE % {"value": text}) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else value.isoformat()


class YesNo(widgets.Widget):
    def __init__(self, *, default: bool) -> None:
        super().__init__(coerce_to_string=True)
        self.default = default

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if text == "":
            return self.default
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(MSG_NOT_YES_NO % {"value": _text(value)})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "yes" if value else "no"


class PlainText(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return _text(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class ProductSlug(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Product:
        text = _text(value)
        if text == "":
            raise ValueError(MSG_EMPTY)
        product = Product.objects.filter(slug=text).first()
        if product is None:
            raise ValueError(MSG_NO_PRODUCT % {"value": text})
        return product

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else value.slug


class ProvenanceText(widgets.Widget):
    """The tier, source and date per figure (``Plan.provenance``) as one JSON cell."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dict[str, Any]:
        text = _text(value)
        if text == "":
            return {}
        try:
            data = json.loads(text)
        except ValueError:
            raise ValueError(MSG_NOT_JSON) from None
        errors = provenance_errors(data)
        if errors:
            raise ValueError(" ".join(errors))
        return cast(dict[str, Any], data)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return json.dumps(value or {}, ensure_ascii=False, sort_keys=True)


def widget_for(field: models.Field[Any, Any]) -> widgets.Widget:
    default = field.default if field.has_default() else None
    if isinstance(field, models.JSONField):
        return ProvenanceText()
    if isinstance(field, models.DecimalField):
        return DecimalText(places=field.decimal_places, nullable=field.null, default=default)
    if isinstance(field, models.IntegerField):
        return IntegerText(nullable=field.null, default=default)
    if isinstance(field, models.BooleanField):
        return YesNo(default=bool(default))
    if isinstance(field, models.DateField):
        return DateText(nullable=field.null)
    return PlainText()


class RateColumn(fields.Field):
    """One number of one rate of the plan; read and written by :class:`PlanResource` itself."""

    def __init__(self, *, column: str, method: str, is_promo: bool, name: str) -> None:
        super().__init__(
            attribute=None,
            column_name=column,
            # get_field's type admits relations; the rate's numbers are plain fields:
            widget=widget_for(Rate._meta.get_field(name)),  # type: ignore[arg-type]
        )
        self.method = method
        self.is_promo = is_promo
        self.name = name

    def export(self, instance: models.Model, **kwargs: Any) -> str:
        plan = cast(Plan, instance)  # a column of PlanResource, whose rows are plans
        if plan.pk is None:
            return ""
        for rate in plan.rates.all():
            if rate.method == self.method and rate.is_promo == self.is_promo:
                text: str = self.widget.render(getattr(rate, self.name))
                return text
        return ""


class PlanResource(_PlanModelResource):
    product = fields.Field(attribute="product", column_name="product", widget=ProductSlug())

    class Meta:
        model = Plan
        fields = KEY_COLUMNS + PLAN_COLUMNS
        export_order = ALL_COLUMNS
        import_id_fields = KEY_COLUMNS
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # The preview lists the changed columns itself (describe_changes): no HTML diff with
        # inline styles, and no 100-column export of every row before and after.
        skip_diff = True

    def __init__(self, *, change_reason: str = "", on: dt.date | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.change_reason = change_reason.strip()
        self.on = on or timezone.localdate()
        for name in KEY_COLUMNS[1:] + PLAN_COLUMNS:
            self.fields[name] = fields.Field(
                attribute=name,
                column_name=name,
                # get_field's type admits relations; the plan's columns are plain fields:
                widget=widget_for(Plan._meta.get_field(name)),  # type: ignore[arg-type]
            )
        for prefix, method, promo in rate_groups():
            for name in RATE_FIELDS:
                column = f"{prefix}_{name}"
                self.fields[column] = RateColumn(
                    column=column, method=method, is_promo=promo, name=name
                )

    @classmethod
    def get_display_name(cls) -> str:
        return gettext("Plans with their rates")

    def get_queryset(self) -> QuerySet[Plan]:
        return Plan.objects.published().select_related("product")

    def get_export_order(self) -> tuple[str, ...]:
        return ALL_COLUMNS

    def get_import_order(self) -> tuple[str, ...]:
        return ALL_COLUMNS

    def filter_export(self, queryset: QuerySet[Plan], **kwargs: Any) -> QuerySet[Plan]:
        return (
            queryset.filter(is_draft=False)
            .select_related("product")
            .prefetch_related("rates")
            .order_by("product__slug", "name", "valid_from")
        )

    # -- import --

    # Keyword arguments only (as the admin passes them), so that the two flags below always win.
    def import_data(self, dataset: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        # All or nothing: one invalid row rolls back every row, also in the confirm step.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        headers = [str(h).strip() for h in (dataset.headers or [])]
        dataset.headers = headers
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        if missing:
            raise ValueError(
                MSG_MISSING_COLUMNS % {"columns": ", ".join(f"“{c}”" for c in missing)}
            )

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        self._row_changes: list[tuple[str, str, str]] = []

    def after_import_row(self, row: Any, row_result: Any, **kwargs: Any) -> None:
        row_result.changes = self._row_changes
        row_result.key = " · ".join(_text(row.get(c)) for c in KEY_COLUMNS)

    def describe_changes(
        self, plan: Plan, rates: dict[tuple[str, bool], Rate | None]
    ) -> list[tuple[str, str, str]]:
        """(column, old, new) for every column the row changes, as written in the file."""
        original = Plan.objects.get(pk=plan.pk)
        out = []
        for name in KEY_COLUMNS + PLAN_COLUMNS:
            field = self.fields[name]
            old, new = field.export(original), field.export(plan)
            if old != new:
                out.append((name, old, new))
        stored = {(r.method, r.is_promo): r for r in Rate.objects.filter(plan_id=plan.pk)}
        for prefix, method, promo in rate_groups():
            key = (method, promo)
            if key not in rates:
                continue
            for name in RATE_FIELDS:
                widget = self.fields[f"{prefix}_{name}"].widget
                before = stored.get(key)
                after = rates[key]
                old = widget.render(getattr(before, name)) if before is not None else ""
                new = widget.render(getattr(after, name)) if after is not None else ""
                if old != new:
                    out.append((f"{prefix}_{name}", old, new))
        return out

    def get_instance(self, instance_loader: Any, row: Any) -> Plan | None:
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:  # a key column is invalid: reported as that column's error
            return None

    def import_instance(self, instance: Plan, row: Any, **kwargs: Any) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        rates, rate_errors = self.rates_from_row(row)
        for column, messages in rate_errors.items():
            errors.setdefault(column, []).extend(messages)
        instance._imported_rates = rates  # type: ignore[attr-defined]  # for the later hooks
        if not errors and instance.pk is not None:
            self._row_changes = self.describe_changes(instance, rates)
            problem = self.correction_problem(instance, rates)
            if problem is not None:
                errors.setdefault(NON_FIELD_ERRORS, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def rates_from_row(
        self, row: Any
    ) -> tuple[dict[tuple[str, bool], Rate | None], dict[str, list[ValidationError]]]:
        """The rate groups present in the row: (method, is_promo) → a Rate, or None (no rate)."""
        rates: dict[tuple[str, bool], Rate | None] = {}
        errors: dict[str, list[ValidationError]] = {}
        for prefix, method, promo in rate_groups():
            columns = {name: f"{prefix}_{name}" for name in RATE_FIELDS}
            if not any(c in row for c in columns.values()):
                continue  # group absent from the file: leave the plan's rate as it is
            values: dict[str, Any] = {}
            for name, column in columns.items():
                if column not in row:
                    continue
                try:
                    values[name] = self.fields[column].widget.clean(row[column])
                except ValueError as error:
                    errors.setdefault(column, []).append(ValidationError(str(error)))
            if any(c in errors for c in columns.values()):
                continue
            given = {k: v for k, v in values.items() if v not in (None, Decimal(0))}
            if values.get("percent") is None:
                if given:
                    errors.setdefault(columns["percent"], []).append(
                        ValidationError(MSG_RATE_PERCENT_MISSING % {"group": prefix})
                    )
                else:
                    rates[(method, promo)] = None
                continue
            rate = Rate(method=method, is_promo=promo, **values)
            try:
                rate.full_clean(exclude=["plan"], validate_unique=False)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    column = columns.get(name) or columns[self.constraint_column(messages)]
                    errors.setdefault(column, []).extend(ValidationError(m) for m in messages)
                continue
            rates[(method, promo)] = rate
        return rates, errors

    @staticmethod
    def constraint_column(messages: list[str]) -> str:
        if str(MSG_CAP_BELOW_MIN) in messages:
            return "cap"
        if str(MSG_LIMIT_PAIR) in messages:
            return "limit"
        return "percent"

    def stored_rates(self, plan: Plan) -> dict[tuple[str, bool], tuple[Any, ...]]:
        return services.rate_numbers(Rate.objects.filter(plan_id=plan.pk))

    def rates_change(self, plan: Plan, rates: dict[tuple[str, bool], Rate | None]) -> bool:
        stored = self.stored_rates(plan)
        for key, rate in rates.items():
            new = None if rate is None else services.rate_numbers([rate])[key]
            if stored.get(key) != new:
                return True
        return False

    def correction_problem(
        self, plan: Plan, rates: dict[tuple[str, bool], Rate | None]
    ) -> ValidationError | None:
        original = Plan.objects.get(pk=plan.pk)
        values = {name: _value(plan, name) for name in services.PLAN_NUMBER_FIELDS}
        values["valid_to"] = plan.valid_to
        changed = bool(services.plan_changed_numbers(original=original, values=values, on=self.on))
        changed = changed or self.rates_change(plan, rates)
        return services.plan_correction_problem(
            original=original, changes_numbers=changed, reason=self.change_reason, on=self.on
        )

    def skip_row(
        self, instance: Plan, original: Plan, row: Any, import_validation_errors: Any = None
    ) -> bool:
        if import_validation_errors or instance.pk is None:
            return False
        original = Plan.objects.get(pk=instance.pk)
        for name in KEY_COLUMNS + PLAN_COLUMNS:
            if _value(instance, name) != _value(original, name):
                return False
        # An attribute of ours on the plan, set by import_instance:
        imported: ImportedRates = instance._imported_rates  # type: ignore[attr-defined]
        return not self.rates_change(instance, imported)

    def before_save_instance(self, instance: Plan, row: Any, **kwargs: Any) -> None:
        user = kwargs.get("user")
        if user is not None and getattr(user, "is_authenticated", False):
            instance._history_user = user  # type: ignore[attr-defined]  # for simple_history
        reason = self.reason(kwargs)
        instance._change_reason = reason  # type: ignore[attr-defined]  # for simple_history

    def reason(self, kwargs: dict[str, Any]) -> str:
        if self.change_reason:
            return self.change_reason
        return gettext("Imported from %(file)s") % {"file": kwargs.get("file_name") or "—"}

    def after_save_instance(self, instance: Plan, row: Any, **kwargs: Any) -> None:
        if kwargs.get("dry_run") and not kwargs.get("using_transactions"):
            return
        reason = self.reason(kwargs)
        user = kwargs.get("user")
        existing = {(r.method, r.is_promo): r for r in Rate.objects.filter(plan=instance)}
        # An attribute of ours on the plan, set by import_instance:
        imported: ImportedRates = instance._imported_rates  # type: ignore[attr-defined]
        for key, rate in imported.items():
            old = existing.get(key)
            if rate is None:
                if old is not None:
                    old._change_reason = reason  # type: ignore[attr-defined]  # for simple_history
                    old.delete()
                continue
            if old is not None:
                if services.rate_numbers([old]) == services.rate_numbers([rate]):
                    continue
                for name in RATE_FIELDS:
                    setattr(old, name, getattr(rate, name))
                rate = old
            rate.plan = instance
            rate._change_reason = reason  # type: ignore[attr-defined]  # for simple_history
            if user is not None and getattr(user, "is_authenticated", False):
                rate._history_user = user  # type: ignore[attr-defined]  # for simple_history
            rate.save()


def _value(plan: Plan, name: str) -> Any:
    if name == "product":
        return plan.product_id
    return getattr(plan, name)
