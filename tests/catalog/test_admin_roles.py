"""Roles: ``setup_roles`` creates the groups idempotently; fee editors edit the catalog and plans
and import/export; sales read the catalog and nothing more; superusers beyond that."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from catalog.management.commands import setup_roles as command
from catalog.models import Plan
from tests.catalog.admin_helpers import admin_form_data, change_url, make_staff, public_plan, today
from tests.factories import make_brand

pytestmark = pytest.mark.django_db


def perms(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


class TestSetupRoles:
    def test_creates_the_groups_with_exactly_their_permissions(self):
        call_command("setup_roles", stdout=StringIO())
        editors = perms("fee editors")
        assert {"catalog.change_plan", "catalog.add_plan", "catalog.delete_rate"} <= editors
        assert "catalog.delete_brand" not in editors
        assert not any(p.startswith("auth.") for p in editors)
        catalog_views = {
            f"catalog.view_{m}" for m in ("brand", "product", "feature", "penalty", "plan", "rate")
        }
        assert {p for p in perms("sales") if p.startswith("catalog.")} == catalog_views

    def test_is_idempotent_and_restores_the_definition(self):
        out = StringIO()
        call_command("setup_roles", stdout=out)
        first = (perms("fee editors"), perms("sales"))
        Group.objects.get(name="sales").permissions.clear()
        call_command("setup_roles", stdout=out)
        call_command("setup_roles", stdout=out)
        assert Group.objects.filter(name__in=["fee editors", "sales"]).count() == 2
        assert (perms("fee editors"), perms("sales")) == first
        assert "fee editors:" in out.getvalue()

    def test_models_not_installed_yet_are_skipped_and_reported(self, monkeypatch):
        roles = {**command.ROLES, "sales": [*command.ROLES["sales"], ("later", "thing", ("view",))]}
        monkeypatch.setattr(command, "ROLES", roles)
        out = StringIO()
        call_command("setup_roles", stdout=out)
        assert "skipped, not installed yet: " in out.getvalue()
        assert "later.thing" in out.getvalue()
        assert "catalog.view_plan" in perms("sales")


class TestFeeEditor:
    @pytest.mark.parametrize(
        "url",
        [
            "/en/admin/catalog/plan/",
            "/en/admin/catalog/plan/add/",
            "/en/admin/catalog/plan/import/",
            "/en/admin/catalog/plan/export/",
            "/en/admin/catalog/brand/add/",
            "/en/admin/catalog/product/add/",
            "/en/admin/catalog/feature/add/",
        ],
    )
    def test_can_open(self, editor_client, url):
        assert editor_client.get(url).status_code == 200

    def test_can_make_new_versions(self, editor_client):
        plan = public_plan()
        assert (
            editor_client.get(f"/en/admin/catalog/plan/{plan.pk}/new-version/").status_code == 200
        )

    @pytest.mark.parametrize("url", ["/en/admin/auth/user/", "/en/admin/auth/group/"])
    def test_cannot_manage_users(self, editor_client, url):
        assert editor_client.get(url).status_code == 403

    def test_cannot_delete_brands(self, editor_client):
        brand = make_brand()
        assert editor_client.get(f"/en/admin/catalog/brand/{brand.pk}/delete/").status_code == 403


class TestSales:
    def test_reads_the_catalog(self, sales_client):
        plan = public_plan()
        assert sales_client.get("/en/admin/catalog/plan/").status_code == 200
        assert sales_client.get("/en/admin/catalog/product/").status_code == 200
        page = sales_client.get(change_url(plan))
        assert page.status_code == 200
        text = page.content.decode()
        assert "View plan" in text
        assert 'name="_save"' not in text
        assert "new-version/" not in text
        assert "Import" not in text

    def test_cannot_change_a_plan(self, sales_client, editor_client):
        plan = public_plan()
        data = admin_form_data(editor_client.get(change_url(plan)))
        data["notes"] = "sales was here"
        data["change_reason"] = "trying"
        assert sales_client.post(change_url(plan), data).status_code == 403
        plan.refresh_from_db()
        assert plan.notes == ""

    @pytest.mark.parametrize(
        "path",
        [
            "plan/add/",
            "plan/import/",
            "plan/export/",
            "brand/add/",
            "product/add/",
        ],
    )
    def test_cannot_add_import_or_export(self, sales_client, path):
        assert sales_client.get(f"/en/admin/catalog/{path}").status_code == 403

    def test_cannot_make_a_new_version_or_delete(self, sales_client):
        plan = public_plan(valid_from=today() + dt.timedelta(days=3))
        url = f"/en/admin/catalog/plan/{plan.pk}/new-version/"
        assert sales_client.get(url).status_code == 403
        assert sales_client.post(url, {"valid_from": "2030-01-01"}).status_code == 403
        assert (
            sales_client.post(
                f"/en/admin/catalog/plan/{plan.pk}/delete/", {"post": "yes"}
            ).status_code
            == 403
        )
        assert Plan.objects.count() == 1


def test_superuser_may_delete_a_plan_that_has_been_in_force(client):
    client.force_login(make_staff("root", superuser=True))
    plan = public_plan()
    response = client.post(f"/en/admin/catalog/plan/{plan.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Plan.objects.exists()
