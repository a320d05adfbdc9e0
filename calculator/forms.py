"""The merchant profile form: a query string in, an engine ``Profile`` out.

Field names are DESIGN.md's "Link format" — public, links are shared: ``volume`` (元/month),
``ticket`` (average 元), ``months``, ``settlement`` (``t1``/``instant``), ``spm`` (settlements
per month), ``preset`` (``retail``, ``restaurant``, ``wholesale``, ``small_shop``) or the custom mix
``mix_<method>`` in percent, optionally ``ticket_<method>`` per method. The calculator page adds
the rate-rise stress test (``rise``, ``rise_to``, ``rise_fixed``, ``rise_after``) and chart pins
(``pin=<plan id>``, repeated).

Missing fields take the defaults shown on the form; unknown fields are ignored; invalid values
are reported next to their field (in the user's language), never guessed. A custom mix is used
when ``preset`` is ``custom`` or absent while some ``mix_<method>`` is given; with a named
preset the mix fields are not used (the form says so).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from calculator import presets
from calculator.engine import METHODS, PlanTerms, Profile
from catalog.models import PaymentMethod

MAX_VOLUME = Decimal("100000000")
MIN_TICKET = Decimal("0.01")
MAX_TICKET = Decimal("1000000")
MIN_MONTHS, MAX_MONTHS = 1, 60
MIN_SPM, MAX_SPM = 1, 10000
MAX_RISE_RATE = Decimal("10")
MAX_RISE_FIXED = Decimal("100")
MAX_PINS = 5
CUSTOM = "custom"
T1, INSTANT = "t1", "instant"
DEFAULT_RISE_AFTER = 3
DEFAULT_CUSTOM_TICKET = Decimal("100")

# Error messages (constants, so tests can assert on them). Each names the accepted range.
MSG_VOLUME = _("Enter a monthly volume from 0 to 100,000,000 元, e.g. 30000 or 3万.")
MSG_TICKET = _("Enter an average ticket from 0.01 to 1,000,000 元.")
MSG_MONTHS = _("Enter a whole number of months from 1 to 60.")
MSG_SPM = _("Enter a whole number of settlements a month, from 1 to 10,000.")
MSG_SETTLEMENT = _("Choose T+1 or instant settlement.")
MSG_PRESET = _("Choose one of the kinds of business listed, or a custom mix.")
MSG_MIX_PERCENT = _("Enter a percentage from 0 to 100.")
MSG_MIX_TOTAL = _("Your custom mix must total 100 %%; it totals %(total)s %%.")
MSG_RISE = _("Choose one of the rate rises listed.")
MSG_RISE_TO = _("Enter the raised rate in percent, from 0 to 10.")
MSG_RISE_TO_REQUIRED = _("Enter the rate the plans rise to.")
MSG_RISE_FIXED = _("Enter a fixed fee from 0 to 100 元 per transaction.")
MSG_RISE_AFTER = _("Enter the month after which rates rise: a whole number from 0 to 59.")
MSG_RISE_AFTER_HORIZON = _(
    "The rise must start within your %(months)s months: enter 0 to %(last)s."
)
MSG_PINS_DROPPED = _("Only %(n)s plans can be pinned to the chart; the others were left out.")
MIN_PRODUCTS, MAX_PRODUCTS = 2, 6
MSG_PRODUCTS_FEW = _("Choose at least 2 terminals to compare: add one below.")
MSG_PRODUCTS_MANY = _("Compare at most 6 terminals at a time; this link names %(n)s.")
MSG_PRODUCTS_TWICE = _("Each terminal can be compared once; listed twice: %(slugs)s.")
MSG_PRODUCTS_UNKNOWN = _(
    "We have no terminal called %(slugs)s. The link may be mistyped, or the terminal removed."
)
SLUG_SHOWN = 40  # characters of an unknown slug repeated in a message

_WAN = re.compile(r"^(?P<number>.*?)\s*万$")


def _method_label(code: str) -> Promise:
    return PaymentMethod(code).label


class YuanField(forms.DecimalField):
    """A decimal that also accepts what merchants type: ``30,000``, ``3万``, ``120元``, ``5%``."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            text = value.strip().replace(",", "").replace("，", "").replace(" ", "")
            text = text.removesuffix("元").removesuffix("%").removesuffix("％")
            match = _WAN.match(text)
            if match:
                try:
                    number = Decimal(match["number"])
                except InvalidOperation:
                    raise forms.ValidationError(
                        self.error_messages["invalid"], code="invalid"
                    ) from None
                if not number.is_finite():
                    raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
                text = f"{number * 10000:f}"
            value = text
        return super().to_python(value)

    def run_validators(self, value: Any) -> None:
        """One message per field: the bounds and digit checks all say the same thing."""
        try:
            super().run_validators(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.error_list[:1]) from None


