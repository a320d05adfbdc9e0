"""Forms validating the catalog pages' query strings and the comparison tray's posts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Product

MSG_UNKNOWN_PRODUCT = _("There is no terminal with that name in the catalogue.")
MSG_TRAY_FULL = _("The comparison holds at most %(n)s terminals. Remove one first.")
MSG_NO_SUCH_PAGE = _("There is no such page of results; the list has %(pages)s.")

# The merchant profile's link format (DESIGN.md, "Link format"). The calculator prices it; the
# catalog only shows and keeps these fields, so a list reached from the calculator keeps its
# profile when filters change.
PROFILE_FIELDS = (
    "volume",
    "ticket",
    "months",
    "settlement",
    "spm",
    "preset",
    "mix_debit_card",
    "mix_credit_card",
    "mix_wechat",
    "mix_alipay",
    "mix_unionpay_qr",
    "mix_contactless",
)
PRESET_CHOICES = [
    ("retail", _("Retail")),
    ("restaurant", _("Restaurant")),
    ("wholesale", _("Wholesale")),
    ("small_shop", _("Small shop")),
]
DEFAULT_VOLUME = Decimal("30000")
MAX_VOLUME = Decimal("100000000")


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
        choices=PRESET_CHOICES,
        required=False,
        widget=forms.Select(attrs={"data-default": "retail"}),
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
