"""Concurrent edits: when two admins open the same record and both save, the second save is
refused with a clear message and the first admin's change survives."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from catalog.models import Brand, Plan, Product
from tests.catalog.admin_helpers import (
    admin_form_data,
    change_url,
    make_staff,
    public_plan,
    rate_row,
)
from tests.factories import make_brand, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors() -> tuple[Client, Client]:
    clients = []
    for name in ("alice", "bob"):
        client = Client()
        client.force_login(make_staff(name, "fee editors"))
        clients.append(client)
    return clients[0], clients[1]


def test_second_save_of_a_plan_is_refused_and_the_first_survives(two_editors):
    alice, bob = two_editors
    plan = public_plan()
    url = change_url(plan)
    form_a = admin_form_data(alice.get(url))
    form_b = admin_form_data(bob.get(url))
    assert form_a["lock_version"] == form_b["lock_version"]

    form_a["change_reason"] = form_b["change_reason"] = "Checked against the brand's page"
    form_a[f"{rate_row(form_a, 'credit_card')}-percent"] = "0.61"
    form_b[f"{rate_row(form_b, 'credit_card')}-percent"] = "0.66"
    form_b["notes"] = "Bob's note"

    assert alice.post(url, form_a).status_code == 302
    refused = bob.post(url, form_b)

    assert refused.status_code == 200
    text = refused.content.decode()
    assert "was saved by alice" in text
    assert "Your changes were NOT saved" in text
    # Bob's typing is still on the page for him to redo.
    assert "Bob&#x27;s note" in text or "Bob's note" in text
    plan.refresh_from_db()
    assert plan.rates.get(method="credit_card").percent == Decimal("0.61")
    assert plan.notes == ""

    # Reloading gives Bob the current edit number, and then his save goes through.
    fresh = admin_form_data(bob.get(url))
    fresh["change_reason"] = "Second look"
    fresh["notes"] = "Bob's note"
    assert bob.post(url, fresh).status_code == 302
    plan.refresh_from_db()
    assert plan.notes == "Bob's note"


def test_every_save_bumps_the_edit_number():
    plan = public_plan()
    before = plan.lock_version
    plan.save()
    plan.save(update_fields=["notes"])
    assert Plan.objects.get(pk=plan.pk).lock_version == before + 2


@pytest.mark.parametrize(
    ("model", "make", "field", "value"),
    [
        (Brand, make_brand, "hotline", "95016"),
        (Product, make_product, "model_number", "A8"),
    ],
)
def test_brands_and_products_are_locked_too(two_editors, model, make, field, value):
    alice, bob = two_editors
    obj = make()
    url = f"/en/admin/catalog/{model._meta.model_name}/{obj.pk}/change/"
    form_a = admin_form_data(alice.get(url))
    form_b = admin_form_data(bob.get(url))
    form_a[field] = value
    form_b[field] = "other"

    assert alice.post(url, form_a).status_code == 302
    refused = bob.post(url, form_b)

    assert refused.status_code == 200
    assert "after you opened this page" in refused.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == value
