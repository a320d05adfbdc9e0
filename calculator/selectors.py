"""Reads for the calculator. Views call these; they never build queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from catalog.models import Plan, Product


def plans_for_ranking(*, on: dt.date) -> QuerySet[Plan]:
    """Every plan in force on ``on`` for a product still sold, with what the ranking shows.

    Product and brand are joined, rates prefetched: two queries whatever the number of plans.
    """
    return (
        Plan.objects.current(on=on)
        .filter(product__status=Product.Status.ACTIVE)
        .select_related("product__brand")
        .with_rates()
        .order_by("product__brand__slug", "product__slug", "name", "pk")
    )
