"""The real catalog data in fixtures/ loads cleanly, completely and idempotently."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Brand, Feature, Penalty, Plan, Product, Rate
from catalog.seed import FIXTURE, seed_catalog

pytestmark = pytest.mark.django_db

ALL_MODELS = [Brand, Feature, Penalty, Product, Plan, Rate]


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in ALL_MODELS}


@pytest.fixture
def seeded():
    report = seed_catalog()
    assert report.changed
    return report


def test_seed_twice_changes_nothing(seeded):
    before = counts()
    snapshot = list(Plan.objects.order_by("pk").values())
    report = seed_catalog()
    assert not report.changed, str(report)
    assert counts() == before
    assert list(Plan.objects.order_by("pk").values()) == snapshot


def test_seed_keeps_admin_corrections_unless_update(seeded):
    plan = Plan.objects.order_by("pk").first()
    original = plan.device_price
    plan.device_price = original + 1
    plan.save()
    seed_catalog()
    plan.refresh_from_db()
    assert plan.device_price == original + 1
    report = seed_catalog(update=True)
    plan.refresh_from_db()
    assert plan.device_price == original
    assert report.updated == {"plan": 1}


def test_seed_command_prints_report(capsys):
    call_command("seed")
    call_command("seed")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "catalog: created nothing; updated nothing"


def test_everything_in_the_file_is_loaded(seeded):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert Brand.objects.count() == len(data["brands"])
    assert Product.objects.count() == len(data["products"])
    assert Plan.objects.count() == sum(len(p["plans"]) for p in data["products"])
    assert Rate.objects.count() == sum(
        len(plan["rates"]) for p in data["products"] for plan in p["plans"]
    )


class TestFixtureIntegrity:
    def test_market_coverage(self, seeded):
        assert Brand.objects.count() >= 12
        assert Product.objects.count() >= 30
        for slug in ["lakala", "newland", "chinaums", "hrt"]:
            assert Brand.objects.filter(slug=slug).exists(), slug
        kinds = set(Product.objects.values_list("kind", flat=True))
        assert kinds == set(Product.Kind.values)

    def test_every_product_on_sale_has_a_current_plan(self, seeded):
        today = timezone.localdate()
        without = Product.objects.exclude(pk__in=Plan.objects.current(on=today).values("product"))
        on_sale = without.exclude(status=Product.Status.DISCONTINUED)
        assert list(on_sale.values_list("slug", flat=True)) == []

    def test_every_plan_has_provenance(self, seeded):
        today = timezone.localdate()
        for plan in Plan.objects.all():
            assert plan.source_url or plan.source_note, plan
            assert plan.verified_on <= today, plan
            assert plan.rates.exists(), plan

    def test_estimates_say_what_they_estimate(self, seeded):
        for plan in Plan.objects.filter(is_estimate=True):
            assert plan.source_note.strip(), plan

    def test_no_rate_outside_0_to_5_percent(self, seeded):
        for rate in Rate.objects.all():
            assert Decimal("0") <= rate.percent <= Decimal("5"), rate
            if rate.above_percent is not None:
                assert Decimal("0") <= rate.above_percent <= Decimal("5"), rate

    def test_every_record_is_valid(self, seeded):
        for model in ALL_MODELS:
            for obj in model.objects.all():
                obj.full_clean()

    def test_bilingual_names(self, seeded):
        for model in (Brand, Product, Feature):
            assert not model.objects.filter(name_en="").exists(), model
