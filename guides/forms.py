"""Query-string forms of the guides. Bad input gets a message next to the field, never a 500."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Brand
from guides import apply, troubleshooting
from guides.models import Party

SEARCH_MAX_LENGTH = 40
MSG_SEARCH_TOO_LONG = _(
    "Type at most %(limit_value)d characters: a code such as 51 or a few words such as 余额."
)
MSG_UNKNOWN_STEP = _("There is no such step. Choose one of the steps below.")
MSG_UNKNOWN_BRAND = _("We do not know that brand. Choose it from the list, or leave it empty.")
MSG_UNKNOWN_TYPE = _("Choose one of the three merchant types.")
MSG_UNKNOWN_ITEM = _("This list has no item “%(value)s”. Untick it and try again.")


class CodeSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Code or words"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": MSG_SEARCH_TOO_LONG},
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("e.g. 51, A0, 余额, 密码, expired"),
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "enterkeyhint": "search",
            }
        ),
    )
    party = forms.ChoiceField(
        label=_("Whose side"),
        required=False,
        choices=[("", _("Anyone"))] + list(Party.choices),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data.get("q", "").split())


class TroubleshootForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Step"),
        required=False,
        choices=[(s.slug, s.title) for s in troubleshooting.STEPS],
        error_messages={"invalid_choice": MSG_UNKNOWN_STEP},
    )
    brand = forms.ChoiceField(
        label=_("Your terminal's brand"),
        required=False,
        error_messages={"invalid_choice": MSG_UNKNOWN_BRAND},
    )

    def __init__(self, *args: Any, brands: Iterable[Brand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        brand = cast(forms.ChoiceField, self.fields["brand"])
        brand.choices = [("", _("I don't know / not listed"))] + [
            (b.slug, b.display_name) for b in brands
        ]


class ChecklistForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Merchant type"),
        required=False,
        choices=[(t.slug, t.name) for t in apply.MERCHANT_TYPES],
        error_messages={"invalid_choice": MSG_UNKNOWN_TYPE},
    )
    have = forms.MultipleChoiceField(
        label=_("Ready"),
        required=False,
        choices=[(m.slug, m.name) for m in apply.MATERIALS],
        error_messages={"invalid_choice": MSG_UNKNOWN_ITEM},
    )
