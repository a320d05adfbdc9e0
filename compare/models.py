"""Share links: a comparison saved as a quote (DESIGN.md "Comparison and share links").

A ``SharedComparison`` keeps everything its page shows — the products as they were, the plan
terms used and the merchant profile — in ``snapshot``, so the link shows the same figures
forever, whatever happens to the catalog afterwards. It is never edited after it is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # settings.AUTH_USER_MODEL

CODE_MIN_LENGTH = 8


class SharedComparisonQuerySet(models.QuerySet["SharedComparison"]):
    def made_by(self, user: User) -> SharedComparisonQuerySet:
        return self.filter(creator=user)


class SharedComparison(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True, editable=False)
    products = models.JSONField(_("products"), default=list, help_text=_("Slugs, in column order."))
    profile = models.TextField(
        _("merchant profile"), blank=True, help_text=_("As a query string (the link format).")
    )
    snapshot = models.JSONField(
        _("snapshot"), help_text=_("The products, plan terms and profile the figures came from.")
    )
    fees_on = models.DateField(_("fees in force on"))
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shared_comparisons",
        verbose_name=_("made by"),
    )
    view_count = models.PositiveIntegerField(_("views"), default=0)

    objects = SharedComparisonQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("shared comparison")
        verbose_name_plural = _("shared comparisons")
        indexes = [models.Index(fields=["creator", "-created"], name="shared_creator_created")]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("code"), CODE_MIN_LENGTH),
                name="shared_code_min_length",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("compare:shared", kwargs={"code": self.code})
