"""Sales staff: "my links" (their share links, newest first), and exactly the permissions they
need for share links — see and delete their own, nothing else."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from compare import services
from compare.models import SharedComparison
from tests.catalog.admin_helpers import make_staff
from tests.factories import make_brand, make_plan, make_product

pytestmark = pytest.mark.django_db

URL = "/en/compare/links/"


@pytest.fixture
def shop():
    brand = make_brand(name="拉卡拉", name_en="Lakala", slug="lakala")
    for slug, name in (("alpha", "Alpha"), ("bravo", "Bravo"), ("charlie", "Charlie")):
        make_plan(
            make_product(brand, name=name, name_en=name, slug=slug),
            rates={"credit_card": "0.6", "wechat": "0.38"},
        )


def link(user, slugs=("alpha", "bravo"), volume="30000", minutes_ago=0):
    shared = services.comparison_share(
        slugs=list(slugs), params={"volume": volume}, user=user, on=timezone.localdate()
    )
    SharedComparison.objects.filter(pk=shared.pk).update(
        created=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return shared


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/login/?next=/en/compare/links/"


def test_other_staff_are_refused(client):
    client.force_login(make_staff("editor", "fee editors"))
    assert client.get(URL).status_code == 403


def test_sales_see_their_links_newest_first(sales_client, sales, shop):
    link(sales, ("alpha", "bravo"), minutes_ago=30)
    newest = link(sales, ("charlie", "alpha"), volume="80000")
    SharedComparison.objects.filter(pk=newest.pk).update(view_count=7)
    someone_else = make_staff("other", "sales")
    theirs = link(someone_else, ("bravo", "charlie"))

    response = sales_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Lakala Charlie · Lakala Alpha") < html.index("Lakala Alpha · Lakala Bravo")
    assert "80,000 元 a month · Retail · 12 months" in html
    assert "7 views" in html and "0 views" in html
    assert f'value="http://testserver/en/s/{newest.code}/"' in html  # selectable without JS
    assert f'data-copy="link-{newest.code}"' in html
    assert f'src="/en/s/{newest.code}/qr.svg"' in html
    assert theirs.code not in html


def test_query_count_does_not_grow_with_links(sales_client, sales, shop, django_assert_num_queries):
    link(sales)
    # Session, user, the session's second-factor device, the user's permissions (own and
    # group), the count, the page of links.
    with django_assert_num_queries(7):
        assert sales_client.get(URL).status_code == 200
    for i in range(10):
        link(sales, volume=str(10000 + i))
    with django_assert_num_queries(7):
        assert sales_client.get(URL).status_code == 200


def test_setup_roles_gives_sales_exactly_view_and_delete_on_share_links():
    call_command("setup_roles", stdout=StringIO())
    sales = Group.objects.get(name="sales")
    codenames = {
        p.codename for p in sales.permissions.all() if p.content_type.app_label == "compare"
    }
    assert codenames == {"view_sharedcomparison", "delete_sharedcomparison"}
    editors = Group.objects.get(name="fee editors")
    assert not editors.permissions.filter(content_type__app_label="compare").exists()


def test_admin_shows_sales_only_their_own_links(sales_client, sales, shop):
    mine = link(sales)
    other = make_staff("other", "sales")
    theirs = link(other, ("bravo", "charlie"))
    base = "/en/admin/compare/sharedcomparison/"

    listing = sales_client.get(base)
    assert listing.status_code == 200
    assert mine.code in listing.content.decode()
    assert theirs.code not in listing.content.decode()
    assert sales_client.get(f"{base}{mine.pk}/change/").status_code == 200  # read-only view
    assert sales_client.get(f"{base}{theirs.pk}/change/").status_code == 302  # "does not exist"
    assert sales_client.get(f"{base}add/").status_code == 403

    # A quote is never edited: a POST to its page changes nothing.
    sales_client.post(f"{base}{mine.pk}/change/", {"profile": "volume=1"})
    mine.refresh_from_db()
    assert mine.profile.startswith("volume=30000")

    # Their own can be deleted; someone else's cannot.
    assert sales_client.post(f"{base}{theirs.pk}/delete/", {"post": "yes"}).status_code == 302
    assert SharedComparison.objects.filter(pk=theirs.pk).exists()
    assert sales_client.post(f"{base}{mine.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not SharedComparison.objects.filter(pk=mine.pk).exists()


def test_superusers_see_every_link(shop):
    seller = make_staff("seller2", "sales")
    shared = link(seller)
    boss = Client()
    boss.force_login(make_staff("boss", superuser=True))
    html = boss.get("/en/admin/compare/sharedcomparison/").content.decode()
    assert shared.code in html
