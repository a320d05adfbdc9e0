from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalog.models import Brand, Feature, Penalty, Plan, Product, Rate


class PenaltyInline(admin.TabularInline):
    model = Penalty
    extra = 0


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "kind", "licence_number", "hotline"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug", "legal_name", "licence_number"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [PenaltyInline]


@admin.register(Penalty)
class PenaltyAdmin(admin.ModelAdmin):
    list_display = ["brand", "announced", "authority", "amount"]
    list_filter = ["brand"]
    search_fields = ["summary", "summary_en", "authority", "brand__name"]


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "category"]
    list_filter = ["category"]
    search_fields = ["code", "name", "name_en"]


class PlanInline(admin.TabularInline):
    model = Plan
    fields = ["name", "valid_from", "valid_to", "verified_on", "is_estimate"]
    show_change_link = True
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "brand", "kind", "status", "nfc", "camera_scanner", "printer"]
    list_filter = ["kind", "status", "brand", "nfc", "camera_scanner", "printer", "network_4g"]
    search_fields = ["name", "name_en", "slug", "model_number", "brand__name", "brand__name_en"]
    list_select_related = ["brand"]
    autocomplete_fields = ["brand"]
    filter_horizontal = ["features"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [PlanInline]


class RateInline(admin.TabularInline):
    model = Rate
    extra = 0
    fields = ["method", "is_promo", "percent", "fixed", "cap", "minimum", "limit", "above_percent"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["product", "name", "valid_from", "valid_to", "verified_on", "is_estimate"]
    list_filter = ["is_estimate", "product__brand", "product__kind"]
    search_fields = ["name", "name_en", "product__name", "product__slug", "product__brand__name"]
    list_select_related = ["product", "product__brand"]
    autocomplete_fields = ["product"]
    date_hierarchy = "valid_from"
    inlines = [RateInline]
    fieldsets = [
        (None, {"fields": ["product", "name", "name_en", "valid_from", "valid_to"]}),
        (
            _("Provenance"),
            {"fields": ["source_url", "source_note", "verified_on", "is_estimate"]},
        ),
        (
            _("Device and deposit"),
            {
                "fields": [
                    "device_price",
                    "deposit",
                    "deposit_refund_volume",
                    "deposit_refund_days",
                ]
            },
        ),
        (
            _("Recurring fees"),
            {
                "fields": [
                    "monthly_fee",
                    "monthly_fee_waived_at",
                    "annual_fee",
                    "sim_fee_annual",
                    "sim_free_months",
                ]
            },
        ),
        (
            _("Settlement"),
            {"fields": ["instant_available", "instant_percent", "instant_fixed"]},
        ),
        (
            _("Promotion and contract"),
            {"fields": ["promo_months", "contract_months", "early_termination_fee"]},
        ),
        (_("Notes"), {"fields": ["notes", "notes_en"]}),
    ]


@admin.register(Rate)
class RateAdmin(admin.ModelAdmin):
    list_display = ["plan", "method", "is_promo", "percent", "fixed", "cap", "limit"]
    list_filter = ["method", "is_promo"]
    search_fields = ["plan__name", "plan__product__name"]
    list_select_related = ["plan", "plan__product", "plan__product__brand"]
    autocomplete_fields = ["plan"]
