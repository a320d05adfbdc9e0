"""Merchants' fee reports (费率晒单): what a merchant says they pay for a terminal, with how well it
is backed (the evidence tier), moderated by fee editors before it counts.

Nothing that identifies a merchant is stored: no name, phone, merchant or card number (the form
refuses text that looks like one). ``client`` is a keyed hash of the sender's address, kept only to
tell senders apart (the "3 different clients" rule, duplicates, rate limits); it cannot be turned
back into the address without the site's secret key.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalog.models import MONEY_DIGITS, RATE_DIGITS, Brand, PaymentMethod, Product, decimal_field


class Province(models.TextChoices):
    """Province-level divisions of mainland China (a report's city, at province level)."""

    BEIJING = "beijing", _("Beijing")
    TIANJIN = "tianjin", _("Tianjin")
    HEBEI = "hebei", _("Hebei")
    SHANXI = "shanxi", _("Shanxi")
    NEIMENGGU = "neimenggu", _("Inner Mongolia")
    LIAONING = "liaoning", _("Liaoning")
    JILIN = "jilin", _("Jilin")
    HEILONGJIANG = "heilongjiang", _("Heilongjiang")
    SHANGHAI = "shanghai", _("Shanghai")
    JIANGSU = "jiangsu", _("Jiangsu")
    ZHEJIANG = "zhejiang", _("Zhejiang")
    ANHUI = "anhui", _("Anhui")
    FUJIAN = "fujian", _("Fujian")
    JIANGXI = "jiangxi", _("Jiangxi")
    SHANDONG = "shandong", _("Shandong")
    HENAN = "henan", _("Henan")
    HUBEI = "hubei", _("Hubei")
    HUNAN = "hunan", _("Hunan")
    GUANGDONG = "guangdong", _("Guangdong")
    GUANGXI = "guangxi", _("Guangxi")
    HAINAN = "hainan", _("Hainan")
    CHONGQING = "chongqing", _("Chongqing")
    SICHUAN = "sichuan", _("Sichuan")
    GUIZHOU = "guizhou", _("Guizhou")
    YUNNAN = "yunnan", _("Yunnan")
    XIZANG = "xizang", _("Tibet")
    SHAANXI = "shaanxi", _("Shaanxi")
    GANSU = "gansu", _("Gansu")
    QINGHAI = "qinghai", _("Qinghai")
    NINGXIA = "ningxia", _("Ningxia")
    XINJIANG = "xinjiang", _("Xinjiang")


class Report(models.Model):
    class Tier(models.TextChoices):
        TYPED = "t0", _("Typed only")
        PAYMENT = "t1", _("Checked against one payment")
        STATEMENT = "t2", _("Measured in a statement check-up")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class SimEvery(models.IntegerChoices):
        MONTH = 1, _("every month")
        QUARTER = 3, _("every quarter")
        YEAR = 12, _("every year")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, null=True, blank=True, related_name="fee_reports"
    )
    # When the model is unknown: the brand and the kind of terminal.
    brand = models.ForeignKey(
        Brand, on_delete=models.CASCADE, null=True, blank=True, related_name="fee_reports"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Product.Kind.choices, blank=True)
    province = models.CharField(_("province"), max_length=20, choices=Province.choices)
    since = models.DateField(_("using it since (month)"))
    instant_percent = decimal_field(RATE_DIGITS, _("instant settlement (秒到) fee (%)"), null=True)
    instant_fixed = decimal_field(
        MONEY_DIGITS, _("instant settlement fee per settlement (元)"), null=True, default=None
    )
    sim_fee = decimal_field(MONEY_DIGITS, _("SIM / data fee (元)"), null=True, default=None)
    sim_every = models.PositiveSmallIntegerField(
        _("SIM fee taken"), choices=SimEvery.choices, null=True, blank=True
    )
    deposit = decimal_field(MONEY_DIGITS, _("deposit (元)"), null=True, default=None)
    deposit_returned = models.BooleanField(_("deposit came back"), null=True, blank=True)
    is_seller = models.BooleanField(_("sender is an agent or sells terminals"), default=False)
    tier = models.CharField(_("evidence"), max_length=2, choices=Tier.choices, default=Tier.TYPED)
    # T1: one payment as the terminal or the app shows it (amount and fee), checked on receipt.
    proof_method = models.CharField(
        _("payment checked: method"), max_length=20, choices=PaymentMethod.choices, blank=True
    )
    proof_amount = decimal_field(
        MONEY_DIGITS, _("payment checked: amount"), null=True, default=None
    )
    proof_fee = decimal_field(MONEY_DIGITS, _("payment checked: fee"), null=True, default=None)
    note = models.CharField(_("note"), max_length=500, blank=True)
    client = models.CharField(
        _("sender (keyed hash)"), max_length=64, db_index=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    reason = models.CharField(_("reason (shown to editors)"), max_length=200, blank=True)
    created = models.DateTimeField(_("received"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee report")
        verbose_name_plural = _("fee reports")
        ordering = ("-created",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(product__isnull=False) | models.Q(brand__isnull=False),
                name="report_product_or_brand",
            )
        ]

    def __str__(self) -> str:
        subject = self.product or self.brand
        return f"#{self.pk} {subject} ({self.get_status_display()})"


class ReportRate(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="rates")
    method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices)
    percent = decimal_field(RATE_DIGITS, _("rate (%)"))
    cap = decimal_field(MONEY_DIGITS, _("cap per payment (元)"), null=True, default=None)

    class Meta:
        verbose_name = _("reported rate")
        verbose_name_plural = _("reported rates")
        constraints = [
            models.UniqueConstraint(fields=("report", "method"), name="report_rate_per_method")
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.percent}%"


class ReportChange(models.Model):
    """A rate change the merchant saw: from ``old`` to ``new`` percent in ``month``."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="changes")
    method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices)
    old = decimal_field(RATE_DIGITS, _("rate before (%)"))
    new = decimal_field(RATE_DIGITS, _("rate after (%)"))
    month = models.DateField(_("month of the change"))

    class Meta:
        verbose_name = _("reported rate change")
        verbose_name_plural = _("reported rate changes")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.old}% → {self.new}% ({self.month:%Y-%m})"


class Flag(models.Model):
    """A visitor's "这条不对" on a report, for the editors to look at."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld (report withdrawn)")
        DISMISSED = "dismissed", _("Dismissed")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("what is wrong"), max_length=300)
    client = models.CharField(_("sender (keyed hash)"), max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created = models.DateTimeField(_("received"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ("-created",)

    def __str__(self) -> str:
        return f"{self.report_id}: {self.reason[:40]}"
