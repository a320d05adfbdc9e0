"""An existing database migrates to the compare app without losing a link or a permission."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("compare", None), ("calculator", "0001_initial")]


def migrate(targets):
    """Migrate to ``targets``; the models as the applied migrations leave them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor._create_project_state(with_applied_migrations=True).apps


def test_share_links_and_the_sales_permissions_survive_the_move():
    old = migrate(BEFORE)
    Shared = old.get_model("calculator", "SharedComparison")
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    kind = ContentType.objects.get_or_create(app_label="calculator", model="sharedcomparison")[0]
    view = Permission.objects.get_or_create(
        content_type=kind, codename="view_sharedcomparison", defaults={"name": "Can view"}
    )[0]
    sales = Group.objects.create(name="sales-before-the-move")
    sales.permissions.add(view)
    Shared.objects.create(
        code="keepme2345",
        products=["alpha", "bravo"],
        profile="volume=30000",
        snapshot={"schema": 1},
        fees_on=dt.date(2026, 11, 1),
        view_count=7,
    )

    executor = MigrationExecutor(connection)
    new = migrate(executor.loader.graph.leaf_nodes())

    link = new.get_model("compare", "SharedComparison").objects.get(code="keepme2345")
    assert (link.products, link.profile, link.view_count) == (["alpha", "bravo"], "volume=30000", 7)
    assert "compare_sharedcomparison" in connection.introspection.table_names()
    assert "calculator_sharedcomparison" not in connection.introspection.table_names()
    group = new.get_model("auth", "Group").objects.get(name="sales-before-the-move")
    assert [(p.content_type.app_label, p.codename) for p in group.permissions.all()] == [
        ("compare", "view_sharedcomparison")
    ]
