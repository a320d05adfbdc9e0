"""The merchant profile form of the calculator and comparison pages: a query string in, an engine
``Profile`` out.

The profile's fields, defaults, bounds and messages are the link format's (``catalog.profile``,
which reads them); the calculator page adds the rate-rise stress test (``rise``, ``rise_to``,
``rise_fixed``, ``rise_after``) and chart pins (``pin=<plan id>``, repeated). This form draws the
inputs — labels, help, the values as typed, the messages at their fields — and reads its values
through the same link-format readers (``core.linkformat``) instead of a second validation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from calculator import offer
from calculator.engine import METHODS, PlanTerms, Profile
from catalog import profile as link
from catalog.models import PaymentMethod
from catalog.profile import (  # noqa: F401 - the messages tests and pages name from here
    CUSTOM,
    INSTANT,
    MSG_MIX_PERCENT,
    MSG_MIX_TOTAL,
    MSG_MONTHS,
    MSG_PRESET,
    MSG_SETTLEMENT,
    MSG_SPM,
    MSG_TICKET,
    MSG_VOLUME,
    T1,
    ProfileReading,
    profile_label,
)
from catalog.terms import MONEY, PERCENT, RATE_TERMS, TERM_GROUPS, TERMS_BY_NAME
from core.linkformat import Choice, Number, Whole, plain, read

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_RISE_RATE = Decimal("10")
MAX_RISE_FIXED = Decimal("100")
MAX_PINS = 5
DEFAULT_RISE_AFTER = 3

MSG_RISE = _("Choose one of the rate rises listed.")
MSG_RISE_TO = _("Enter the raised rate in percent, from 0 to 10.")
MSG_RISE_TO_REQUIRED = _("Enter the rate the plans rise to.")
MSG_RISE_FIXED = _("Enter a fixed fee from 0 to 100 元 per transaction.")
MSG_RISE_AFTER = _("Enter the month after which rates rise: a whole number from 0 to 59.")
MSG_RISE_AFTER_HORIZON = _(
    "The rise must start within your %(months)s months: enter 0 to %(last)s."
)
MSG_PINS_DROPPED = _("Only %(n)s plans can be pinned to the chart; the others were left out.")

RISE_CHOICES = (
    ("", _("No rise")),
    ("0.1", _("+0.1 percentage points")),
    ("0.3", _("+0.3 percentage points")),
    ("0.5", _("+0.5 percentage points")),
    (CUSTOM, _("To a rate I choose")),
)
RISE_FIELDS = (
    Choice("rise", MSG_RISE, choices=tuple(code for code, _label in RISE_CHOICES if code)),
    Number("rise_to", MSG_RISE_TO, low=Decimal(0), high=MAX_RISE_RATE, places=4),
    Number("rise_fixed", MSG_RISE_FIXED, low=Decimal(0), high=MAX_RISE_FIXED),
    Whole("rise_after", MSG_RISE_AFTER, low=0, high=link.MAX_MONTHS - 1),
)


def _method_label(code: str) -> StrOrPromise:
    return PaymentMethod(code).label


class TextInput(forms.TextInput):
    """Django's text input, written out in Python instead of through its widget template: the
    calculator and comparison pages draw sixteen of them on every request, and the template
    route was a fifth of the page's rendering time. The same markup (tested)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            format_html(' value="{}"', str(shown)) if shown is not None else "",
            format_html_join(
                "",
                "{}",
                (
                    (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, str(v)),)
                    for k, v in widget["attrs"].items()
                    if v is not False
                ),
            ),
        )


def _text(
    label: StrOrPromise, help_text: StrOrPromise = "", numeric: bool = False
) -> forms.CharField:
    mode = "numeric" if numeric else "decimal"
    widget = TextInput(attrs={"inputmode": mode, "autocomplete": "off"})
    return forms.CharField(required=False, label=label, help_text=help_text, widget=widget)


