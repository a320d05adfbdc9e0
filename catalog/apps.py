from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        from catalog.models import FEE_DATA_MODELS, Product
        from core import freshness

        # Every committed change to fee data moves the fee-data version on (core.freshness).
        freshness.watch(*FEE_DATA_MODELS, m2m=(Product.features.through,))
