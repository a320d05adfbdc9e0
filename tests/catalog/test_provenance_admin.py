"""The tier and source per figure in the admin: the plan form, import/export, the data check."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import tablib

from catalog.models import Plan
from catalog.resources import PlanResource
from catalog.terms import Tier, figure_keys
from tests.catalog.admin_helpers import public_plan, today
from tests.catalog.test_import_export import catalog_snapshot, row_dicts, to_csv
from tests.factories import make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SRC = "S25 https://github.com/whsayxz5/docsify/blob/e5d0eb1/tool/hlb.md"


@pytest.fixture
def plan():
    plan = public_plan(
        product=make_product(slug="hlb"),
        name="标准费率",
        rates={"credit_card": "0.55", "debit_card": {"percent": "0.55", "cap": "20"}},
    )
    prov = {
        k: {"tier": Tier.AGENT, "source": SRC, "date": "2025-03-01"}
        for k in figure_keys(plan.rates.all())
    }
    prov["debit_card.cap"] = {"tier": Tier.MARKET, "source": "§2.4", "date": None, "note": "取20元"}
    plan.provenance = prov
    plan.source_date = dt.date(2025, 3, 1)
    plan.save()
    return plan


def export_csv() -> str:
    return PlanResource(on=today()).export().export("csv")


def import_csv(content: str):
    dataset = tablib.Dataset().load(content, format="csv")
    return PlanResource(on=today()).import_data(dataset)


def test_export_has_the_provenance_and_dates(plan):
    (row,) = row_dicts(export_csv())
    assert row["source_date"] == "2025-03-01"
    prov = json.loads(row["provenance"])
    assert prov["debit_card.cap"] == {
        "tier": "market",
        "source": "§2.4",
        "date": None,
        "note": "取20元",
    }
    assert prov["credit_card.percent"]["source"] == SRC


def test_round_trip_keeps_tier_and_source(plan):
    before = catalog_snapshot()
    result = import_csv(export_csv())
    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["skip"]
    assert catalog_snapshot() == before


def test_an_edited_tier_is_imported(plan):
    (row,) = row_dicts(export_csv())
    prov = json.loads(row["provenance"])
    prov["debit_card.cap"]["tier"] = "agent"
    row["provenance"] = json.dumps(prov, ensure_ascii=False)
    result = import_csv(to_csv([row]))
    assert not result.has_validation_errors(), result.invalid_rows
    plan.refresh_from_db()
    assert plan.provenance["debit_card.cap"]["tier"] == "agent"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not json", "The provenance is not valid JSON"),
        ('{"deposit": {"tier": "rumour"}}', "deposit: the tier must be one of"),
        ('{"deposit": {"tier": "agent", "date": "2025/03/01"}}', "is not a date"),
    ],
)
def test_bad_provenance_is_refused_in_plain_words(plan, value, message):
    (row,) = row_dicts(export_csv())
    row["provenance"] = value
    result = import_csv(to_csv([row]))
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    texts = " ".join(m for ms in invalid.field_specific_errors.values() for m in ms)
    assert message in texts
    plan.refresh_from_db()
    assert plan.provenance["deposit"]["tier"] == "agent"


def test_plan_form_shows_tier_and_source_per_figure(admin_client, plan):
    html = admin_client.get(f"/en/admin/catalog/plan/{plan.pk}/change/").content.decode()
    assert "Tier and source per figure" in html
    assert (
        "<td>debit_card.cap</td><td>market</td><td>§2.4</td><td>undated</td><td>取20元</td>" in html
    )
    assert 'name="provenance"' in html
    assert 'name="source_date"' in html and 'name="source_read_on"' in html
    assert "Partly estimated" in html or "partly estimated" in html


def test_plan_form_flags_a_figure_without_tier(admin_client, plan):
    del plan.provenance["deposit"]
    Plan.objects.filter(pk=plan.pk).update(provenance=plan.provenance)
    html = admin_client.get(f"/en/admin/catalog/plan/{plan.pk}/change/").content.decode()
    assert "<td>deposit</td><td>⚠ no tier</td>" in html


def test_plan_form_lists_figures_without_source_and_old_assumptions(admin_client, plan):
    plan.provenance["deposit"] = {"tier": "market", "source": "", "date": None}
    plan.provenance["device_price"] = {"tier": "assumed", "source": "", "date": None}
    Plan.objects.filter(pk=plan.pk).update(
        provenance=plan.provenance, verified_on=today() - dt.timedelta(days=200)
    )
    html = admin_client.get(f"/en/admin/catalog/plan/{plan.pk}/change/").content.decode()
    assert "figure_no_source: deposit (market) names no source" in html
    assert "old_assumption: device_price is an assumption not checked for 200 days" in html
