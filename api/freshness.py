"""The fee data's version and date, as the API's validators and the dataset files state them."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from catalog.models import FEE_DATA_MODELS
from core.freshness import fee_data_version
from core.pagecache import code_version

MODIFIED_KEY = "api:fee-data-modified:{version}"


def data_etag(language: str) -> str:
    """A weak validator: the same for every response computed from the same fee data, code, day
    and language."""
    day = timezone.localdate().isoformat()
    return f'W/"{fee_data_version()}-{day}-{code_version()[:8]}-{language}"'


def last_change() -> dt.datetime | None:
    """When the fee data last changed: the newest entry of the catalog's audit history."""
    newest: list[dt.datetime] = []
    for model in FEE_DATA_MODELS:
        history = getattr(model, "history", None)
        if history is None:
            continue
        value = history.model.objects.aggregate(newest=Max("history_date"))["newest"]
        if value is not None:
            newest.append(value)
    return max(newest) if newest else None


def data_modified() -> float | None:
    """``last_change()`` as a timestamp, read once per fee-data version."""
    key = MODIFIED_KEY.format(version=fee_data_version())
    stamp = cache.get(key)
    if stamp is None:
        changed = last_change()
        stamp = changed.timestamp() if changed is not None else 0.0
        cache.set(key, stamp, timeout=None)
    return float(stamp) or None
