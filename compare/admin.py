"""Share links in the admin: each sales user sees and deletes only the links they made.

A link is a quote: it is never edited (no change form), and it is made from the comparison page,
not here (no add form). Superusers see every link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from compare.models import SharedComparison

# Django's ModelAdmin is generic (in its model) only in django-stubs, not at run time.
if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[SharedComparison]
else:
    _ModelAdmin = admin.ModelAdmin


@admin.register(SharedComparison)
class SharedComparisonAdmin(_ModelAdmin):
    list_display = ("code", "products_text", "created", "creator", "view_count")
    list_display_links = ("code",)
    search_fields = ("code",)
    date_hierarchy = "created"
    fields = ("code", "link", "products", "profile", "fees_on", "created", "creator", "view_count")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[SharedComparison]:
        links = super().get_queryset(request).select_related("creator")
        if request.user.is_superuser:
            return links
        return links.filter(creator=request.user.pk)

    @admin.display(description=_("products"))
    def products_text(self, obj: SharedComparison) -> str:
        return ", ".join(obj.products)

    @admin.display(description=_("link"))
    def link(self, obj: SharedComparison) -> str:
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _own(self, request: HttpRequest, obj: SharedComparison | None) -> bool:
        return obj is None or request.user.is_superuser or obj.creator_id == request.user.pk

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self._own(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._own(request, obj)
