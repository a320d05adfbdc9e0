"""An existing database keeps its plans through the provenance migrations: the seeded plans that
started on the invented 2025-01-01 move to their source's date (or the day it was read), the
versions the sources end are closed, and anything an admin changed is left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("catalog", "0002_versions_history_edit_lock")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor._create_project_state(with_applied_migrations=True).apps


def plan(apps, slug: str, start: dt.date, name: str = "标准费率"):
    Brand = apps.get_model("catalog", "Brand")
    Product = apps.get_model("catalog", "Product")
    Plan = apps.get_model("catalog", "Plan")
    brand, _ = Brand.objects.get_or_create(
        slug=f"b-{slug}", defaults={"name": slug, "kind": "acquirer"}
    )
    product = Product.objects.create(brand=brand, slug=slug, name=slug, kind="esign")
    return Plan.objects.create(
        product=product, name=name, valid_from=start, verified_on=dt.date(2025, 3, 1)
    )


def test_seeded_start_dates_move_and_other_plans_stay():
    old = migrate(BEFORE)
    plan(old, "helibao-esign", dt.date(2025, 3, 1))  # not in the list: stays
    plan(old, "shengfutong-4g-esign", dt.date(2025, 1, 1))
    plan(old, "99bill-pos", dt.date(2025, 1, 1))
    edited = plan(old, "dianyin-dianyintong-esign", dt.date(2025, 6, 1))  # an admin's date
    executor = MigrationExecutor(connection)
    new = migrate(executor.loader.graph.leaf_nodes())
    Plan = new.get_model("catalog", "Plan")
    starts = {p.product.slug: (p.valid_from, p.valid_to) for p in Plan.objects.all()}
    assert starts == {
        "helibao-esign": (dt.date(2025, 3, 1), None),
        "shengfutong-4g-esign": (dt.date(2025, 3, 1), None),
        "99bill-pos": (dt.date(2023, 12, 4), dt.date(2025, 1, 3)),
        "dianyin-dianyintong-esign": (edited.valid_from, None),
    }
    assert all(p.provenance == {} for p in Plan.objects.all())  # kept until seed --update
