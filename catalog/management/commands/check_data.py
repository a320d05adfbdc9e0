"""``manage.py check_data``: the catalog's data check (``catalog.datacheck``); fails on errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from catalog.datacheck import ERROR, audit, data_findings


class Command(BaseCommand):
    help = (
        "Check every published plan's figures: a tier per figure, source dates not after the "
        "check, plans not checked before they were valid, no current plan of a discontinued "
        "product, no invented start dates. --audit prints the figures by tier."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--audit", action="store_true", help="Print the figures by tier.")
        parser.add_argument("--warnings", action="store_true", help="List the warnings too.")
        parser.add_argument("--on", default="", help="The day to check as of (ISO; today).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = dt.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        found = data_findings(on=on)
        errors = [f for f in found if f.level == ERROR]
        warnings = [f for f in found if f.level != ERROR]
        for finding in errors + (warnings if options["warnings"] else []):
            self.stdout.write(str(finding))
        if options["audit"]:
            rows, total, unstated = audit()
            self.stdout.write(f"{'tier':<10}{'figures':>8}{'share':>9}")
            for row in rows:
                self.stdout.write(f"{row.label:<10}{row.count:>8}{row.percent:>8.1f}%")
            self.stdout.write(f"{'total':<10}{total:>8}")
            self.stdout.write(f"of which not stated by any source (priced as 0): {unstated}")
        self.stdout.write(f"data check: {len(errors)} errors, {len(warnings)} warnings")
        if errors:
            raise CommandError(f"{len(errors)} data errors")
