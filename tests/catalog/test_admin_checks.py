"""Data checks on save: errors stop the save; a rate below the regulatory cost floor, a plan not
verified for 180 days and a plan without a source are warnings, shown as admin messages and
usable as list filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from catalog import checks, regulation
from catalog.models import Plan, Rate
from tests.catalog.admin_helpers import admin_form_data, change_url, public_plan, rate_row, today

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
D = Decimal


def codes(plan: Plan, on: dt.date | None = None) -> set[tuple[str, str]]:
    return {
        (f.level, f.code)
        for f in checks.plan_findings(plan, rates=plan.rates.all(), on=on or today())
    }


def test_the_floors_are_the_regulatory_figures():
    # market-facts.md §1.2 (标准类): credit 0.45 % issuer + 0.0325 % network; debit 9折 of
    # 0.35 % + 0.0325 % = 0.315 + 0.02925; the debit cost cap is 13 + 3.25 元.
    assert D("0.45") + D("0.0325") == regulation.CREDIT_COST_FLOOR
    assert D("0.315") + D("0.02925") == regulation.DEBIT_COST_FLOOR
    assert D("13") + D("3.25") == regulation.DEBIT_COST_CAP


class TestFindings:
    def test_a_sound_plan_has_none(self):
        plan = public_plan(
            rates={"credit_card": "0.60", "debit_card": {"percent": "0.50", "cap": "20"}}
        )
        assert codes(plan) == set()

    @pytest.mark.parametrize(
        ("method", "spec", "flagged"),
        [
            ("credit_card", "0.4824", True),
            ("credit_card", "0.4825", False),
            ("credit_card", "0.38", True),
            ("debit_card", "0.3442", True),
            ("debit_card", "0.3443", False),
            ("debit_card", {"percent": "0.50", "cap": "16.24"}, True),
            ("debit_card", {"percent": "0.50", "cap": "16.25"}, False),
            ("wechat", "0.20", False),  # no card floor for QR payments
        ],
    )
    def test_rates_below_the_cost_floor_are_warnings(self, method, spec, flagged):
        plan = public_plan(rates={method: spec})
        assert (("warning", "below_floor") in codes(plan)) is flagged

    def test_promotional_rates_below_the_floor_are_flagged_too(self):
        plan = public_plan(
            rates={"credit_card": "0.60"}, promo_rates={"credit_card": "0.38"}, promo_months=3
        )
        found = checks.plan_findings(plan, rates=plan.rates.all(), on=today())
        assert [f.message for f in found if f.code == "below_floor"][0].startswith(
            "Credit card (promotional): 0.3800 % is below"
        )

    def test_stale_after_180_days(self):
        plan = public_plan(verified_on=today() - dt.timedelta(days=180))
        assert ("warning", "stale") not in codes(plan)
        plan.verified_on = today() - dt.timedelta(days=181)
        assert ("warning", "stale") in codes(plan)

    def test_no_source(self):
        plan = public_plan(source_url="", source_note="")
        assert ("warning", "no_source") in codes(plan)
        plan.source_note = "Agent quote, phone call 2026-11-01"
        assert ("warning", "no_source") not in codes(plan)

    def test_out_of_range_rate_and_cap_below_minimum_are_errors(self):
        rate = Rate(method="debit_card", percent=D("5.5"), cap=D("1"), minimum=D("2"))
        found = {(f.level, f.code) for f in checks.rate_findings(rate)}
        assert ("error", "rate_range") in found
        assert ("error", "cap_below_minimum") in found


class TestInTheAdmin:
    def test_warnings_are_shown_as_messages_after_saving(self, editor_client):
        plan = public_plan(
            valid_from=today() + dt.timedelta(days=5),
            verified_on=today() - dt.timedelta(days=200),
            source_url="",
        )
        data = admin_form_data(editor_client.get(change_url(plan)))
        data[f"{rate_row(data, 'credit_card')}-percent"] = "0.38"

        response = editor_client.post(change_url(plan), data)

        assert response.status_code == 302
        texts = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
        assert any("below the regulatory cost floor of 0.4825 %" in t for t in texts)
        assert any("200 days ago" in t for t in texts)
        assert any(t.startswith("No source") for t in texts)

    def test_errors_stop_the_save(self, editor_client):
        plan = public_plan(valid_from=today() + dt.timedelta(days=5))
        data = admin_form_data(editor_client.get(change_url(plan)))
        row = rate_row(data, "debit_card")
        data[f"{row}-percent"] = "5.10"
        data[f"{row}-minimum"] = "30"  # above the 20 元 cap

        response = editor_client.post(change_url(plan), data)

        assert response.status_code == 200
        text = response.content.decode()
        assert "Please correct the errors below." in text
        assert "less than or equal to 5" in text
        assert "must not be below the minimum" in text
        assert plan.rates.get(method="debit_card").percent == D("0.5")

    def test_list_filters_by_each_warning(self, editor_client):
        sound = public_plan()
        low = public_plan(rates={"credit_card": "0.38"})
        stale = public_plan(verified_on=today() - dt.timedelta(days=365))
        unsourced = public_plan(source_url="")

        def listed(code: str) -> set[int]:
            response = editor_client.get(f"/en/admin/catalog/plan/?check={code}")
            return {p.pk for p in response.context["cl"].result_list}

        assert listed("below_floor") == {low.pk}
        assert listed("stale") == {stale.pk}
        assert listed("no_source") == {unsourced.pk}
        assert listed("any") == {low.pk, stale.pk, unsourced.pk}
        assert sound.pk not in listed("any")
        page = editor_client.get("/en/admin/catalog/plan/").content.decode()
        assert "Rate below the regulatory cost floor" in page