def _choice(label: StrOrPromise, choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(required=False, choices=choices, widget=forms.RadioSelect, label=label)


@dataclass(frozen=True)
class RateRise:
    """The stress test: every rate rises after ``after_month`` months."""

    after_month: int
    add_percent: Decimal = Decimal("0")
    to_percent: Decimal | None = None
    fixed: Decimal | None = None

    def apply(self, terms: PlanTerms) -> PlanTerms:
        return terms.with_rate_rise(
            after_month=self.after_month,
            add_percent=self.add_percent,
            to_percent=self.to_percent,
            fixed=self.fixed,
        )


@dataclass(frozen=True)
class PresetOption:
    """A preset as the form shows it: its label and the split it stands for."""

    code: str
    label: Promise
    parts: tuple[tuple[StrOrPromise, Decimal], ...]  # (method label, percent), shares > 0 only
    average_ticket: Decimal
    mix_json: str  # for the script that pre-fills the custom mix

    @property
    def ticket_text(self) -> str:
        return f"{self.average_ticket:,.0f}"


def preset_options() -> list[PresetOption]:
    options = []
    for p in link.PRESETS.values():
        parts = tuple((_method_label(m), p.mix_percent[m]) for m in METHODS if p.mix_percent.get(m))
        mix_json = "{" + ",".join(f'"{m}":{p.mix_percent.get(m, 0)}' for m in METHODS) + "}"
        options.append(PresetOption(p.code, p.label, parts, p.average_ticket, mix_json))
    return options


class ProfileForm(forms.Form):
    """The merchant profile (and, on the calculator page, the stress test and chart pins)."""

    volume = _text(
        _("Monthly card and QR volume (元)"),
        _("All payments through the terminal in a month. Default 30,000 元."),
    )
    preset = _choice(
        _("Kind of business"),
        [(code, p.label) for code, p in link.PRESETS.items()] + [(CUSTOM, _("Custom mix"))],
    )
    ticket = _text(
        _("Average payment (元)"),
        _("Leave empty for the typical payment of your kind of business."),
    )
    months = _text(_("Months to compare"), _("1 to 60. Default 12."), numeric=True)
    settlement = _choice(
        _("Settlement"), [(T1, _("T+1 (next day, free)")), (INSTANT, _("Instant (D0 / 秒到)"))]
    )
    spm = _text(
        _("Instant settlements a month"),
        _("Only with instant settlement. Default 30."),
        numeric=True,
    )
    rise = _choice(_("If rates rise"), RISE_CHOICES)
    rise_to = _text(_("Raised rate (%)"), _("In percent, e.g. 1.5"))
    rise_fixed = _text(
        _("Plus a fixed fee per payment (元)"), _("e.g. 3. Leave empty to keep each plan's own.")
    )
    rise_after = _text(
        _("Rates rise after month"),
        _("Introductory rates are often raised after 3 to 6 months."),
        numeric=True,
    )

    # Fields that take a default when absent from the query (shown on the form).
    DEFAULTS: Mapping[str, str] = {**link.DEFAULTS, "rise_after": str(DEFAULT_RISE_AFTER)}
    MIX_FIELDS = link.MIX_FIELDS
    TICKET_FIELDS = link.TICKET_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in METHODS:
            mix = self.fields[f"mix_{code}"] = _text(_method_label(code))
            ticket = self.fields[f"ticket_{code}"] = _text(_method_label(code))
            # How the error summary names them (the inputs sit under their group's heading):
            # ``summary_label`` is an attribute of ours on Django's field, unknown to its stubs.
            mix.summary_label = format_lazy(  # type: ignore[attr-defined]  # our attribute
                "{} · {}", _("Custom mix (%)"), _method_label(code)
            )
            ticket.summary_label = format_lazy(  # type: ignore[attr-defined]  # our attribute
                "{} · {}", _("Average payment (元)"), _method_label(code)
            )
        self.reading: ProfileReading | None = None
        self.pins: tuple[int, ...] = ()
        self.pin_notice: str = ""
        self._read_pins()
        self._describe_inputs()

    def _describe_inputs(self) -> None:
        """Point each input at its help and its error holder; show defaults as placeholders."""
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.TextInput):
                continue
            ids = [f"error-{name}"]
            if field.help_text:
                ids.insert(0, f"id_{name}_helptext")
            field.widget.attrs["aria-describedby"] = " ".join(ids)
            if name in self.DEFAULTS:
                field.widget.attrs["placeholder"] = self.DEFAULTS[name]
        code = (self.data.get("preset") if self.is_bound else None) or link.DEFAULT_PRESET
        preset = link.PRESETS.get(str(code))
        ticket = preset.average_ticket if preset else link.DEFAULT_CUSTOM_TICKET
        self.fields["ticket"].widget.attrs["placeholder"] = plain(ticket)

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> ProfileForm:
        """The form bound to a query string, absent fields filled with their defaults.

        A field present but empty (the merchant cleared it) stays empty and takes its default
        when cleaned; the form then shows the default as a placeholder.
        """
        return cls(link.with_defaults(query, cls.DEFAULTS))

    # ------------------------------------------------------------------ reading

    def _read_pins(self) -> None:
        """Chart pins are lenient: they never block the ranking; extras are dropped, said so."""
        if not self.is_bound:
            return
        raw = self.data.getlist("pin") if hasattr(self.data, "getlist") else []
        pins: list[int] = []
        for value in raw:
            text = str(value).strip()
            if (
                text.isascii()
                and text.isdigit()
                and 0 < int(text) < 2**31
                and int(text) not in pins
            ):
                pins.append(int(text))
        if len(pins) > MAX_PINS:
            self.pin_notice = str(MSG_PINS_DROPPED % {"n": MAX_PINS})
        self.pins = tuple(pins[:MAX_PINS])

    def full_clean(self) -> None:
        """Read the profile and the stress test with the link-format readers."""
        self._errors = ErrorDict()
        self.cleaned_data: dict[str, Any] = {}
        if not self.is_bound:
            return
        reading = link.read_profile(self.data)
        rise, errors = read(RISE_FIELDS, self.data)
        errors = {**reading.errors, **errors}
        values = {**reading.values, **rise, "rise": rise["rise"] or ""}
        months = values["months"] or link.DEFAULT_MONTHS
        after = values["rise_after"]
        if values["rise"] and after is not None and "months" not in errors and after >= months:
            errors["rise_after"] = [
                str(MSG_RISE_AFTER_HORIZON % {"months": months, "last": months - 1})
            ]
        if values["rise"] == CUSTOM and values["rise_to"] is None and "rise_to" not in errors:
            errors["rise_to"] = [str(MSG_RISE_TO_REQUIRED)]
        for name, messages in errors.items():
            key = NON_FIELD_ERRORS if name == link.MIX else name
            self._errors[key] = self.error_class(messages)
        self.cleaned_data = values
        self.reading = reading

    @property
    def mix_errors(self) -> list[str]:
        """Errors about the custom mix as a whole (its total)."""
        # ErrorList yields its messages (a ValidationError held in it is read as its message).
        return cast(list[str], list(self.non_field_errors()))

    # ------------------------------------------------------------------ results

    def _reading(self) -> ProfileReading:
        if not self.is_valid() or self.reading is None:
            raise ValueError("the form is not valid")
        return self.reading

    @property
    def is_custom(self) -> bool:
        return bool(self._reading().values["preset"] == CUSTOM)

    @property
    def chosen_preset(self) -> link.Preset | None:
        return self._reading().preset

    def mix_percent(self) -> dict[str, Decimal]:
        """The payment mix in percent (method → percent > 0) that the profile uses."""
        return self._reading().mix_percent()

    def profile(self) -> Profile:
        """The engine profile for the cleaned form."""
        return self._reading().profile()

    def rate_rise(self) -> RateRise | None:
        """The stress test the merchant asked for, or None."""
        self._reading()
        data = self.cleaned_data
        rise = data["rise"]
        if not rise:
            return None
        after = DEFAULT_RISE_AFTER if data["rise_after"] is None else data["rise_after"]
        fixed = data["rise_fixed"]
        if rise == CUSTOM:
            return RateRise(after_month=after, to_percent=data["rise_to"], fixed=fixed)
        return RateRise(after_month=after, add_percent=Decimal(rise), fixed=fixed)

    def query(self, *, rise: bool = True, pins: bool = True) -> str:
        """The cleaned profile as a query string (DESIGN.md "Link format"), for shareable links:
        what the merchant gave, with the rise settings only when a rise is asked for."""
        pairs = self._reading().pairs()
        data = self.cleaned_data
        if rise and data["rise"]:
            names = ["rise", *(["rise_to"] if data["rise"] == CUSTOM else []), "rise_fixed"]
            pairs.extend((n, plain(data[n])) for n in (*names, "rise_after") if data[n] is not None)
        if pins:
            pairs.extend(("pin", str(p)) for p in self.pins)
        return urlencode(pairs)

    def profile_label(self) -> str:
        """A one-line summary, e.g. "30,000 元 a month · Retail · 12 months"."""
        return self._reading().label()

    # ------------------------------------------------------------------ display helpers

    def preset_options(self) -> list[PresetOption]:
        return preset_options()

    @property
    def chosen_option(self) -> PresetOption | None:
        """The chosen preset with the split it stands for (None for a custom mix)."""
        preset = self.chosen_preset
        return next((o for o in preset_options() if preset and o.code == preset.code), None)

    @property
    def shown(self) -> dict[str, str]:
        """The value each choice (radio) field shows: the bound data, else its default."""
        shown = {}
        for name in ("preset", "settlement", "rise"):
            value = self.data.get(name) if self.is_bound else None
            if value is None:
                value = self.DEFAULTS.get(name, link.DEFAULT_PRESET if name == "preset" else "")
            shown[name] = str(value)
        return shown

    def mix_fields(self) -> list[forms.BoundField]:
        return [self[f] for f in self.MIX_FIELDS]

    def ticket_fields(self) -> list[forms.BoundField]:
        return [self[f] for f in self.TICKET_FIELDS]