def _messages(message: Promise) -> dict[str, Promise]:
    """The same clear message for every way a number can be wrong."""
    keys = ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places")
    return {key: message for key in (*keys, "max_whole_digits", "required", "invalid_choice")}


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


def _text(inputmode: str = "decimal", **attrs: str) -> forms.TextInput:
    return TextInput(attrs={"inputmode": inputmode, "autocomplete": "off", **attrs})


def _yuan(
    message: Promise, *, low: Decimal, high: Decimal, places: int = 2, **kw: Any
) -> YuanField:
    return YuanField(
        required=False,
        min_value=low,
        max_value=high,
        max_digits=14,
        decimal_places=places,
        error_messages=_messages(message),
        widget=_text(),
        **kw,
    )


def _whole(message: Promise, *, low: int, high: int, **kw: Any) -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=low,
        max_value=high,
        error_messages=_messages(message),
        widget=_text("numeric"),
        **kw,
    )


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
    parts: tuple[tuple[Promise, Decimal], ...]  # (method label, percent), shares > 0 only
    average_ticket: Decimal
    mix_json: str  # for the script that pre-fills the custom mix

    @property
    def ticket_text(self) -> str:
        return f"{self.average_ticket:,.0f}"


def preset_options() -> list[PresetOption]:
    options = []
    for p in presets.PRESETS.values():
        parts = tuple((_method_label(m), p.mix_percent[m]) for m in METHODS if p.mix_percent.get(m))
        mix_json = "{" + ",".join(f'"{m}":{p.mix_percent.get(m, 0)}' for m in METHODS) + "}"
        options.append(PresetOption(p.code, p.label, parts, p.average_ticket, mix_json))
    return options


