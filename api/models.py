"""Releases of the open dataset: every fee-data version's file, kept so a citation stays
reproducible (``/data/v/<version>/fees.json`` serves exactly what was published)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetRelease(models.Model):
    version = models.CharField(
        _("version"),
        max_length=20,
        unique=True,
        help_text=_("The start of the SHA-256 digest of the data: the same data, the same name."),
    )
    published = models.DateTimeField(_("published"), auto_now_add=True)
    data_date = models.DateField(_("data date"), help_text=_("When the fee data last changed."))
    content = models.TextField(_("fees.json"))
    csv = models.TextField(_("fees.csv"))

    class Meta:
        ordering = ["-published"]
        verbose_name = _("dataset release")
        verbose_name_plural = _("dataset releases")

    def __str__(self) -> str:
        return f"{self.version} ({self.data_date.isoformat()})"
