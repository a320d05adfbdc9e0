"""Helpers for the admin tests: staff users in each role and the data of a rendered admin form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db.models import Model
from django.test import Client
from django.utils import timezone

from catalog.management.commands.setup_roles import setup_roles
from catalog.models import Plan
from tests.factories import give_authenticator, make_plan, make_product

PASSWORD = "correct-horse-battery-staple-42"


def today() -> dt.date:
    return timezone.localdate()


def make_staff(
    username: str, *groups: str, superuser: bool = False, authenticator: bool = True
) -> User:
    """A staff user in ``groups``, with the test authenticator (``tests.factories.TOTP_KEY``)
    unless ``authenticator=False`` (a first sign-in, before setting one up)."""
    setup_roles()
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    else:
        user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
        user.is_staff = True
        user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if authenticator:
        give_authenticator(user)
    return user


@pytest.fixture
def editor(db: Any) -> User:
    return make_staff("editor", "fee editors")


@pytest.fixture
def sales(db: Any) -> User:
    return make_staff("seller", "sales")


@pytest.fixture
def editor_client(editor: User) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def sales_client(sales: User) -> Client:
    client = Client()
    client.force_login(sales)
    return client


def public_plan(**kw: Any) -> Plan:
    """A plan in force since 30 days ago (so merchants have seen it), credit 0.60 %."""
    defaults: dict[str, Any] = {
        "valid_from": today() - dt.timedelta(days=30),
        "verified_on": today() - dt.timedelta(days=10),
        "rates": {"credit_card": "0.60", "debit_card": {"percent": "0.50", "cap": "20"}},
    }
    defaults.update(kw)
    product = defaults.pop("product", None) or make_product()
    return make_plan(product, **defaults)


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Model):
        return value.pk
    return value


def _put(data: dict[str, Any], name: str, value: Any) -> None:
    if value is False:
        return  # an unticked checkbox is not sent
    if value is True:
        data[name] = "on"
    elif isinstance(value, list | tuple):
        data[name] = [_plain(v) for v in value]
    else:
        data[name] = _plain(value)


def admin_form_data(response: Any) -> dict[str, Any]:
    """The POST data the admin change/add page would send as rendered (form + inlines)."""
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for name in form.fields:
        _put(data, name, form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            _put(data, f"{formset.prefix}-{name}", formset.management_form[name].value())
        for f in formset.forms:
            for name in f.fields:
                _put(data, f.add_prefix(name), f[name].value())
    return data


def rate_row(data: dict[str, Any], method: str, *, promo: bool = False) -> str:
    """The form prefix (``rates-0``) of the inline row holding ``method``."""
    for key, value in data.items():
        if key.startswith("rates-") and key.endswith("-method") and value == method:
            prefix = key.removesuffix("-method")
            if bool(data.get(f"{prefix}-is_promo")) == promo:
                return prefix
    raise KeyError(method)


def change_url(plan: Plan) -> str:
    return f"/en/admin/catalog/plan/{plan.pk}/change/"
