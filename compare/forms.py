"""The products of a comparison in a link: ``products=<slug>,<slug>,…`` (DESIGN.md "Comparison
and share links")."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

MIN_PRODUCTS, MAX_PRODUCTS = 2, 6
MSG_PRODUCTS_FEW = _("Choose at least 2 terminals to compare: add one below.")
MSG_PRODUCTS_MANY = _("Compare at most 6 terminals at a time; this link names %(n)s.")
MSG_PRODUCTS_TWICE = _("Each terminal can be compared once; listed twice: %(slugs)s.")
MSG_PRODUCTS_UNKNOWN = _(
    "We have no terminal called %(slugs)s. The link may be mistyped, or the terminal removed."
)
SLUG_SHOWN = 40  # characters of an unknown slug repeated in a message


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
        data = cast(dict[str, Any], super().clean())  # a form's clean returns its cleaned_data
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
