"""Site-wide numbers kept in the database."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register

# Staff accounts, roles and permissions keep an audit history like the catalog's: who changed
# what, when, before → after (password hashes and sign-in times left out).
register(
    User,
    app="core",
    excluded_fields=["password", "last_login"],
    m2m_fields=[User.groups.field, User.user_permissions.field],
)
register(Group, app="core", m2m_fields=[Group.permissions.field])


class Counter(models.Model):
    """A named number that only moves on, e.g. the fee-data version (``core.freshness``): the
    database holds it, the shared cache keeps a copy."""

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    value = models.BigIntegerField(_("value"))

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


class PendingImport(models.Model):
    """An uploaded import file between its preview and its confirmation (django-import-export's
    temporary storage, ``core.imports.DatabaseStorage``): in the database, so that the confirm
    can reach any app server."""

    name = models.CharField(_("name"), max_length=64, primary_key=True)
    data = models.BinaryField(_("data"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return self.name
