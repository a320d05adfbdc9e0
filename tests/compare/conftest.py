"""Fixtures for the calculator tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.catalog.admin_helpers import sales, sales_client

__all__ = ["sales", "sales_client"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and cached figures live in the cache: start each test without."""
    cache.clear()
    yield
    cache.clear()
