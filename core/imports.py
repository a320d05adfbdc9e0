"""Where django-import-export keeps an uploaded file between the preview and the confirmation
(``IMPORT_EXPORT_TMP_STORAGE_CLASS``): a database row that every app server reads, instead of
the app server's own temporary folder (a confirm handled by another server found nothing, and
the form showed the folder's path). The name in the form is a random token.

The confirmation takes the file (reading deletes it, atomically), so a confirm sent twice — a
double click, the browser's back button, a replayed request — finds nothing the second time
and raises :class:`ImportExpired`, which the admin turns into a clear message.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.utils import timezone
from import_export.tmp_storages import BaseStorage

from core.models import PendingImport

KEEP = dt.timedelta(days=1)  # a preview left unconfirmed longer than this is dropped


class ImportExpired(LookupError):
    """The file of this confirmation is gone: confirmed already, or too old."""


class DatabaseStorage(BaseStorage):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not self.name:
            self.name = secrets.token_urlsafe(24)

    def save(self, data: str | bytes) -> None:
        PendingImport.objects.filter(created__lt=timezone.now() - KEEP).delete()
        raw = data.encode(self.encoding or "utf-8") if isinstance(data, str) else bytes(data)
        PendingImport.objects.create(name=str(self.name), data=raw)
        self._saved_here = True

    def read(self) -> str | bytes:
        """The file: for the preview that saved it, a plain read; for a confirmation (named by
        the form) it is taken, and only the request whose delete removed the row may use it."""
        row = PendingImport.objects.filter(name=str(self.name)).first()
        if row is None:
            raise ImportExpired(self.name)
        taken = getattr(self, "_saved_here", False) or (
            PendingImport.objects.filter(name=row.name).delete()[0] > 0
        )
        if not taken:
            raise ImportExpired(self.name)
        raw = bytes(row.data)
        return raw if "b" in str(self.read_mode) else raw.decode(self.encoding or "utf-8")

    def remove(self) -> None:
        PendingImport.objects.filter(name=str(self.name)).delete()
