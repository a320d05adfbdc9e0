"""``manage.py seed``: the real catalog and guide data from fixtures/.

It lives in guides, the highest app with data to load, so it may load the catalog's as well
(DESIGN.md: an app imports only the layers below it).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from catalog.seed import seed_catalog
from guides.seed import seed_guides


class Command(BaseCommand):
    help = (
        "Load the real catalog data (brands, products, features, plans) and the guide data "
        "from fixtures/. Idempotent: existing records are kept unless --update is given."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite existing records with the values in the fixture files.",
        )

    def handle(self, *args: Any, update: bool = False, **options: Any) -> None:
        # The guide data (response codes) does not depend on the catalog.
        self.stdout.write(f"guides: {seed_guides(update=update)}")
        report = seed_catalog(update=update)
        self.stdout.write(f"catalog: {report}")
