"""A change to a staff account, its roles or a role's permissions made in the admin is recorded
with who made it and before → after, like the catalog's history."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from tests.catalog.admin_helpers import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss() -> Client:
    client = Client()
    client.force_login(make_staff("boss", superuser=True))
    return client


def test_giving_a_user_a_role_is_in_the_history(boss):
    seller = make_staff("seller", "sales")
    url = f"/en/admin/auth/user/{seller.pk}/change/"
    fee_editors = Group.objects.get(name="fee editors")
    joined = seller.date_joined.astimezone()
    data = {
        "username": "seller",
        "email": seller.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(g.pk) for g in seller.groups.all()] + [str(fee_editors.pk)],
        "date_joined_0": joined.date().isoformat(),
        "date_joined_1": joined.strftime("%H:%M:%S"),
    }
    response = boss.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest, before = seller.history.all()[:2]
    assert latest.history_user.username == "boss"
    delta = latest.diff_against(before, foreign_keys_are_objs=False)
    changed = {c.field: c for c in delta.changes}
    assert "groups" in changed
    old = {g["group"] for g in changed["groups"].old}
    new = {g["group"] for g in changed["groups"].new}
    assert new - old == {fee_editors.pk}
    assert "password" not in {f.name for f in latest._meta.fields}  # no hashes in the history
    page = boss.get(f"/en/admin/auth/user/{seller.pk}/history/")
    assert page.status_code == 200 and "boss" in page.content.decode()


def test_a_roles_permissions_changed_is_in_the_history(boss):
    sales = Group.objects.get(name="sales")  # made by setup_roles (make_staff in the fixture)
    url = f"/en/admin/auth/group/{sales.pk}/change/"
    extra = Permission.objects.get(codename="change_user")
    before_ids = [str(p.pk) for p in sales.permissions.all()]
    response = boss.post(url, {"name": "sales", "permissions": [*before_ids, str(extra.pk)]})
    assert response.status_code == 302
    latest, previous = sales.history.all()[:2]
    assert latest.history_user.username == "boss"
    delta = latest.diff_against(previous, foreign_keys_are_objs=False)
    change = next(c for c in delta.changes if c.field == "permissions")
    assert {p["permission"] for p in change.new} - {p["permission"] for p in change.old} == {
        extra.pk
    }


def test_a_user_made_in_code_is_recorded_too():
    user = User.objects.create_user("someone", password="x-Long-Enough-42")
    assert user.history.count() == 1
    assert user.history.first().history_type == "+"
