"""Fixtures for the calculator tests (each test starts with an empty cache: tests/conftest.py)."""

from __future__ import annotations

from tests.catalog.admin_helpers import sales, sales_client

__all__ = ["sales", "sales_client"]
