"""Fixtures for the catalog tests."""

from tests.catalog.admin_helpers import editor, editor_client, sales, sales_client

__all__ = ["editor", "editor_client", "sales", "sales_client"]
