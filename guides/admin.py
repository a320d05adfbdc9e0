from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guides.models import ResponseCode

# Django's ModelAdmin is generic (in its model) only in django-stubs, not at run time.
if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[ResponseCode]
else:
    _ModelAdmin = admin.ModelAdmin


@admin.register(ResponseCode)
class ResponseCodeAdmin(_ModelAdmin):
    list_display = ["code", "meaning_zh", "meaning_en", "party", "approved", "legacy_category"]
    list_filter = ["party", "approved", "legacy_category", "in_cup_2014"]
    search_fields = ["code", "meaning_zh", "meaning_en", "action_zh", "action_en", "keywords"]
    fieldsets = [
        (None, {"fields": ["code", "meaning_zh", "meaning_en", "approved", "party"]}),
        (_("What to do"), {"fields": ["action_zh", "action_en"]}),
        (
            _("Classification and search"),
            {"fields": ["legacy_category", "in_cup_2014", "display_zh", "keywords"]},
        ),
        (_("Notes and sources"), {"fields": ["notes_zh", "notes_en", "sources"]}),
    ]
