"""Catalog: brands, products, features and effective-dated fee schedules (plans) with rates.

Money is ``Decimal`` in 元 with two decimals; rates are percent of the amount with up to four
decimals (``0.60`` means 0.60 %). Fee changes are new plan versions, never silent rewrites.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, overload

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalog.terms import PlanLabel, Tier, figure_keys, provenance_errors, recorded_label

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise

    # A decimal model field as Django's stubs type it (what it takes, what it gives): the
    # helpers below say from ``null=True`` whether its value is ``Decimal`` or ``Decimal | None``.
    _DecimalSet = str | float | Decimal | Combinable
    _DecimalField = models.DecimalField[_DecimalSet, Decimal]
    _NullDecimalField = models.DecimalField[_DecimalSet | None, Decimal | None]

MAX_RATE = Decimal("5")
ZERO = Decimal("0")

MSG_OVERLAP = _(
    "Another version of plan “%(name)s” for this product is in force from %(start)s to %(end)s; "
    "periods of the same plan must not overlap. Close the other version first "
    "or choose a different start date."
)
MSG_VALID_TO = _("The end date must be after the start date.")
MSG_CAP_BELOW_MIN = _("The cap per transaction must not be below the minimum per transaction.")
MSG_LIMIT_PAIR = _("Give both the amount limit and the rate above it, or neither.")
MSG_REFUND_PAIR = _("Give both the refund volume and the days allowed, or neither.")


MONEY_DIGITS = (14, 2)  # max digits, decimal places: 元 with 分
RATE_DIGITS = (6, 4)  # percent, four decimals


@overload
def decimal_field(
    digits: tuple[int, int], verbose_name: StrOrPromise, *, null: Literal[True], **kwargs: Any
) -> _NullDecimalField: ...
@overload
def decimal_field(
    digits: tuple[int, int],
    verbose_name: StrOrPromise,
    *,
    null: Literal[False] = ...,
    **kwargs: Any,
) -> _DecimalField: ...
def decimal_field(
    digits: tuple[int, int], verbose_name: StrOrPromise, **kwargs: Any
) -> models.DecimalField[Any, Any]:
    """A money (``MONEY_DIGITS``: 0 or more, default 0) or rate (``RATE_DIGITS``: 0–5 %) field."""
    validators: list[Any] = [MinValueValidator(ZERO)]
    if digits is MONEY_DIGITS:
        kwargs.setdefault("default", ZERO)
    else:
        validators.append(MaxValueValidator(MAX_RATE))
    max_digits, places = digits
    return models.DecimalField(
        verbose_name, max_digits=max_digits, decimal_places=places, validators=validators, **kwargs
    )


class LockVersioned(models.Model):
    """Optimistic locking: every save bumps ``lock_version``.

    An edit form carries the number it was opened with; a save whose number is no longer the
    stored one is refused (someone else saved in between), so no change is silently lost.
    """

    lock_version = models.PositiveIntegerField(
        _("edit number"),
        default=0,
        help_text=_("Counts the saves; used to refuse a save based on an outdated form."),
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.lock_version = (self.lock_version or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "lock_version"}
        super().save(*args, **kwargs)


def audit_history(**kwargs: Any) -> HistoricalRecords:
    """Audit history of a catalog model: who changed what, when, before and after, and why."""
    return HistoricalRecords(excluded_fields=["lock_version"], **kwargs)


class Bilingual:
    """Pick a field's English variant (``<field>_en``) when English is active and it is filled."""

    def tr(self, field: str) -> str:
        if (get_language() or "").startswith("en"):
            english = getattr(self, f"{field}_en", "")
            if english:
                return english
        value: str = getattr(self, field)
        return value

    @property
    def display_name(self) -> str:
        return self.tr("name")

    @property
    def display_description(self) -> str:
        return self.tr("description")


class PaymentMethod(models.TextChoices):
    DEBIT_CARD = "debit_card", _("Debit card")
    CREDIT_CARD = "credit_card", _("Credit card")
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    UNIONPAY_QR = "unionpay_qr", _("UnionPay QR / QuickPass")
    CONTACTLESS = "contactless", _("Contactless (NFC)")