class OfferForm(forms.Form):
    """The merchant's own offer ("我有一份报价"): one input per offer link field, read through the
    offer's link format (``calculator.offer``), grouped as the plan's terms are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for method in METHODS:
            labels = [
                (offer.RATE_FIELDS[(method, t.name)].name, t.label, t.kind) for t in RATE_TERMS
            ]
            labels.append((offer.PROMO_FIELDS[method].name, _("introductory rate"), PERCENT))
            for name, label, kind in labels:
                unit = "%" if kind == PERCENT else "元"
                field = self.fields[name] = _text(format_lazy("{} ({})", label, unit))
                # How the error summary names it (the input sits under its method's heading).
                field.summary_label = format_lazy(  # type: ignore[attr-defined]
                    "{} · {}", _method_label(method), field.label
                )
        self.fields[offer.GROUP_FIELDS["cards"].name] = _text(
            _("One rate for both card types (%)"), _("Fills debit and credit cards left empty.")
        )
        self.fields[offer.GROUP_FIELDS["qr"].name] = _text(
            _("One rate for all QR codes (%)"),
            _("Fills WeChat Pay, Alipay and UnionPay QR left empty."),
        )
        for name, link_field in offer.TERM_FIELDS.items():
            term = TERMS_BY_NAME[name]
            unit = {MONEY: " (元)", PERCENT: " (%)"}.get(term.kind, "")
            self.fields[link_field.name] = _text(format_lazy("{}{}", term.label, unit))
        self.fields[offer.NAME.name] = forms.CharField(
            required=False,
            label=_("Name of the offer"),
            help_text=_("e.g. the agent's or the bank's name; up to 60 characters."),
            widget=TextInput(attrs={"autocomplete": "off"}),
        )
        self.fields[offer.SIGNED.name] = forms.CharField(
            required=False,
            label=_("Signed on"),
            help_text=_("YYYY-MM-DD. Gives the dates that cost money, as a calendar file."),
            widget=TextInput(attrs={"autocomplete": "off", "placeholder": "2026-12-01"}),
        )
        for name, form_field in self.fields.items():
            describedby = [f"error-{name}"]
            if form_field.help_text:
                describedby.insert(0, f"id_{name}_helptext")
            form_field.widget.attrs["aria-describedby"] = " ".join(describedby)
        self.reading: offer.OfferReading | None = None

    def full_clean(self) -> None:
        self._errors = ErrorDict()
        self.cleaned_data: dict[str, Any] = {}
        if not self.is_bound:
            return
        self.reading = offer.read_offer(self.data)
        for name, messages in self.reading.errors.items():
            self._errors[name] = self.error_class(messages)
        self.cleaned_data = dict(self.reading.values)

    @property
    def present(self) -> bool:
        """Whether the query names an offer (any ``offer_*`` field with a value)."""
        self.is_valid()
        return self.reading is not None and self.reading.present

    @property
    def offer(self) -> offer.Offer | None:
        """The offer, when one is given and every field of it is valid."""
        self.is_valid()
        return self.reading.offer if self.reading is not None else None

    def quick_fields(self) -> list[forms.BoundField]:
        return [self[offer.GROUP_FIELDS[k].name] for k in ("cards", "qr")]

    def rate_rows(
        self,
    ) -> list[tuple[StrOrPromise, list[forms.BoundField], list[forms.BoundField]]]:
        """Per payment method: its label, the main inputs (rate, fixed fee, cap) and the others
        (minimum, limit and the rate above it, introductory rate)."""
        rows = []
        for method in METHODS:
            fields = [self[offer.RATE_FIELDS[(method, t.name)].name] for t in RATE_TERMS]
            promo = self[offer.PROMO_FIELDS[method].name]
            rows.append((_method_label(method), fields[:3], [*fields[3:], promo]))
        return rows

    def groups(self) -> list[tuple[Promise, list[forms.BoundField]]]:
        """The plan's other terms in their groups (``catalog.terms.TERM_GROUPS``)."""
        return [
            (
                title,
                [
                    self[offer.TERM_FIELDS[t.name].name]
                    for t in terms
                    if t.name in offer.TERM_FIELDS
                ],
            )
            for title, terms in TERM_GROUPS
        ]

    def about_fields(self) -> list[forms.BoundField]:
        return [self[offer.NAME.name], self[offer.SIGNED.name]]
