"""Forms validating the catalog pages' query strings and the comparison tray's posts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from catalog.profile import DEFAULT_PRESET, DEFAULT_VOLUME, MAX_VOLUME, PRESETS

MSG_UNKNOWN_PRODUCT = _("There is no terminal with that name in the catalogue.")
MSG_TRAY_FULL = _("The comparison holds at most %(n)s terminals. Remove one first.")
MSG_NO_SUCH_PAGE = _("There is no such page of results; the list has %(pages)s.")


class ListOptionsForm(forms.Form):
    """Sorting, page and the two profile fields shown beside the filters."""

    SORT_COST = "cost"
    SORT_CREDIT_RATE = "credit_rate"
    SORT_DEVICE_PRICE = "device_price"
    SORT_DEPOSIT = "deposit"
    SORT_NAME = "name"
    SORT_CHOICES = [
        (SORT_COST, _("Estimated monthly cost")),
        (SORT_CREDIT_RATE, _("Credit-card rate")),
        (SORT_DEVICE_PRICE, _("Device price")),
        (SORT_DEPOSIT, _("Deposit")),
        (SORT_NAME, _("Name")),
    ]

    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        widget=forms.Select(attrs={"data-default": SORT_COST}),
    )
    volume = forms.DecimalField(
        label=_("Card and QR takings per month (元)"),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_VOLUME,
        max_digits=11,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"placeholder": f"{DEFAULT_VOLUME:f}", "step": "any"}),
    )
    preset = forms.ChoiceField(
        label=_("Kind of business"),
        choices=[(code, p.label) for code, p in PRESETS.items()],
        required=False,
        widget=forms.Select(attrs={"data-default": DEFAULT_PRESET}),
    )
    page = forms.IntegerField(min_value=1, max_value=100000, required=False)

    def sort_key(self) -> str:
        return (self.cleaned_data.get("sort") if self.is_valid() else "") or self.SORT_COST


class TrayForm(forms.Form):
    ADD = "add"
    REMOVE = "remove"
    CLEAR = "clear"

    action = forms.ChoiceField(choices=[(ADD, ADD), (REMOVE, REMOVE), (CLEAR, CLEAR)])
    product = forms.SlugField(required=False, max_length=80)
    next = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action, slug = data.get("action"), data.get("product")
        if action in (self.ADD, self.REMOVE):
            unknown = action == self.ADD and not Product.objects.filter(slug=slug).exists()
            if not slug or unknown:
                self.add_error("product", MSG_UNKNOWN_PRODUCT)
        return data