class ProfileForm(forms.Form):
    """The merchant profile (and, on the calculator page, the stress test and chart pins)."""

    volume = _yuan(
        MSG_VOLUME,
        low=Decimal("0"),
        high=MAX_VOLUME,
        label=_("Monthly card and QR volume (元)"),
        help_text=_("All payments through the terminal in a month. Default 30,000 元."),
    )
    preset = forms.ChoiceField(
        required=False,
        choices=[(code, p.label) for code, p in presets.PRESETS.items()]
        + [(CUSTOM, _("Custom mix"))],
        widget=forms.RadioSelect,
        label=_("Kind of business"),
        error_messages=_messages(MSG_PRESET),
    )
    ticket = _yuan(
        MSG_TICKET,
        low=MIN_TICKET,
        high=MAX_TICKET,
        label=_("Average payment (元)"),
        help_text=_("Leave empty for the typical payment of your kind of business."),
    )
    months = _whole(
        MSG_MONTHS,
        low=MIN_MONTHS,
        high=MAX_MONTHS,
        label=_("Months to compare"),
        help_text=_("1 to 60. Default 12."),
    )
    settlement = forms.ChoiceField(
        required=False,
        choices=[(T1, _("T+1 (next day, free)")), (INSTANT, _("Instant (D0 / 秒到)"))],
        widget=forms.RadioSelect,
        label=_("Settlement"),
        error_messages=_messages(MSG_SETTLEMENT),
    )
    spm = _whole(
        MSG_SPM,
        low=MIN_SPM,
        high=MAX_SPM,
        label=_("Instant settlements a month"),
        help_text=_("Only with instant settlement. Default 30."),
    )
    rise = forms.ChoiceField(
        required=False,
        choices=[
            ("", _("No rise")),
            ("0.1", _("+0.1 percentage points")),
            ("0.3", _("+0.3 percentage points")),
            ("0.5", _("+0.5 percentage points")),
            (CUSTOM, _("To a rate I choose")),
        ],
        widget=forms.RadioSelect,
        label=_("If rates rise"),
        error_messages=_messages(MSG_RISE),
    )
    rise_to = _yuan(
        MSG_RISE_TO,
        low=Decimal("0"),
        high=MAX_RISE_RATE,
        places=4,
        label=_("Raised rate (%)"),
        help_text=_("In percent, e.g. 1.5"),
    )
    rise_fixed = _yuan(
        MSG_RISE_FIXED,
        low=Decimal("0"),
        high=MAX_RISE_FIXED,
        label=_("Plus a fixed fee per payment (元)"),
        help_text=_("e.g. 3. Leave empty to keep each plan's own."),
    )
    rise_after = _whole(
        MSG_RISE_AFTER,
        low=0,
        high=MAX_MONTHS - 1,
        label=_("Rates rise after month"),
        help_text=_("Introductory rates are often raised after 3 to 6 months."),
    )

    # Fields that take a default when absent from the query (shown on the form).
    DEFAULTS: Mapping[str, str] = {
        "volume": f"{presets.DEFAULT_VOLUME:f}",
        "months": str(presets.DEFAULT_MONTHS),
        "settlement": T1,
        "spm": str(presets.DEFAULT_SETTLEMENTS_PER_MONTH),
        "rise_after": str(DEFAULT_RISE_AFTER),
    }
    MIX_FIELDS = tuple(f"mix_{m}" for m in METHODS)
    TICKET_FIELDS = tuple(f"ticket_{m}" for m in METHODS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in METHODS:
            self.fields[f"mix_{code}"] = _yuan(
                MSG_MIX_PERCENT,
                low=Decimal("0"),
                high=Decimal("100"),
                label=_method_label(code),
            )
            self.fields[f"ticket_{code}"] = _yuan(
                MSG_TICKET, low=MIN_TICKET, high=MAX_TICKET, label=_method_label(code)
            )
            # How the error summary names them (the inputs sit under their group's heading).
            self.fields[f"mix_{code}"].summary_label = format_lazy(  # type: ignore[attr-defined]
                "{} · {}", _("Custom mix (%)"), _method_label(code)
            )
            self.fields[f"ticket_{code}"].summary_label = format_lazy(  # type: ignore[attr-defined]
                "{} · {}", _("Average payment (元)"), _method_label(code)
            )
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
        code = (self.data.get("preset") if self.is_bound else None) or presets.DEFAULT_PRESET
        preset = presets.PRESETS.get(str(code))
        ticket = preset.average_ticket if preset else DEFAULT_CUSTOM_TICKET
        self.fields["ticket"].widget.attrs["placeholder"] = _plain(ticket)

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> ProfileForm:
        """The form bound to a query string, absent fields filled with their defaults.

        A field present but empty (the merchant cleared it) stays empty and takes its default
        when cleaned; the form then shows the default as a placeholder.
        """
        data = QueryDict(mutable=True)
        if isinstance(query, QueryDict):
            for key in query:
                data.setlist(key, query.getlist(key))
        else:
            for key, value in query.items():
                if isinstance(value, list | tuple):
                    data.setlist(key, [str(v) for v in value])
                else:
                    data[key] = str(value)
        for key, value in cls.DEFAULTS.items():
            if key not in data:
                data[key] = value
        if "preset" not in data:
            has_mix = any((data.get(f) or "").strip() for f in cls.MIX_FIELDS)
            data["preset"] = CUSTOM if has_mix else presets.DEFAULT_PRESET
        return cls(data)

    # ------------------------------------------------------------------ cleaning

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

    def clean_preset(self) -> str:
        return self.cleaned_data.get("preset") or presets.DEFAULT_PRESET

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("preset") == CUSTOM and not any(f in self.errors for f in self.MIX_FIELDS):
            total = sum((data.get(f) or Decimal("0") for f in self.MIX_FIELDS), Decimal("0"))
            if total != 100:
                self.add_error(None, MSG_MIX_TOTAL % {"total": f"{total.normalize():f}"})
        months = data.get("months") or presets.DEFAULT_MONTHS
        after = data.get("rise_after")
        if (
            data.get("rise")
            and after is not None
            and "months" not in self.errors
            and after >= months
        ):
            self.add_error(
                "rise_after",
                MSG_RISE_AFTER_HORIZON % {"months": months, "last": months - 1},
            )
        if (
            data.get("rise") == CUSTOM
            and data.get("rise_to") is None
            and "rise_to" not in self.errors
        ):
            self.add_error("rise_to", MSG_RISE_TO_REQUIRED)
        return data

    @property
    def mix_errors(self) -> list[str]:
        """Errors about the custom mix as a whole (its total)."""
        return list(self.non_field_errors())

    # ------------------------------------------------------------------ results

    def _value(self, name: str) -> Any:
        if not self.is_valid():
            raise ValueError("the form is not valid")
        return self.cleaned_data.get(name)

    @property
    def is_custom(self) -> bool:
        return self._value("preset") == CUSTOM

    @property
    def chosen_preset(self) -> presets.Preset | None:
        code = self._value("preset")
        return presets.PRESETS.get(code)

    def mix_percent(self) -> dict[str, Decimal]:
        """The payment mix in percent (method → percent > 0) that the profile uses."""
        preset = self.chosen_preset
        if preset is not None:
            return {m: p for m, p in preset.mix_percent.items() if p}
        return {m: self._value(f"mix_{m}") for m in METHODS if (self._value(f"mix_{m}") or 0) > 0}

    def default_ticket(self) -> Decimal:
        preset = self.chosen_preset
        return preset.average_ticket if preset is not None else DEFAULT_CUSTOM_TICKET

    def profile(self) -> Profile:
        """The engine profile for the cleaned form."""
        volume = self._value("volume")
        ticket = self._value("ticket")
        months = self._value("months")
        spm = self._value("spm")
        per_method = {
            m: self._value(f"ticket_{m}") for m in METHODS if self._value(f"ticket_{m}") is not None
        }
        return Profile(
            monthly_volume=presets.DEFAULT_VOLUME if volume is None else volume,
            mix={m: p / 100 for m, p in self.mix_percent().items()},
            average_ticket=ticket if ticket is not None else self.default_ticket(),
            months=months if months is not None else presets.DEFAULT_MONTHS,
            instant_settlement=self._value("settlement") == INSTANT,
            settlements_per_month=(
                spm if spm is not None else presets.DEFAULT_SETTLEMENTS_PER_MONTH
            ),
            average_tickets=per_method or None,
        )

    def rate_rise(self) -> RateRise | None:
        """The stress test the merchant asked for, or None."""
        rise = self._value("rise")
        if not rise:
            return None
        after = self._value("rise_after")
        after = DEFAULT_RISE_AFTER if after is None else after
        fixed = self._value("rise_fixed")
        if rise == CUSTOM:
            return RateRise(after_month=after, to_percent=self._value("rise_to"), fixed=fixed)
        return RateRise(after_month=after, add_percent=Decimal(rise), fixed=fixed)

    def query(self, *, rise: bool = True, pins: bool = True) -> str:
        """The cleaned profile as a query string (DESIGN.md "Link format"), for shareable links.

        Only what the merchant gave (or the defaults the form showed) is written; fields that
        are not in use (the mix with a named preset, the rise settings without a rise) are left
        out, so a link says exactly what was priced.
        """
        data = self.cleaned_data
        pairs: list[tuple[str, str]] = []

        def put(name: str, value: Any) -> None:
            if value is None or value == "":
                return
            pairs.append((name, _plain(value)))

        put("volume", data.get("volume"))
        put("ticket", data.get("ticket"))
        put("months", data.get("months"))
        put("settlement", data.get("settlement"))
        if data.get("settlement") == INSTANT:
            put("spm", data.get("spm"))
        if data.get("preset") == CUSTOM:
            for m in METHODS:
                if data.get(f"mix_{m}"):
                    put(f"mix_{m}", data.get(f"mix_{m}"))
        else:
            put("preset", data.get("preset"))
        for m in METHODS:
            put(f"ticket_{m}", data.get(f"ticket_{m}"))
        if rise and data.get("rise"):
            put("rise", data.get("rise"))
            if data.get("rise") == CUSTOM:
                put("rise_to", data.get("rise_to"))
            put("rise_fixed", data.get("rise_fixed"))
            put("rise_after", data.get("rise_after"))
        if pins:
            pairs.extend(("pin", str(p)) for p in self.pins)
        return urlencode(pairs)

    def profile_label(self) -> str:
        """A one-line summary, e.g. "30,000 元 a month · Retail · 12 months"."""
        return profile_label(self.profile(), self.chosen_preset)

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
                value = self.DEFAULTS.get(name, presets.DEFAULT_PRESET if name == "preset" else "")
            shown[name] = str(value)
        return shown

    def mix_fields(self) -> list[forms.BoundField]:
        return [self[f] for f in self.MIX_FIELDS]

    def ticket_fields(self) -> list[forms.BoundField]:
        return [self[f] for f in self.TICKET_FIELDS]


def profile_label(profile: Profile, preset: presets.Preset | None) -> str:
    """A profile in one line, e.g. "30,000 元 a month · Retail · 12 months" (``preset`` None:
    a custom mix)."""
    kind = preset.label if preset is not None else _("custom mix")
    return str(
        _("%(volume)s 元 a month · %(kind)s · %(months)s months")
        % {"volume": f"{profile.monthly_volume:,.0f}", "kind": kind, "months": profile.months}
    )


def _slug_list(values: list[str]) -> list[str]:
    """``["a,b", "c"]`` → ``["a", "b", "c"]``: commas (also full-width) or spaces separate."""
    slugs = []
    for value in values:
        for part in re.split(r"[,，\s]+", value):
            if part:
                slugs.append(part)
    return slugs


def _shown(slugs: list[str]) -> str:
    return ", ".join(s if len(s) <= SLUG_SHOWN else s[:SLUG_SHOWN] + "…" for s in slugs[:6])


class ComparisonForm(forms.Form):
    """The products of a comparison: ``products=<slug>,<slug>,…`` (repeatable), ``add``, one
    more slug from the page's picker (ignored when already chosen), ``remove``, a slug to take
    out (the page's remove buttons), and ``diff=1`` to show only the rows where the products
    differ.

    Bound with :meth:`from_query`. ``slugs`` are the distinct slugs in the order given; whether
    each names a real product is only known after the lookup: :meth:`check_known`.
    """

    products = forms.CharField(required=False)
    add = forms.CharField(required=False)
    remove = forms.CharField(required=False)
    diff = forms.BooleanField(required=False)

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> ComparisonForm:
        getlist = getattr(query, "getlist", None)
        values = getlist("products") if getlist else [query.get("products") or ""]
        data = {
            "products": ",".join(str(v) for v in values),
            "add": query.get("add") or "",
            "remove": query.get("remove") or "",
            "diff": query.get("diff") or "",
        }
        form = cls(data)
        form.given = bool(_slug_list([data["products"], str(data["add"])]))
        return form

    given: bool = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        slugs = _slug_list([data.get("products") or ""])
        twice = sorted({s for s in slugs if slugs.count(s) > 1}, key=slugs.index)
        distinct = list(dict.fromkeys(slugs))
        add = (data.get("add") or "").strip()
        if add and add not in distinct:
            distinct.append(add)
        remove = (data.get("remove") or "").strip()
        if remove:
            distinct = [s for s in distinct if s != remove]
        data["slugs"] = distinct
        if twice:
            self.add_error("products", MSG_PRODUCTS_TWICE % {"slugs": _shown(twice)})
        if len(distinct) > MAX_PRODUCTS:
            self.add_error("products", MSG_PRODUCTS_MANY % {"n": len(distinct)})
        elif len(distinct) < MIN_PRODUCTS:
            self.add_error("products", MSG_PRODUCTS_FEW)
        return data

    @property
    def slugs(self) -> list[str]:
        """The distinct slugs asked for, in order (also when the form has errors)."""
        self.is_valid()
        return list(self.cleaned_data.get("slugs", []))

    def check_known(self, known: Collection[str]) -> None:
        """Report the slugs that name no product (``known``: those that do)."""
        unknown = [s for s in self.slugs if s not in known]
        if unknown:
            self.add_error("products", MSG_PRODUCTS_UNKNOWN % {"slugs": _shown(unknown)})

    @property
    def messages(self) -> list[str]:
        return [str(m) for m in self.errors.get("products", [])]

    @property
    def only_differences(self) -> bool:
        self.is_valid()
        return bool(self.cleaned_data.get("diff"))


def _plain(value: Any) -> str:
    """``Decimal('30000.00')`` → ``'30000'``; ``Decimal('0.50')`` → ``'0.5'``."""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    return str(value)
