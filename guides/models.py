"""Guides: China UnionPay POS response codes (应答码, ISO 8583 field 39).

The rows come from ``fixtures/response_codes.csv`` (meanings, whose side the problem is on, what to
do) plus ``fixtures/guides_codes.json`` (older-table category, approval, notes, sources); admins
may correct them. The troubleshooting and application guides are content in plain Python modules
(``guides/troubleshooting.py``, ``guides/apply.py``), not database rows.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

CODE_RE = r"^[0-9A-Z]{2}$"
MSG_CODE_FORMAT = _("A response code is two characters: digits or capital letters, e.g. 51 or A0.")


def normalise_code(value: str) -> str:
    """``' a0 '`` → ``'A0'``: codes are compared upper-case without surrounding spaces."""
    return (value or "").strip().upper()


class Party(models.TextChoices):
    """Whose side the problem is on. Empty when the code is a success or is not classified."""

    CARDHOLDER = "cardholder", _("Cardholder")
    MERCHANT = "merchant", _("Merchant")
    TERMINAL = "terminal", _("Terminal")
    ISSUER = "issuer", _("Card issuer")
    NETWORK = "network", _("Network / switch")


class LegacyCategory(models.TextChoices):
    """Handling categories of the older Chinese POS terminal tables (market-facts §4.2)."""

    A = "A", _("A · success")
    B = "B", _("B · failed, may retry")
    C = "C", _("C · failed, do not retry")
    D = "D", _("D · failed, operator must act")
    E = "E", _("E · failed, system fault")


class ResponseCodeQuerySet(models.QuerySet["ResponseCode"]):
    def matching_words(self, words: list[str]) -> ResponseCodeQuerySet:
        """Codes where every word appears in the code or in a text field (either language)."""
        qs = self
        for word in words:
            q = Q(code__istartswith=word)
            for name in ResponseCode.SEARCH_FIELDS:
                q |= Q(**{f"{name}__icontains": word})
            qs = qs.filter(q)
        return qs


class ResponseCode(models.Model):
    SEARCH_FIELDS = (
        "meaning_zh",
        "meaning_en",
        "action_zh",
        "action_en",
        "display_zh",
        "keywords",
    )

    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(CODE_RE, MSG_CODE_FORMAT)],
        help_text=_("Two characters, upper case, e.g. 51 or A0."),
    )
    meaning_zh = models.CharField(_("meaning (Chinese)"), max_length=200)
    meaning_en = models.CharField(_("meaning (English)"), max_length=200)
    party = models.CharField(
        _("whose side"),
        max_length=20,
        choices=Party.choices,
        blank=True,
        help_text=_("Empty for successes and for codes no side can be assigned to."),
    )
    approved = models.BooleanField(
        _("transaction approved"),
        default=False,
        help_text=_("The code means the payment went through (00, 10, 11, Y1 …)."),
    )
    action_zh = models.TextField(_("what to do (Chinese)"))
    action_en = models.TextField(_("what to do (English)"))
    legacy_category = models.CharField(
        _("older-table category"),
        max_length=1,
        choices=LegacyCategory.choices,
        blank=True,
        help_text=_("A–E handling class printed in older terminal tables; empty if not listed."),
    )
    in_cup_2014 = models.BooleanField(
        _("defined in Q/CUP 006.6-2014"),
        default=True,
        help_text=_("Off for codes found only in older terminal tables."),
    )
    display_zh = models.CharField(
        _("recommended terminal display"),
        max_length=100,
        blank=True,
        help_text=_("What the standard or a terminal vendor suggests the screen shows."),
    )
    keywords = models.CharField(
        _("extra search words"),
        max_length=300,
        blank=True,
        help_text=_("Words merchants type for this code, in either language, space-separated."),
    )
    notes_zh = models.TextField(_("notes (Chinese)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    sources = models.CharField(
        _("source keys"),
        max_length=100,
        blank=True,
        help_text=_("Keys of market-facts §9, comma-separated, e.g. S28, S29."),
    )

    objects = ResponseCodeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("response code")
        verbose_name_plural = _("response codes")
        constraints = [
            models.CheckConstraint(
                condition=Q(party="") | ~Q(approved=True),
                name="response_code_approved_has_no_party",
                violation_error_message=_("An approved code has no side at fault."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.meaning_zh}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = normalise_code(self.code)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guides:code_detail", kwargs={"code": self.code})

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        self.code = normalise_code(self.code)
        super().clean_fields(exclude=exclude)

    @property
    def _english(self) -> bool:
        return (get_language() or "").startswith("en")

    @property
    def meaning(self) -> str:
        """The meaning in the active language."""
        return self.meaning_en if self._english else self.meaning_zh

    @property
    def other_meaning(self) -> str:
        """The meaning in the other language (merchants meet both on screens and receipts)."""
        return self.meaning_zh if self._english else self.meaning_en

    @property
    def action(self) -> str:
        return self.action_en if self._english else self.action_zh

    @property
    def notes(self) -> str:
        return (self.notes_en or self.notes_zh) if self._english else self.notes_zh

    @property
    def source_keys(self) -> list[str]:
        return [k.strip() for k in self.sources.split(",") if k.strip()]
