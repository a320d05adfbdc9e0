"""The fee report form: what a merchant pays, per method, and how they can show it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import MAX_RATE, Brand, PaymentMethod, Product
from core.linkformat import FormField, Number
from core.measured import read_measured
from reports import evidence
from reports.models import Province, Report

METHODS = tuple(PaymentMethod.values)
RATE_FIELDS = tuple(f"rate_{m}" for m in METHODS)
CHANGE_ROWS = 3

MSG_RATE = _("Enter a rate from 0 to 5 %, e.g. 0.6.")
MSG_MONEY = _("Enter an amount from 0 to 100,000 元.")
MSG_MONTH = _("Enter a month as 2025-10.")
MSG_FUTURE = _("That month has not come yet.")
MSG_NO_RATE = _("Give the rate of at least one payment method.")
MSG_SUBJECT = _("Choose the terminal, or its brand and kind when you do not know the model.")
MSG_IDENTIFYING = _(
    "This looks like a phone, card or merchant number. Leave it out: the report needs none."
)
MSG_LINK = _("Links are not allowed in a report.")
MSG_MARKUP = _("Write plain text, without HTML.")
MSG_PROOF_PAIR = _("Give the payment's method, amount and fee together, or none of them.")
MSG_PROOF_METHOD = _("Give the rate of the method of the payment you checked.")
MSG_PROOF_MISMATCH = _(
    "%(amount)s 元 at %(rate)s %% gives a fee of %(expected)s 元, not %(fee)s 元. "
    "Check the figures on the receipt or in the app."
)
MSG_MEASURED = _("This link from a statement check-up has expired: run the check-up again.")
MSG_HONEYPOT = _("The report could not be taken.")
MSG_CHANGE_PAIR = _("Give the method, the rate before and after, and the month.")


def _rate(label: Any, required: bool = False) -> FormField:
    spec = Number("rate", MSG_RATE, low=Decimal(0), high=MAX_RATE, places=4)
    widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 6})
    return FormField(spec, label=label, required=required, widget=widget)


def _money(label: Any) -> FormField:
    spec = Number("money", MSG_MONEY, low=Decimal(0), high=Decimal(100_000), places=2)
    widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 8})
    return FormField(spec, label=label, widget=widget)


class MonthField(forms.DateField):
    """A month typed as 2025-10 (or 2025/10, or a full date): its first day, never in the future."""

    input_formats = ["%Y-%m", "%Y/%m", "%Y-%m-%d", "%Y.%m"]
    default_error_messages = {"invalid": MSG_MONTH}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "2025-10", "size": 8}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        day = super().to_python(value)
        if day is None:
            return None
        day = day.replace(day=1)
        if day > timezone.localdate():
            raise forms.ValidationError(MSG_FUTURE, code="future")
        return day


class PlainText(forms.CharField):
    """Text that carries no link, no HTML and nothing that identifies the merchant."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not value:
            return
        if evidence.has_markup(value):
            raise forms.ValidationError(MSG_MARKUP, code="markup")
        if evidence.has_link(value):
            raise forms.ValidationError(MSG_LINK, code="link")
        if evidence.identifying(value):
            raise forms.ValidationError(MSG_IDENTIFYING, code="identifying")


class ChangeForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Payment method"),
        choices=[("", "—"), *PaymentMethod.choices],
        required=False,
    )
    old = _rate(_("Rate before (%)"))
    new = _rate(_("Rate after (%)"))
    month = MonthField(label=_("Month of the change"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get(k) not in (None, "") for k in ("method", "old", "new", "month")]
        if any(given) and not all(given) and not self.errors:
            raise forms.ValidationError(MSG_CHANGE_PAIR, code="incomplete")
        return data

    @property
    def filled(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("method"))


ChangeFormSet = forms.formset_factory(ChangeForm, extra=CHANGE_ROWS, max_num=CHANGE_ROWS)


class ReportForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Terminal"),
        queryset=Product.objects.select_related("brand").order_by("brand__slug", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("I do not know the model"),
    )
    brand = forms.ModelChoiceField(
        label=_("Brand (when the model is unknown)"),
        queryset=Brand.objects.order_by("slug"),
        to_field_name="slug",
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind (when the model is unknown)"),
        choices=[("", "—"), *Product.Kind.choices],
        required=False,
    )
    province = forms.ChoiceField(label=_("Province"), choices=Province.choices)
    since = MonthField(label=_("Using it since (month)"))
    cap_debit_card = _money(_("Debit card cap per payment (元)"))
    instant_percent = _rate(_("Instant settlement (秒到) fee (%)"))
    instant_fixed = _money(_("Instant settlement fee per settlement (元)"))
    sim_fee = _money(_("SIM / data fee (元)"))
    sim_every = forms.TypedChoiceField(
        label=_("The SIM fee is taken"),
        choices=[("", "—"), *Report.SimEvery.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    deposit = _money(_("Deposit (元)"))
    deposit_returned = forms.NullBooleanField(
        label=_("Did the deposit come back?"),
        widget=forms.Select(
            choices=[("unknown", _("Not yet / no deposit")), ("true", _("Yes")), ("false", _("No"))]
        ),
    )
    is_seller = forms.BooleanField(
        label=_("I am an agent or I sell terminals (shown with the report)"), required=False
    )
    proof_method = forms.ChoiceField(
        label=_("One payment: method"), choices=[("", "—"), *PaymentMethod.choices], required=False
    )
    proof_amount = _money(_("One payment: amount (元)"))
    proof_fee = _money(_("One payment: fee charged (元)"))
    note = PlainText(label=_("Anything else (no names or numbers)"), max_length=500, required=False)
    measured = forms.CharField(widget=forms.HiddenInput, required=False)
    # A field people do not see: a form that fills it in is a robot's.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for method, label in PaymentMethod.choices:
            self.fields[f"rate_{method}"] = _rate(label)
        self.fields["note"].widget = forms.Textarea(attrs={"rows": 3, "maxlength": 500})

    @property
    def rate_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in RATE_FIELDS]

    def clean_measured(self) -> dict[str, Decimal]:
        token = self.cleaned_data.get("measured") or ""
        if not token:
            return {}
        try:
            return read_measured(token, METHODS)
        except ValueError:
            raise forms.ValidationError(MSG_MEASURED, code="measured") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(MSG_HONEYPOT, code="honeypot")
        measured: dict[str, Decimal] = data.get("measured") or {}
        for method, percent in measured.items():  # measured rates stand for what was typed
            data[f"rate_{method}"] = percent
        if not data.get("product") and not (data.get("brand") and data.get("kind")):
            self.add_error("product", forms.ValidationError(MSG_SUBJECT, code="subject"))
        if "measured" not in self.errors and not any(data.get(f) is not None for f in RATE_FIELDS):
            self.add_error(None, forms.ValidationError(MSG_NO_RATE, code="no_rate"))
        self._check_payment(data)
        return data

    def _check_payment(self, data: dict[str, Any]) -> None:
        proof = [
            data.get(k) not in (None, "") for k in ("proof_method", "proof_amount", "proof_fee")
        ]
        if not any(proof) or any(self.has_error(k) for k in ("proof_amount", "proof_fee")):
            return
        if not all(proof):
            self.add_error("proof_method", forms.ValidationError(MSG_PROOF_PAIR, code="proof"))
            return
        method = data["proof_method"]
        percent = data.get(f"rate_{method}")
        if percent is None:
            self.add_error("proof_method", forms.ValidationError(MSG_PROOF_METHOD, code="proof"))
            return
        cap = data.get("cap_debit_card") if method == PaymentMethod.DEBIT_CARD else None
        amount, fee = data["proof_amount"], data["proof_fee"]
        if not evidence.payment_adds_up(amount, fee, percent, cap):
            expected = evidence.fee_of(amount, percent, cap)
            self.add_error(
                "proof_fee",
                forms.ValidationError(
                    MSG_PROOF_MISMATCH,
                    code="mismatch",
                    params={"amount": amount, "rate": percent, "expected": expected, "fee": fee},
                ),
            )

    @property
    def tier(self) -> str:
        if self.cleaned_data.get("measured"):
            return Report.Tier.STATEMENT
        if self.cleaned_data.get("proof_fee") is not None:
            return Report.Tier.PAYMENT
        return Report.Tier.TYPED

    @property
    def rates(self) -> dict[str, Decimal]:
        return {m: v for m in METHODS if (v := self.cleaned_data.get(f"rate_{m}")) is not None}


def initial_from_query(query: Any) -> dict[str, Any]:
    """The form's first values from a link: ``product``, and an offer's rates in the offer link
    format (``offer_<method>``, what the offer check's "report what you pay" link carries)."""
    initial: dict[str, Any] = {}
    if slug := query.get("product"):
        initial["product"] = slug
    for method in METHODS:
        value = query.get(f"offer_{method}") or query.get(f"rate_{method}")
        if value:
            initial[f"rate_{method}"] = value
    if measured := query.get("measured"):
        initial["measured"] = measured
    return initial


class FlagForm(forms.Form):
    reason = PlainText(label=_("What is wrong with this report?"), max_length=300)
