"""Catalog model rules: database constraints, validation messages, effective dating."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import MSG_CAP_BELOW_MIN, MSG_VALID_TO, Plan, Rate
from tests.factories import D, make_plan, make_product

pytestmark = pytest.mark.django_db


def save_raw(obj) -> None:
    """Save bypassing model validation so the database constraint itself is exercised."""
    with transaction.atomic():
        obj.save()


class TestPlanConstraints:
    def test_valid_to_must_be_after_valid_from_in_database(self):
        plan = make_plan()
        plan.valid_to = plan.valid_from
        with pytest.raises(IntegrityError):
            save_raw(plan)

    def test_valid_to_message_in_validation(self):
        plan = make_plan()
        plan.valid_to = plan.valid_from - dt.timedelta(days=1)
        with pytest.raises(ValidationError) as exc:
            plan.full_clean()
        assert str(MSG_VALID_TO) in str(exc.value)

    @pytest.mark.parametrize(
        "field",
        [
            "device_price",
            "deposit",
            "monthly_fee",
            "annual_fee",
            "sim_fee_annual",
            "instant_fixed",
            "early_termination_fee",
        ],
    )
    def test_money_cannot_be_negative(self, field):
        plan = make_plan()
        setattr(plan, field, D("-0.01"))
        with pytest.raises(IntegrityError):
            save_raw(plan)

    def test_refund_volume_needs_days(self):
        plan = make_plan()
        plan.deposit_refund_volume = D("50000")
        plan.deposit_refund_days = None
        with pytest.raises(IntegrityError):
            save_raw(plan)

    def test_instant_percent_at_most_five(self):
        plan = make_plan()
        plan.instant_percent = D("5.0001")
        with pytest.raises(IntegrityError):
            save_raw(plan)


class TestRateConstraints:
    @pytest.mark.parametrize("percent", ["-0.0001", "5.0001"])
    def test_percent_outside_0_to_5_refused_by_database(self, percent):
        plan = make_plan()
        with pytest.raises(IntegrityError), transaction.atomic():
            Rate.objects.create(plan=plan, method="credit_card", percent=D(percent))

    @pytest.mark.parametrize("percent", ["0", "5"])
    def test_percent_bounds_are_inclusive(self, percent):
        plan = make_plan()
        Rate.objects.create(plan=plan, method="credit_card", percent=D(percent))
        assert plan.rates.get().percent == D(percent)

    def test_cap_below_minimum_refused(self):
        plan = make_plan()
        rate = Rate(plan=plan, method="debit_card", percent=D("0.5"), cap=D("1"), minimum=D("2"))
        with pytest.raises(ValidationError) as exc:
            rate.full_clean()
        assert str(MSG_CAP_BELOW_MIN) in str(exc.value)
        with pytest.raises(IntegrityError):
            save_raw(rate)

    def test_limit_needs_above_percent(self):
        plan = make_plan()
        with pytest.raises(IntegrityError), transaction.atomic():
            Rate.objects.create(plan=plan, method="contactless", percent=D("0.38"), limit=D("1000"))

    def test_one_rate_per_method_and_promo_flag(self):
        plan = make_plan(rates={"credit_card": "0.60"})
        Rate.objects.create(plan=plan, method="credit_card", percent=D("0.38"), is_promo=True)
        with pytest.raises(IntegrityError), transaction.atomic():
            Rate.objects.create(plan=plan, method="credit_card", percent=D("0.55"))


class TestOverlap:
    def make_pair(self, first_end, second_start, second_end=None, name="标准费率"):
        product = make_product()
        make_plan(product, valid_from=dt.date(2026, 1, 1), valid_to=first_end)
        return Plan(
            product=product,
            name=name,
            valid_from=second_start,
            valid_to=second_end,
            verified_on=dt.date(2026, 1, 1),
            source_url="https://example.com",
        )

    def test_overlapping_period_same_name_refused(self):
        second = self.make_pair(dt.date(2026, 6, 1), dt.date(2026, 5, 31))
        with pytest.raises(ValidationError) as exc:
            second.full_clean()
        assert exc.value.error_dict["__all__"][0].code == "overlap"
        assert "2026-01-01" in str(exc.value) and "2026-06-01" in str(exc.value)

    def test_open_ended_plan_overlaps_any_later_one(self):
        second = self.make_pair(None, dt.date(2030, 1, 1))
        with pytest.raises(ValidationError):
            second.full_clean()

    def test_adjacent_periods_are_allowed(self):
        second = self.make_pair(dt.date(2026, 6, 1), dt.date(2026, 6, 1))
        second.full_clean()  # [2026-01-01, 2026-06-01) then [2026-06-01, …)

    def test_earlier_bounded_period_before_open_one(self):
        second = self.make_pair(None, dt.date(2025, 1, 1), dt.date(2026, 1, 1))
        second.full_clean()

    def test_different_plan_name_may_overlap(self):
        second = self.make_pair(None, dt.date(2026, 3, 1), name="活动价")
        second.full_clean()


class TestCurrentOn:
    @pytest.fixture
    def plan(self):
        return make_plan(valid_from=dt.date(2026, 3, 1), valid_to=dt.date(2026, 9, 1))

    @pytest.mark.parametrize(
        ("day", "current", "scheduled", "expired"),
        [
            (dt.date(2026, 2, 28), False, True, False),  # day before start
            (dt.date(2026, 3, 1), True, False, False),  # first day
            (dt.date(2026, 8, 31), True, False, False),  # last day
            (dt.date(2026, 9, 1), False, False, True),  # end is exclusive
        ],
    )
    def test_boundaries(self, plan, day, current, scheduled, expired):
        assert (plan in Plan.objects.current(on=day)) is current
        assert (plan in Plan.objects.scheduled(on=day)) is scheduled
        assert (plan in Plan.objects.expired(on=day)) is expired
        assert plan.is_current(on=day) is current

    def test_open_ended_plan_is_current_far_ahead(self):
        plan = make_plan(valid_from=dt.date(2026, 3, 1))
        assert plan in Plan.objects.current(on=dt.date(2099, 1, 1))
        assert plan.status(on=dt.date(2099, 1, 1)) == "current"

    def test_day_is_required(self):
        with pytest.raises(TypeError):
            Plan.objects.current()  # type: ignore[call-arg]
