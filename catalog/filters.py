"""The product list's filters (django-filter).

Product-level filters (brand, kind, features, on sale) narrow the products directly. Plan-level
filters (payment methods, maximum credit-card rate, debit cap and deposit, instant settlement,
device price) are conditions on a plan **in force on the day given**, and they all apply to the
*same* plan: a product matches when one of its current plans meets every plan condition at once
(a cheap deposit on one plan and a low rate on another do not add up to a match).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Brand, Feature, PaymentMethod, Plan, Product, Rate

# Django's model choice fields are generic only in its stubs (not subscriptable at run time).
if TYPE_CHECKING:
    _BrandChoiceField = forms.ModelMultipleChoiceField[Brand]
    _FeatureChoiceField = forms.ModelMultipleChoiceField[Feature]
else:
    _BrandChoiceField = _FeatureChoiceField = forms.ModelMultipleChoiceField

MAX_MONEY = Decimal("1000000")
MAX_PERCENT = Decimal("5")

MSG_PRICE_RANGE = _("The lowest device price must not be above the highest.")

ACTIVE_ONLY = "1"
ACTIVE_ALL = "0"


def _rate_exists(method: str, **lookups: Any) -> Exists:
    """A standard (non-promotional) rate of ``method`` on the outer plan, with ``lookups``."""
    return Exists(
        Rate.objects.filter(plan=OuterRef("pk"), method=method, is_promo=False, **lookups)
    )


def is_set(value: Any) -> bool:
    """Whether a cleaned filter value asks for anything (empty lists, unticked boxes do not)."""
    if value is None or value is False or value == "":
        return False
    if isinstance(value, list | tuple | QuerySet):
        return len(value) > 0
    return True


class PlanCondition:
    """Marks a filter whose value becomes a condition on one current plan (see module doc)."""

    condition: Callable[[Any], Q | Exists]

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        return qs  # applied together by ProductFilter.filter_queryset


class PlanNumberFilter(
    PlanCondition,
    filters.NumberFilter,  # type: ignore[misc]  # django-filter is untyped
):
    def __init__(self, *args: Any, condition: Callable[[Any], Q | Exists], **kwargs: Any):
        self.condition = condition
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(*args, **kwargs)


class PlanBooleanFilter(
    PlanCondition,
    filters.Filter,  # type: ignore[misc]  # django-filter is untyped
):
    field_class = forms.BooleanField

    def __init__(self, *args: Any, condition: Callable[[Any], Q | Exists], **kwargs: Any):
        self.condition = condition
        super().__init__(*args, **kwargs)


class PlanMethodsFilter(
    PlanCondition,
    filters.MultipleChoiceFilter,  # type: ignore[misc]  # django-filter is untyped
):
    def __init__(self, *args: Any, **kwargs: Any):
        self.condition = lambda methods: Q(*[_rate_exists(m) for m in methods])
        super().__init__(*args, **kwargs)


class BrandChoiceField(_BrandChoiceField):
    def label_from_instance(self, obj: Brand) -> str:
        return obj.display_name


class FeatureChoiceField(_FeatureChoiceField):
    def label_from_instance(self, obj: Feature) -> str:
        return obj.display_name


class BrandFilter(
    filters.ModelMultipleChoiceFilter  # type: ignore[misc]  # django-filter is untyped
):
    field_class = BrandChoiceField


class FeatureFilter(
    filters.ModelMultipleChoiceFilter  # type: ignore[misc]  # django-filter is untyped
):
    field_class = FeatureChoiceField


class ProductFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", MSG_PRICE_RANGE)
        return data


def _number_input() -> forms.NumberInput:
    return forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "min": "0"})


def _money(**kwargs: Any) -> dict[str, Any]:
    return {
        "max_value": MAX_MONEY,
        "max_digits": 9,
        "decimal_places": 2,
        "widget": _number_input(),
        **kwargs,
    }


class ProductFilter(filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    brand = BrandFilter(
        field_name="brand__slug",
        to_field_name="slug",
        queryset=Brand.objects.order_by("slug"),
        widget=forms.CheckboxSelectMultiple,
        label=_("Brand"),
    )
    kind = filters.MultipleChoiceFilter(
        choices=Product.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Kind"),
    )
    features = FeatureFilter(
        field_name="features__code",
        to_field_name="code",
        queryset=Feature.objects.order_by("category", "code"),
        conjoined=True,
        widget=forms.CheckboxSelectMultiple,
        label=_("Features (all of)"),
    )
    methods = PlanMethodsFilter(
        choices=PaymentMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Accepts (all of)"),
    )
    max_credit_rate = PlanNumberFilter(
        label=_("Credit-card rate at most (%)"),
        condition=lambda v: _rate_exists(PaymentMethod.CREDIT_CARD, percent__lte=v),
        max_value=MAX_PERCENT,
        max_digits=6,
        decimal_places=4,
        widget=_number_input(),
    )
    max_debit_cap = PlanNumberFilter(
        label=_("Debit-card cap at most (元)"),
        condition=lambda v: _rate_exists(PaymentMethod.DEBIT_CARD, cap__isnull=False, cap__lte=v),
        **_money(),
    )
    max_deposit = PlanNumberFilter(
        label=_("Deposit at most (元)"),
        condition=lambda v: Q(deposit__lte=v),
        **_money(),
    )
    instant = PlanBooleanFilter(
        label=_("Instant settlement (D0) available"),
        condition=lambda v: Q(instant_available=True),
        required=False,
    )
    sourced = PlanBooleanFilter(
        label=_("Only plans with figures a source states (no pure market estimates)"),
        condition=lambda v: Q(is_estimate=False),
        required=False,
    )
    min_price = PlanNumberFilter(
        label=_("Device price from (元)"),
        condition=lambda v: Q(device_price__gte=v),
        **_money(),
    )
    max_price = PlanNumberFilter(
        label=_("Device price to (元)"),
        condition=lambda v: Q(device_price__lte=v),
        **_money(),
    )
    # "On sale only" is the default when the parameter is absent (an unticked checkbox sends
    # nothing, so a select with two choices carries the choice instead).
    active = filters.ChoiceFilter(
        choices=[(ACTIVE_ONLY, _("On sale only")), (ACTIVE_ALL, _("Include discontinued"))],
        empty_label=None,
        method="filter_active",
        label=_("Show"),
        widget=forms.Select(attrs={"data-default": ACTIVE_ONLY}),
    )

    class Meta:
        model = Product
        fields: list[str] = []
        form = ProductFilterForm

    def __init__(self, *args: Any, on: dt.date, **kwargs: Any) -> None:
        self.on = on
        super().__init__(*args, **kwargs)

    def filter_active(
        self, queryset: QuerySet[Product], name: str, value: str
    ) -> QuerySet[Product]:
        if value == ACTIVE_ALL:
            return queryset
        return queryset.filter(status=Product.Status.ACTIVE)

    def filter_queryset(self, queryset: QuerySet[Product]) -> QuerySet[Product]:
        conditions = []
        for name, value in self.form.cleaned_data.items():
            f = self.filters[name]
            if isinstance(f, PlanCondition):
                if not is_set(value):
                    continue
                conditions.append(f.condition(value))
            elif name == "active":
                queryset = self.filter_active(queryset, name, value)
            else:
                queryset = f.filter(queryset, value)
        if conditions:
            plans = Plan.objects.current(on=self.on).filter(*conditions, product=OuterRef("pk"))
            queryset = queryset.filter(Exists(plans))
        return queryset

    def describe(self, name: str) -> str:
        """A set filter in words, e.g. "类型：收款码牌" or "押金不超过（元）：50"."""
        label = str(self.filters[name].label)
        value = self.form.cleaned_data.get(name)
        field = self.form.fields[name]
        if isinstance(value, bool):
            return label
        if isinstance(value, QuerySet):
            shown = [obj.display_name for obj in value]
        elif isinstance(value, list):
            labels = dict(getattr(field, "choices", []))
            shown = [str(labels.get(v, v)) for v in value]
        elif isinstance(value, Decimal):
            shown = [f"{value.normalize():f}"]
        else:
            shown = [str(dict(getattr(field, "choices", [])).get(value, value))]
        return gettext("%(label)s: %(value)s") % {
            "label": label,
            "value": pgettext("payment method list", ", ").join(shown),
        }

    def active_filters(self) -> list[str]:
        """Names of the filters the merchant set (the on-sale default does not count)."""
        if not self.is_bound or self.form.errors:
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if name == "active":
                if value == ACTIVE_ALL:
                    active.append(name)
            elif is_set(value):
                active.append(name)
        return active
