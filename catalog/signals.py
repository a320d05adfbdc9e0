"""Keep cached fee data fresh: every committed change to catalog rows bumps the fee-data version.

Connected in ``CatalogConfig.ready``. The bump runs after the transaction commits (at once
outside one), so a reader can never cache old rows under the new version; an import that is
rolled back (a dry run, or a file with a bad row) bumps nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from catalog.models import Brand, Feature, Penalty, Plan, Product, Rate
from catalog.services import fee_data_version_bump

WATCHED = (Brand, Product, Feature, Plan, Rate, Penalty)


def on_catalog_change(sender: type, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: no side effects while loading fixtures
        return
    transaction.on_commit(fee_data_version_bump, using=kwargs.get("using"))


def on_catalog_m2m_change(sender: type, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        transaction.on_commit(fee_data_version_bump, using=kwargs.get("using"))


def connect() -> None:
    for model in WATCHED:
        uid = f"catalog-fee-data-version-{model.__name__}"
        post_save.connect(on_catalog_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_catalog_change, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        on_catalog_m2m_change,
        sender=Product.features.through,
        dispatch_uid="catalog-fee-data-version-product-features",
    )
