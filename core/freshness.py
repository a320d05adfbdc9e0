"""Fee-data freshness: one version number that moves on whenever the fee data changes.

The version is a counter in the shared cache (Redis in production). Anything cached from fee data
— whole pages, comparisons, the plans kept in each process — is kept under the version it was
computed from, so a saved change is seen on the next request by every app server.

* :func:`fee_data_version` reads it (once per request: :func:`fee_data_version_read`);
* :func:`fee_data_version_bump` moves it on;
* :func:`watch` makes every committed save or delete of the given models bump it (the catalog
  connects its models in ``CatalogConfig.ready``). The bump runs after the transaction commits
  (at once outside one), so a reader can never cache old rows under the new version; an import
  that is rolled back (a dry run, or a file with a bad row) bumps nothing.

A lost key (cache flush, eviction) starts again from the clock in microseconds rather than from
1, so it never brings back a number that old cached entries were stored under.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

FEE_DATA_VERSION_KEY = "catalog:fee-data-version"

# The version a request has already read: one cache round trip per request, not one per cached
# thing it looks up.
_version_read: ContextVar[int | None] = ContextVar("fee_data_version_read", default=None)


def _fresh() -> int:
    return time.time_ns() // 1000


@contextlib.contextmanager
def fee_data_version_read(version: int) -> Iterator[None]:
    """Within this block (a public page being rendered), ``fee_data_version()`` is ``version``."""
    token = _version_read.set(version)
    try:
        yield
    finally:
        _version_read.reset(token)


def fee_data_version() -> int:
    """The current fee-data version; starts from a fresh time-based number if the key is gone."""
    known = _version_read.get()
    if known is not None:
        return known
    version = cache.get(FEE_DATA_VERSION_KEY)
    if version is None:
        cache.add(FEE_DATA_VERSION_KEY, _fresh(), timeout=None)
        version = cache.get(FEE_DATA_VERSION_KEY)
    return int(version) if version is not None else _fresh()


def fee_data_version_bump() -> None:
    """Move the fee-data version on, so that nothing cached from older data is used again."""
    try:
        cache.incr(FEE_DATA_VERSION_KEY)
    except ValueError:  # key missing (never read yet, flushed or evicted)
        cache.add(FEE_DATA_VERSION_KEY, _fresh(), timeout=None)


def _on_change(sender: type, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: no side effects while loading fixtures
        return
    transaction.on_commit(fee_data_version_bump, using=kwargs.get("using"))


def _on_m2m_change(sender: type, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        transaction.on_commit(fee_data_version_bump, using=kwargs.get("using"))


def watch(*watched: type[models.Model], m2m: tuple[type[models.Model], ...] = ()) -> None:
    """Bump the version after every committed save or delete of ``watched`` and every change of
    the many-to-many ``m2m`` tables (their ``through`` models)."""
    for model in watched:
        uid = f"fee-data-version-{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    for through in m2m:
        m2m_changed.connect(
            _on_m2m_change, sender=through, dispatch_uid=f"fee-data-version-{through._meta.label}"
        )
