"""Fixtures for the comparison and share-link tests (the cache starts empty: tests/conftest.py)."""

from __future__ import annotations

from tests.catalog.admin_helpers import sales, sales_client

__all__ = ["sales", "sales_client"]
