"""Create the staff groups and give them exactly their permissions. Safe to run again.

- **fee editors**: keep the catalog and fee plans current in the admin (add and change brands,
  products, features, penalties, plans and rates; import/export plans; make new versions).
  Deleting a plan that has been in force is left to superusers.
- **sales**: read the catalog in the admin, see and delete their own share links (they make
  them from the comparison page, which needs no permission; a link is a quote and is never
  edited); no catalog edits.

Superusers can do everything beyond that. Add a role or a permission by editing ``ROLES``;
entries for models that do not exist yet (e.g. share links, before their app has the model)
are skipped with a note and picked up by the next run.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand

CATALOG_MODELS = ("brand", "product", "feature", "penalty", "plan", "rate")
EDIT = ("view", "add", "change")

# group name → [(app label, model name, actions)]
ROLES: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "fee editors": [
        ("catalog", "brand", EDIT),
        ("catalog", "product", EDIT),
        ("catalog", "feature", EDIT),
        ("catalog", "penalty", (*EDIT, "delete")),
        ("catalog", "plan", (*EDIT, "delete")),
        ("catalog", "rate", (*EDIT, "delete")),
        # Fee reports: moderated (accepted / rejected with a reason), never written by editors.
        ("reports", "report", ("view", "change")),
        ("reports", "reportrate", ("view",)),
        ("reports", "reportchange", ("view",)),
        ("reports", "flag", ("view", "change")),
    ],
    "sales": [
        *[("catalog", model, ("view",)) for model in CATALOG_MODELS],
        # Share links (SharedComparison, compare app): their own only, enforced by its admin
        # and the "my links" page. No add (made on the comparison page) and no change (quotes
        # are never edited).
        ("compare", "sharedcomparison", ("view", "delete")),
    ],
}


def role_permissions(
    entries: list[tuple[str, str, tuple[str, ...]]],
) -> tuple[list[Permission], list[str]]:
    """The permissions for a role's entries, and the entries skipped (model not installed)."""
    found: list[Permission] = []
    skipped: list[str] = []
    for app_label, model, actions in entries:
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            skipped.append(f"{app_label}.{model}")
            continue
        codenames = [f"{action}_{model}" for action in actions]
        perms = list(Permission.objects.filter(content_type=content_type, codename__in=codenames))
        missing = set(codenames) - {p.codename for p in perms}
        skipped.extend(f"{app_label}.{codename}" for codename in sorted(missing))
        found.extend(perms)
    return found, skipped


def setup_roles() -> dict[str, tuple[int, list[str]]]:
    """Create or update every group in ``ROLES``; returns group → (permission count, skipped)."""
    report: dict[str, tuple[int, list[str]]] = {}
    for name, entries in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms, skipped = role_permissions(entries)
        group.permissions.set(perms)
        report[name] = (len(perms), skipped)
    return report


class Command(BaseCommand):
    help = "Create or update the staff groups (fee editors, sales) and their permissions."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, (count, skipped) in setup_roles().items():
            line = f"{name}: {count} permissions"
            if skipped:
                line += f" (skipped, not installed yet: {', '.join(skipped)})"
            self.stdout.write(line)
