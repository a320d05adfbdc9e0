"""Fee-data freshness: one version number that moves on whenever the fee data changes.

The version is a counter in the database (``core.models.Counter``) with a copy in the shared
cache (Redis in production), which is what requests read. Anything cached from fee data
— whole pages, comparisons, the plans kept in each process — is kept under the version it was
computed from, so a saved change is seen on the next request by every app server.

* :func:`fee_data_version` reads it (once per request: :func:`fee_data_version_read`);
* :func:`fee_data_version_bump` moves it on;
* :func:`watch` makes every committed save or delete of the given models bump it (the catalog
  connects its models in ``CatalogConfig.ready``). The bump runs after the transaction commits
  (at once outside one), so a reader can never cache old rows under the new version; an import
  that is rolled back (a dry run, or a file with a bad row) bumps nothing.

A lost key (cache flush, eviction, a Redis that is down) is read again from the database, which
moves on with every bump; the cache's copy is the database's number or one it has moved on
from by the same bumps, so it never goes back to a number that old entries were stored under.
The copy lives ``COPY_SECONDS``: when a bump could not reach the cache (Redis unreachable for a
moment but keeping its data), the copy catches up with the database within that time.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.cache import CacheUnavailable
from core.models import Counter

FEE_DATA_VERSION_KEY = "catalog:fee-data-version"
COUNTER = "fee-data-version"  # its row in core.models.Counter
COPY_SECONDS = 60

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


def stored_version() -> int:
    """The fee-data version in the database (one query)."""
    value = Counter.objects.filter(name=COUNTER).values_list("value", flat=True).first()
    return int(value) if value is not None else 0


def fee_data_version() -> int:
    """The current fee-data version: the cache's copy, else the database's number (then copied
    into the cache, unless another request copied or moved it first)."""
    known = _version_read.get()
    if known is not None:
        return known
    version = cache.get(FEE_DATA_VERSION_KEY)
    if version is None:
        version = stored_version()
        cache.add(FEE_DATA_VERSION_KEY, version, timeout=COPY_SECONDS)
    return int(version)


def fee_data_version_bump() -> None:
    """Move the fee-data version on, so that nothing cached from older data is used again: in
    the database, then the cache's copy (a missing copy is read from the database next time)."""
    if not Counter.objects.filter(name=COUNTER).update(value=F("value") + 1):
        Counter.objects.get_or_create(name=COUNTER, defaults={"value": _fresh()})
    try:
        cache.incr(FEE_DATA_VERSION_KEY)
    except ValueError:  # no copy (never read yet, flushed or evicted): read from the database
        pass
    except CacheUnavailable:  # the copy catches up within COPY_SECONDS
        pass


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