class Brand(Bilingual, LockVersioned):
    class Kind(models.TextChoices):
        ACQUIRER = "acquirer", _("Acquirer (payment licence holder)")
        TERMINAL_MAKER = "terminal_maker", _("Terminal maker")
        PRODUCT_BRAND = "product_brand", _("Product brand (licence holder not identified)")

    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    legal_name = models.CharField(_("company name"), max_length=200, blank=True)
    licence_number = models.CharField(_("payment licence number"), max_length=40, blank=True)
    licence_scope = models.CharField(_("licence scope"), max_length=300, blank=True)
    licence_scope_en = models.CharField(_("licence scope (English)"), max_length=300, blank=True)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    licence_note = models.TextField(_("licence note"), blank=True)
    licence_note_en = models.TextField(_("licence note (English)"), blank=True)
    licence_source_url = models.URLField(_("licence source"), max_length=500, blank=True)
    hotline = models.CharField(_("service hotline"), max_length=40, blank=True)
    hotline_source_url = models.URLField(_("hotline source"), max_length=500, blank=True)
    hotline_tier = models.CharField(
        _("hotline source tier"),
        max_length=10,
        choices=Tier.choices,
        blank=True,
        help_text=_("“agent” when the hotline rests only on an agent's page or wiki."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    history = audit_history()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:brand_detail", kwargs={"slug": self.slug})

    @property
    def display_licence_scope(self) -> str:
        return self.tr("licence_scope")

    @property
    def display_licence_note(self) -> str:
        return self.tr("licence_note")


class Penalty(Bilingual, models.Model):
    """A regulator's penalty against a brand, as reported by the cited source."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="penalties")
    announced = models.CharField(
        _("date"), max_length=40, help_text=_("As the source gives it, e.g. 2024-09-10 or 2025-01.")
    )
    authority = models.CharField(_("authority"), max_length=100, blank=True)
    amount = models.CharField(_("amount"), max_length=100, blank=True)
    summary = models.TextField(_("summary (Chinese)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    source_url = models.URLField(_("source"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["brand", "-announced"]
        verbose_name = _("regulatory penalty")
        verbose_name_plural = _("regulatory penalties")

    def __str__(self) -> str:
        return f"{self.brand} {self.announced} {self.amount}"

    @property
    def display_summary(self) -> str:
        return self.tr("summary")


class Feature(Bilingual, models.Model):
    class Category(models.TextChoices):
        HARDWARE = "hardware", _("Hardware")
        PAYMENT = "payment", _("Payment")
        SOFTWARE = "software", _("Software")
        SERVICE = "service", _("Service")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("feature")
        verbose_name_plural = _("features")

    def __str__(self) -> str:
        return self.name


class ProductQuerySet(models.QuerySet["Product"]):
    def active(self) -> ProductQuerySet:
        return self.filter(status=Product.Status.ACTIVE)


class Product(Bilingual, LockVersioned):
    class Kind(models.TextChoices):
        TRADITIONAL = "traditional", _("Traditional POS")
        ESIGN = "esign", _("E-signature POS")
        SMART = "smart", _("Smart POS")
        MPOS = "mpos", _("Mobile POS (mPOS)")
        QR_PLATE = "qr_plate", _("QR payment plate")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISCONTINUED = "discontinued", _("Discontinued")
        RETIRING = "retiring", _("Being retired")

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    model_number = models.CharField(_("model"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    network_4g = models.BooleanField(_("4G (SIM)"), default=False)
    network_wifi = models.BooleanField(_("Wi-Fi"), default=False)
    network_bluetooth = models.BooleanField(_("Bluetooth (via phone)"), default=False)
    printer = models.BooleanField(_("paper receipt printer"), default=False)
    screen_inches = models.DecimalField(
        _("screen size (inches)"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    touchscreen = models.BooleanField(_("touchscreen"), default=False)
    battery_mah = models.PositiveIntegerField(_("battery (mAh)"), null=True, blank=True)
    nfc = models.BooleanField(_("NFC contactless"), default=False)
    camera_scanner = models.BooleanField(_("camera scanner"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    features = models.ManyToManyField(Feature, blank=True, related_name="products")
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source_url = models.URLField(_("hardware source"), max_length=500, blank=True)

    objects = ProductQuerySet.as_manager()
    history = audit_history(m2m_fields=[features])

    # Not a field: the plans in force on a page's day (rates prefetched), which the selectors set
    # on the products they load (``current_plans_prefetch``, or by hand). Declared for the type
    # checker only: a product loaded any other way has no such attribute.
    current_plans: list[Plan]

    class Meta:
        ordering = ["brand__slug", "slug"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(screen_inches__isnull=True) | Q(screen_inches__gt=0),
                name="product_screen_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brand.name} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("catalog:product_detail", kwargs={"slug": self.slug})

    # The model number when no source gives one: a placeholder named as such.
    MODEL_UNKNOWN = "型号未知"

    @property
    def model_known(self) -> bool:
        return bool(self.model_number) and self.model_number != self.MODEL_UNKNOWN

    @property
    def connectivity(self) -> list[str]:
        labels = []
        if self.network_4g:
            labels.append("4G")
        if self.network_wifi:
            labels.append("Wi-Fi")
        if self.network_bluetooth:
            labels.append(str(_("Bluetooth")))
        return labels


class PlanQuerySet(models.QuerySet["Plan"]):
    """Effective-dated queries. Every method takes the day explicitly; nothing reads today().

    A plan is in force on ``day`` when ``valid_from <= day`` and (``valid_to`` is empty — open
    ended — or ``day < valid_to``): the period is ``[valid_from, valid_to)``.

    Drafts (a new version still being edited in the admin) are never current, scheduled or
    expired: they are not public until published.
    """

    def published(self) -> PlanQuerySet:
        return self.filter(is_draft=False)

    def drafts(self) -> PlanQuerySet:
        return self.filter(is_draft=True)

    def current(self, *, on: dt.date) -> PlanQuerySet:
        return (
            self.published()
            .filter(valid_from__lte=on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        )

    def scheduled(self, *, on: dt.date) -> PlanQuerySet:
        return self.published().filter(valid_from__gt=on)

    def expired(self, *, on: dt.date) -> PlanQuerySet:
        return self.published().filter(valid_to__isnull=False, valid_to__lte=on)

    def overlapping(self, *, start: dt.date, end: dt.date | None) -> PlanQuerySet:
        """Plans whose period shares at least one day with ``[start, end)``."""
        qs = self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        if end is not None:
            qs = qs.filter(valid_from__lt=end)
        return qs

    def with_rates(self) -> PlanQuerySet:
        return self.prefetch_related("rates")


class PlanStatus(models.TextChoices):
    """Where a plan version stands on a day (``Plan.status``)."""

    CURRENT = "current", _("current")
    SCHEDULED = "scheduled", _("scheduled")
    EXPIRED = "expired", _("expired")
    DRAFT = "draft", _("draft")


class Plan(Bilingual, LockVersioned):
    Status = PlanStatus
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(_("plan name (Chinese)"), max_length=100)
    name_en = models.CharField(_("plan name (English)"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid until (exclusive)"),
        null=True,
        blank=True,
        help_text=_("First day the plan no longer applies. Empty: open-ended."),
    )
    # Provenance: where the numbers came from.
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    source_note = models.TextField(_("source note"), blank=True)
    verified_on = models.DateField(
        _("checked on"),
        help_text=_(
            "When someone last checked the figures against the source (not the source's date)."
        ),
    )
    source_date = models.DateField(
        _("source date"),
        null=True,
        blank=True,
        help_text=_("The date the source itself gives. Empty: the source is undated."),
    )
    source_read_on = models.DateField(
        _("source read on"),
        null=True,
        blank=True,
        help_text=_(
            "When the source was read. The plan starts on the source's date, or on this day "
            "when the source has none."
        ),
    )
    provenance = models.JSONField(
        _("provenance per figure"),
        default=dict,
        blank=True,
        help_text=_("Per figure: its tier, source, the source's date and a note."),
    )
    is_estimate = models.BooleanField(
        _("estimate"),
        default=False,
        help_text=_(
            "Derived from the figures' provenance when it is recorded: no figure is stated by "
            "a source for this product."
        ),
    )
    # Hardware and deposit.
    device_price = decimal_field(MONEY_DIGITS, _("device price (元)"))
    deposit = decimal_field(MONEY_DIGITS, _("deposit (元)"))
    deposit_refund_volume = decimal_field(
        MONEY_DIGITS, _("volume that refunds the deposit (元)"), null=True, blank=True, default=None
    )
    deposit_refund_days = models.PositiveIntegerField(
        _("days allowed for the refund volume"), null=True, blank=True
    )
    # Recurring fees.
    monthly_fee = decimal_field(MONEY_DIGITS, _("monthly fee (元)"))
    monthly_fee_waived_at = decimal_field(
        MONEY_DIGITS,
        _("monthly volume that waives the monthly fee (元)"),
        null=True,
        blank=True,
        default=None,
    )
    annual_fee = decimal_field(MONEY_DIGITS, _("annual fee (元)"))
    sim_fee_annual = decimal_field(MONEY_DIGITS, _("SIM/data fee per year (元)"))
    sim_free_months = models.PositiveSmallIntegerField(_("SIM fee free months"), default=0)
    # Settlement.
    instant_available = models.BooleanField(_("instant settlement (D0) available"), default=True)
    instant_percent = decimal_field(
        RATE_DIGITS, _("instant settlement surcharge (%)"), default=ZERO
    )
    instant_fixed = decimal_field(MONEY_DIGITS, _("fee per instant settlement (元)"))
    # Introductory prices: promo Rate rows apply in months 1..promo_months.
    promo_months = models.PositiveSmallIntegerField(_("promotional months"), default=0)
    # Contract.
    contract_months = models.PositiveSmallIntegerField(
        _("contract term (months)"), null=True, blank=True
    )
    early_termination_fee = decimal_field(MONEY_DIGITS, _("early-termination fee (元)"))
    notes = models.TextField(_("conditions and notes (Chinese)"), blank=True)
    notes_en = models.TextField(_("conditions and notes (English)"), blank=True)
    # Versioning: a new version starts as a draft copy; publishing closes the one it replaces.
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_("A draft is never shown publicly. Publish it to put it in force."),
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
        help_text=_("The version this one follows; publishing closes it on this one's start date."),
    )

    objects = PlanQuerySet.as_manager()
    history = audit_history()

    class Meta:
        ordering = ["product__slug", "name", "valid_from"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="plan_valid_to_after_valid_from",
                violation_error_message=MSG_VALID_TO,
            ),
            models.CheckConstraint(
                condition=Q(device_price__gte=0)
                & Q(deposit__gte=0)
                & Q(monthly_fee__gte=0)
                & Q(annual_fee__gte=0)
                & Q(sim_fee_annual__gte=0)
                & Q(instant_fixed__gte=0)
                & Q(early_termination_fee__gte=0)
                & (Q(deposit_refund_volume__isnull=True) | Q(deposit_refund_volume__gt=0))
                & (Q(monthly_fee_waived_at__isnull=True) | Q(monthly_fee_waived_at__gte=0)),
                name="plan_money_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(instant_percent__gte=0) & Q(instant_percent__lte=MAX_RATE),
                name="plan_instant_percent_range",
            ),
            models.CheckConstraint(
                condition=(
                    Q(deposit_refund_volume__isnull=True, deposit_refund_days__isnull=True)
                    | Q(
                        deposit_refund_volume__isnull=False,
                        deposit_refund_days__isnull=False,
                        deposit_refund_days__gt=0,
                    )
                ),
                name="plan_deposit_refund_pair",
                violation_error_message=MSG_REFUND_PAIR,
            ),
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.product} · {self.name} [{self.valid_from.isoformat()}, {end})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The plan's label is derived from its figures, never typed (``is_estimate`` follows).
        if self.provenance:
            self.is_estimate = self.label == PlanLabel.ESTIMATE
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "is_estimate"}
        super().save(*args, **kwargs)

    def is_current(self, *, on: dt.date) -> bool:
        return (
            not self.is_draft
            and self.valid_from <= on
            and (self.valid_to is None or on < self.valid_to)
        )

    def has_been_public(self, *, on: dt.date) -> bool:
        """Published and in force on some day up to ``on``: merchants may have seen its numbers."""
        return not self.is_draft and self.valid_from <= on

    def status(self, *, on: dt.date) -> PlanStatus:
        if self.is_draft:
            return PlanStatus.DRAFT
        if self.valid_from > on:
            return PlanStatus.SCHEDULED
        if self.valid_to is not None and self.valid_to <= on:
            return PlanStatus.EXPIRED
        return PlanStatus.CURRENT

    @property
    def display_notes(self) -> str:
        return self.tr("notes")

    @property
    def checked_on(self) -> dt.date:
        """When the figures were last checked against their source (stored as ``verified_on``)."""
        return self.verified_on

    def figure_keys(self) -> tuple[str, ...]:
        """The keys of every figure of this plan (its terms and its rates' terms)."""
        return figure_keys(self.rates.all())

    @property
    def label(self) -> PlanLabel:
        """All sourced / partly estimated / market estimate, derived from the figures."""
        return recorded_label(self.provenance, self.is_estimate)

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": MSG_VALID_TO})
        if (self.deposit_refund_volume is None) != (self.deposit_refund_days is None):
            raise ValidationError({"deposit_refund_days": MSG_REFUND_PAIR})
        errors = provenance_errors(self.provenance)
        if errors:
            raise ValidationError({"provenance": errors})
        if self.product_id and self.valid_from and not self.is_draft:
            clash = (
                Plan.objects.published()
                .filter(product_id=self.product_id, name=self.name)
                .exclude(pk=self.pk)
                .overlapping(start=self.valid_from, end=self.valid_to)
                .order_by("valid_from")
                .first()
            )
            if clash is not None:
                raise clash.overlap_error()

    def overlap_error(self) -> ValidationError:
        """The error for another version of this plan whose period overlaps this one."""
        end = self.valid_to.isoformat() if self.valid_to else "…"
        params = {"name": self.name, "start": self.valid_from.isoformat(), "end": end}
        return ValidationError(MSG_OVERLAP, code="overlap", params=params)


class Rate(models.Model):
    """The price of one payment method under a plan.

    One transaction of amount A costs ``min(max(A·p/100, minimum), cap) + fixed`` where ``p`` is
    ``above_percent`` when ``limit`` is set and A > limit, else ``percent``. ``is_promo`` rows are
    the introductory prices used in the plan's first ``promo_months`` months.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rates")
    method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices)
    is_promo = models.BooleanField(_("promotional rate"), default=False)
    percent = decimal_field(RATE_DIGITS, _("rate (%)"))
    fixed = decimal_field(MONEY_DIGITS, _("fixed fee per transaction (元)"))
    cap = decimal_field(
        MONEY_DIGITS, _("cap per transaction (元)"), null=True, blank=True, default=None
    )
    minimum = decimal_field(
        MONEY_DIGITS, _("minimum per transaction (元)"), null=True, blank=True, default=None
    )
    limit = decimal_field(
        MONEY_DIGITS,
        _("amount limit (元)"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Transactions above this amount pay the rate above the limit."),
    )
    above_percent = decimal_field(RATE_DIGITS, _("rate above the limit (%)"), null=True, blank=True)
    max_amount = decimal_field(
        MONEY_DIGITS,
        _("largest single payment (元)"),
        null=True,
        blank=True,
        default=None,
        help_text=_("The terminal refuses a payment above this amount (e.g. 单笔1000元)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "is_promo", "method"]
        verbose_name = _("rate")
        verbose_name_plural = _("rates")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "method", "is_promo"], name="rate_unique_method_per_plan"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=MAX_RATE),
                name="rate_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(above_percent__isnull=True)
                | (Q(above_percent__gte=0) & Q(above_percent__lte=MAX_RATE)),
                name="rate_above_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(fixed__gte=0)
                & (Q(cap__isnull=True) | Q(cap__gte=0))
                & (Q(minimum__isnull=True) | Q(minimum__gte=0))
                & (Q(limit__isnull=True) | Q(limit__gt=0)),
                name="rate_money_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(minimum__isnull=True) | Q(cap__gte=F("minimum")),
                name="rate_cap_not_below_minimum",
                violation_error_message=MSG_CAP_BELOW_MIN,
            ),
            models.CheckConstraint(
                condition=Q(limit__isnull=True, above_percent__isnull=True)
                | Q(limit__isnull=False, above_percent__isnull=False),
                name="rate_limit_pair",
                violation_error_message=MSG_LIMIT_PAIR,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.percent}%"


# The fee data: a committed change to any of these moves the fee-data version on
# (``core.freshness.watch``, connected in ``CatalogConfig.ready``).
FEE_DATA_MODELS: tuple[type[models.Model], ...] = (Brand, Product, Feature, Plan, Rate, Penalty)
