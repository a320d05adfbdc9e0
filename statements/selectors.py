"""Reads for the statement pages (views call these; they never build queries)."""

from __future__ import annotations

from django.db.models import QuerySet

from catalog.models import Brand


def brands_with_hotline() -> QuerySet[Brand]:
    """Brands whose service hotline is recorded: the merchant picks their acquirer's."""
    return Brand.objects.exclude(hotline="").order_by("slug")
