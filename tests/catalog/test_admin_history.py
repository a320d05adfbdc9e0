"""Audit history of brands, products, plans and rates: who, when, what changed (before and
after) and why, visible in the admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from catalog import services
from catalog.models import Rate
from tests.catalog.admin_helpers import admin_form_data, change_url, public_plan, rate_row, today
from tests.factories import make_brand, make_feature, make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_admin_edit_records_who_when_before_after_and_why(editor_client, editor):
    plan = public_plan()
    data = admin_form_data(editor_client.get(change_url(plan)))
    data["monthly_fee"] = "5.00"
    data[f"{rate_row(data, 'credit_card')}-percent"] = "0.63"
    data["change_reason"] = "Brand page says 0.63 % and 5 元 a month"
    started = dt.datetime.now(dt.UTC)

    assert editor_client.post(change_url(plan), data).status_code == 302

    record = plan.history.first()
    assert record.history_user == editor
    assert record.history_date >= started
    assert record.history_change_reason == "Brand page says 0.63 % and 5 元 a month"
    delta = record.diff_against(record.prev_record)
    changes = {c.field: (c.old, c.new) for c in delta.changes}
    assert changes == {"monthly_fee": (Decimal("0.00"), Decimal("5.00"))}

    rate = plan.rates.get(method="credit_card")
    rate_record = rate.history.first()
    assert rate_record.history_user == editor
    rate_changes = rate_record.diff_against(rate_record.prev_record).changes
    assert [(c.field, c.old, c.new) for c in rate_changes] == [
        ("percent", Decimal("0.6000"), Decimal("0.6300"))
    ]


def test_plan_history_page_shows_plan_and_rate_changes(editor_client):
    plan = public_plan()
    data = admin_form_data(editor_client.get(change_url(plan)))
    data[f"{rate_row(data, 'credit_card')}-percent"] = "0.63"
    data["change_reason"] = "Typo: 0.63 not 0.60"
    editor_client.post(change_url(plan), data)

    page = editor_client.get(f"/en/admin/catalog/plan/{plan.pk}/history/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Changes to this plan&#x27;s rates" in text or "Changes to this plan's rates" in text
    assert "Typo: 0.63 not 0.60" in text
    assert "0.6000 → 0.6300" in text
    assert "editor" in text


def test_versions_and_deletions_are_recorded():
    plan = public_plan()
    draft = services.plan_new_version(plan=plan, valid_from=today() + dt.timedelta(days=3))
    services.plan_publish(plan=draft, on=today())
    plan.refresh_from_db()
    reasons = [r.history_change_reason for r in plan.history.all()]
    assert reasons[0] == f"Closed by the new version from {draft.valid_from.isoformat()}"
    rate = Rate.objects.filter(plan=draft).first()
    rate_id = rate.pk
    rate.delete()
    deleted = Rate.history.filter(id=rate_id).first()
    assert deleted.history_type == "-"


def test_brand_product_and_feature_changes_are_recorded():
    brand = make_brand()
    brand.hotline = "95016"
    brand.save()
    assert [c.field for c in brand.history.first().diff_against(brand.history.last()).changes] == [
        "hotline"
    ]
    product = make_product(brand=brand)
    product.features.add(make_feature("nfc"))
    latest = product.history.first()
    assert [f.feature.code for f in latest.features.all()] == ["nfc"]
    assert brand.history.count() == 2
