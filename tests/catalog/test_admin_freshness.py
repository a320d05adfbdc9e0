"""Freshness: every committed change to fee data moves the fee-data version on (so nothing cached
under an older version is used again), and public pages show a saved change on the next
request."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from catalog import services
from catalog.models import Brand, Feature, Penalty, Plan, Product, Rate
from core.freshness import fee_data_version
from tests.catalog.admin_helpers import admin_form_data, change_url, public_plan, rate_row
from tests.factories import make_brand, make_feature, make_product

pytestmark = pytest.mark.django_db


def bumps(capture, change) -> bool:
    before = fee_data_version()
    with capture(execute=True):
        change()
    return fee_data_version() > before


def test_version_is_stable_without_changes():
    first = fee_data_version()
    assert fee_data_version() == first
    assert first > 1_000_000_000_000_000  # seeded from the clock, in microseconds


def test_a_lost_key_never_comes_back_as_an_older_number(django_capture_on_commit_callbacks):
    old = fee_data_version()
    with django_capture_on_commit_callbacks(execute=True):
        make_brand()
    bumped = fee_data_version()
    assert bumped > old
    cache.delete("catalog:fee-data-version")  # flushed or evicted: read from the database
    assert fee_data_version() == bumped


def test_saves_and_deletes_of_every_fee_model_bump_it(django_capture_on_commit_callbacks):
    cap = django_capture_on_commit_callbacks
    brand = make_brand()
    product = make_product(brand=brand)
    plan = public_plan(product=product)
    rate = plan.rates.first()
    feature = make_feature("nfc")
    penalty = Penalty.objects.create(
        brand=brand, announced="2025-01", summary="罚款", source_url="https://example.com/p"
    )

    def save(obj):
        return lambda: obj.save()

    for obj in (brand, product, plan, rate, feature, penalty):
        assert bumps(cap, save(obj)), type(obj).__name__
    assert bumps(cap, lambda: product.features.add(feature))
    assert bumps(cap, lambda: product.features.remove(feature))
    assert bumps(cap, lambda: product.features.clear())
    for obj in (penalty, rate):
        assert bumps(cap, obj.delete), type(obj).__name__
    assert bumps(
        cap,
        lambda: services.plan_new_version(
            plan=plan, valid_from=plan.valid_from.replace(year=plan.valid_from.year + 1)
        ),
    )


def test_watched_models_are_the_fee_models():
    from catalog.models import FEE_DATA_MODELS

    assert set(FEE_DATA_MODELS) == {Brand, Product, Feature, Plan, Rate, Penalty}


def test_nothing_bumps_before_commit(django_capture_on_commit_callbacks):
    plan = public_plan()
    before = fee_data_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan.save()
    assert fee_data_version() == before  # not yet: the transaction has not committed
    assert callbacks


def test_product_page_shows_a_correction_on_the_next_request(
    editor_client, client, django_capture_on_commit_callbacks
):
    plan = public_plan(rates={"credit_card": "0.60"})
    url = f"/en/products/{plan.product.slug}/"
    assert "0.60%" in client.get(url).content.decode()
    assert "0.60%" in client.get(url).content.decode()  # now served from the page cache

    data = admin_form_data(editor_client.get(change_url(plan)))
    data[f"{rate_row(data, 'credit_card')}-percent"] = "0.65"
    data["change_reason"] = "Typo"
    with django_capture_on_commit_callbacks(execute=True):  # the save commits, as in production
        assert editor_client.post(change_url(plan), data).status_code == 302

    page = client.get(url).content.decode()
    assert "0.65%" in page
    assert "0.60%" not in page
