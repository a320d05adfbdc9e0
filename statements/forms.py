"""The statement upload form: the file, the settlement wanted, the merchant's acquirer, and —
for a file whose header the readers do not know — the mapping of its columns (kept in the
link as ``map_<role>``, ``unit_<role>`` and ``header``, so the next file of the kind maps at
once), and the methods assigned to values the readers cannot tell (``assign:<value>``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from calculator.engine import METHODS
from calculator.ranking import method_label

MAPPED_ROLES = ("time", "amount", "method", "card_type", "fee", "status", "merchant")
ROLE_LABELS = {
    "time": _("Time"),
    "amount": _("Amount"),
    "method": _("Payment method"),
    "card_type": _("Card type"),
    "fee": _("Fee charged"),
    "status": _("Status"),
    "merchant": _("Merchant number"),
}
UNIT_CHOICES = (("元", _("元 (yuan)")), ("分", _("分 (fen)")))
MAX_COLUMNS = 60


class StatementForm(forms.Form):
    file = forms.FileField(
        label=_("Statement file (CSV, XLSX or the Alipay zip, up to 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.zip"}),
    )
    instant = forms.BooleanField(label=_("I use instant settlement (D0/秒到)"), required=False)
    brand = forms.ChoiceField(label=_("Your terminal's brand"), required=False, choices=())

    def __init__(self, *args: Any, brands: Any = (), columns: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        brand_field = self.fields["brand"]
        assert isinstance(brand_field, forms.ChoiceField)
        brand_field.choices = [("", _("— not listed —"))] + [
            (b.slug, b.display_name) for b in brands
        ]
        count = min(max(columns, 0), MAX_COLUMNS)
        column_choices = [("", "—")] + [
            (str(i), _("Column %(n)s") % {"n": i + 1}) for i in range(count or MAX_COLUMNS)
        ]
        for role in MAPPED_ROLES:
            self.fields[f"map_{role}"] = forms.TypedChoiceField(
                label=ROLE_LABELS[role],
                choices=column_choices,
                coerce=int,
                required=False,
                empty_value=None,
            )
        for role in ("amount", "fee"):
            self.fields[f"unit_{role}"] = forms.ChoiceField(
                label=_("Unit of %(role)s") % {"role": ROLE_LABELS[role]},
                choices=UNIT_CHOICES,
                required=False,
            )
        self.fields["header"] = forms.TypedChoiceField(
            label=_("Header row"),
            choices=[("", _("none: the first row is data"))]
            + [(str(i), str(i + 1)) for i in range(60)],
            coerce=int,
            required=False,
            empty_value=None,
        )

    def mapping(self) -> dict[str, int]:
        data = self.cleaned_data
        return {r: i for r in MAPPED_ROLES if (i := data.get(f"map_{r}")) is not None}

    def units(self) -> dict[str, str]:
        return {r: v for r in ("amount", "fee") if (v := self.cleaned_data.get(f"unit_{r}"))}

    def mapping_fields(self) -> list[forms.BoundField]:
        return [self[f"map_{role}"] for role in MAPPED_ROLES] + [
            self["unit_amount"],
            self["unit_fee"],
            self["header"],
        ]

    def mapping_query(self) -> list[tuple[str, str]]:
        """The mapping as link fields (kept in the link for the next file of the kind)."""
        pairs = [(f"map_{r}", str(i)) for r, i in self.mapping().items()]
        pairs += [(f"unit_{r}", u) for r, u in self.units().items()]
        if self.cleaned_data.get("header") is not None:
            pairs.append(("header", str(self.cleaned_data["header"])))
        return pairs


METHOD_CHOICES = [("", "—")] + [(m, m) for m in METHODS]


def method_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(m, method_label(m)) for m in METHODS]


def assigned(data: Mapping[str, Any]) -> dict[str, str]:
    """``assign:<value>`` fields → value → method code (unknown codes ignored)."""
    out = {}
    for key in data:
        if key.startswith("assign:") and (code := data.get(key)) in METHODS:
            out[key.removeprefix("assign:")[:30]] = code
    return out
