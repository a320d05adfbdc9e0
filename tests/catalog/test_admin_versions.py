"""Versioned plan changes: a draft copy, edited while nobody sees it, published on its day;
the list shows each plan's status; numbers of a plan that has been in force change only as a
correction with a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalog import services
from catalog.models import Plan, Rate
from tests.catalog.admin_helpers import admin_form_data, change_url, public_plan, rate_row, today
from tests.factories import make_plan, make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = Decimal


def rates_of(plan: Plan) -> dict[str, Decimal]:
    return {r.method: r.percent for r in plan.rates.all() if not r.is_promo}


class TestNewVersionService:
    def test_copies_plan_and_rates_as_a_draft(self):
        plan = public_plan(deposit=D("99"), promo_rates={"credit_card": "0.38"}, promo_months=3)
        start = today() + dt.timedelta(days=7)

        draft = services.plan_new_version(plan=plan, valid_from=start)

        assert draft.pk != plan.pk
        assert draft.is_draft and draft.replaces == plan
        assert draft.valid_from == start and draft.valid_to is None
        assert draft.deposit == D("99.00") and draft.promo_months == 3
        copied = {(r.method, r.is_promo): (r.percent, r.cap) for r in draft.rates.all()}
        assert copied == {
            ("credit_card", False): (D("0.6000"), None),
            ("debit_card", False): (D("0.5000"), D("20.00")),
            ("credit_card", True): (D("0.3800"), None),
        }
        # Nothing public changed: the old version is still open-ended and current.
        plan.refresh_from_db()
        assert plan.valid_to is None
        assert list(Plan.objects.current(on=start)) == [plan]
        assert list(Plan.objects.scheduled(on=today())) == []

    def test_start_must_be_after_the_current_version(self):
        plan = public_plan()
        with pytest.raises(ValidationError) as caught:
            services.plan_new_version(plan=plan, valid_from=plan.valid_from)
        assert "must start after" in str(caught.value)
        assert not Plan.objects.drafts().exists()

    def test_start_must_be_before_a_fixed_end(self):
        plan = public_plan(valid_to=today() + dt.timedelta(days=10))
        with pytest.raises(ValidationError, match="already ends on"):
            services.plan_new_version(plan=plan, valid_from=today() + dt.timedelta(days=10))

    def test_only_one_draft_at_a_time(self):
        plan = public_plan()
        services.plan_new_version(plan=plan, valid_from=today() + dt.timedelta(days=3))
        with pytest.raises(ValidationError, match="already exists"):
            services.plan_new_version(plan=plan, valid_from=today() + dt.timedelta(days=5))


class TestPublish:
    def test_publish_closes_the_previous_version_on_the_start_day(self):
        plan = public_plan()
        start = today() + dt.timedelta(days=14)
        draft = services.plan_new_version(plan=plan, valid_from=start)
        Rate.objects.filter(plan=draft, method="credit_card").update(percent=D("0.63"))

        services.plan_publish(plan=draft, on=today())

        plan.refresh_from_db()
        draft.refresh_from_db()
        assert plan.valid_to == start
        assert not draft.is_draft
        assert list(Plan.objects.current(on=today())) == [plan]
        assert list(Plan.objects.current(on=start)) == [draft]
        assert rates_of(Plan.objects.current(on=start).get())["credit_card"] == D("0.63")
        assert list(Plan.objects.expired(on=start)) == [plan]

    def test_publish_today_takes_effect_today(self):
        plan = public_plan()
        draft = services.plan_new_version(plan=plan, valid_from=today())
        services.plan_publish(plan=draft, on=today())
        assert list(Plan.objects.current(on=today())) == [draft]

    def test_backdated_publish_needs_a_reason(self):
        plan = public_plan()
        draft = services.plan_new_version(plan=plan, valid_from=today() - dt.timedelta(days=5))
        with pytest.raises(ValidationError, match="in the past"):
            services.plan_publish(plan=draft, on=today())
        plan.refresh_from_db()
        assert plan.valid_to is None  # nothing changed

        services.plan_publish(plan=draft, on=today(), reason="Brand announced it late")
        plan.refresh_from_db()
        assert plan.valid_to == today() - dt.timedelta(days=5)
        latest = plan.history.first()
        assert latest.history_change_reason == "Brand announced it late"

    def test_a_plan_without_rates_cannot_be_published(self):
        plan = public_plan()
        draft = services.plan_new_version(plan=plan, valid_from=today() + dt.timedelta(days=1))
        draft.rates.all().delete()
        with pytest.raises(ValidationError, match="without any rate"):
            services.plan_publish(plan=draft, on=today())

    def test_overlap_with_another_published_version_is_refused(self):
        product = make_product()
        start = today() - dt.timedelta(days=60)
        first = make_plan(product, valid_from=start, rates={"credit_card": "0.60"})
        later = make_plan(
            product,
            valid_from=today() + dt.timedelta(days=30),
            rates={"credit_card": "0.62"},
        )
        first.valid_to = later.valid_from
        first.save()
        draft = services.plan_new_version(plan=first, valid_from=today() + dt.timedelta(days=5))
        draft.valid_to = None  # would run over the later version
        draft.save()
        with pytest.raises(ValidationError, match="must not overlap"):
            services.plan_publish(plan=draft, on=today())
        assert Plan.objects.get(pk=draft.pk).is_draft


class TestAdminNewVersion:
    def test_button_makes_a_draft_and_opens_it(self, editor_client):
        plan = public_plan()
        page = editor_client.get(change_url(plan))
        assert b"new-version/" in page.content

        start = today() + dt.timedelta(days=1)
        response = editor_client.post(
            f"/en/admin/catalog/plan/{plan.pk}/new-version/", {"valid_from": start.isoformat()}
        )

        draft = Plan.objects.drafts().get()
        assert response.status_code == 302
        assert response.url == change_url(draft)
        opened = editor_client.get(response.url)
        assert b"Save and publish" in opened.content
        assert "nobody sees it" in opened.content.decode()

    def test_invalid_start_is_reported_on_the_form(self, editor_client):
        plan = public_plan()
        response = editor_client.post(
            f"/en/admin/catalog/plan/{plan.pk}/new-version/",
            {"valid_from": plan.valid_from.isoformat()},
        )
        assert response.status_code == 200
        assert "must start after" in response.content.decode()
        assert not Plan.objects.drafts().exists()

    def test_edit_the_draft_then_save_and_publish(self, editor_client):
        plan = public_plan()
        start = today()
        editor_client.post(
            f"/en/admin/catalog/plan/{plan.pk}/new-version/", {"valid_from": start.isoformat()}
        )
        draft = Plan.objects.drafts().get()
        data = admin_form_data(editor_client.get(change_url(draft)))
        data[f"{rate_row(data, 'credit_card')}-percent"] = "0.72"

        # "Save" keeps it a draft, with no correction reason needed.
        saved = editor_client.post(change_url(draft), {**data, "_continue": "1"})
        assert saved.status_code == 302
        draft.refresh_from_db()
        assert draft.is_draft
        assert list(Plan.objects.current(on=today())) == [plan]

        data = admin_form_data(editor_client.get(change_url(draft)))
        published = editor_client.post(change_url(draft), {**data, "_publish": "1"}, follow=True)

        assert published.status_code == 200
        assert "Published: in force from" in published.content.decode()
        current = Plan.objects.current(on=today()).get()
        assert current.pk == draft.pk
        assert rates_of(current)["credit_card"] == D("0.72")
        plan.refresh_from_db()
        assert plan.valid_to == start

    def test_action_on_the_list_leads_to_the_form(self, editor_client):
        plan = public_plan()
        response = editor_client.post(
            "/en/admin/catalog/plan/",
            {"action": "make_new_version", "_selected_action": [plan.pk]},
        )
        assert response.status_code == 302
        assert response.url.endswith(f"/catalog/plan/{plan.pk}/new-version/")

    @staticmethod
    def add(client, **fields):
        """Post the admin's "add plan" form for a new product, with ``fields`` on top."""
        data = admin_form_data(client.get("/en/admin/catalog/plan/add/"))
        data.update(
            {
                "product": make_product().pk,
                "name": "标准费率",
                "valid_from": today().isoformat(),
                "verified_on": today().isoformat(),
                **fields,
            }
        )
        return client.post("/en/admin/catalog/plan/add/", data)

    def test_new_plans_start_as_drafts(self, editor_client):
        response = self.add(
            editor_client,
            **{
                "source_url": "https://example.com/x",
                "rates-TOTAL_FORMS": "1",
                "rates-0-method": "credit_card",
                "rates-0-percent": "0.60",
                "rates-0-fixed": "0",
            },
        )
        assert response.status_code == 302
        assert Plan.objects.get().is_draft

    def test_publishing_without_rates_is_refused_on_the_form(self, editor_client):
        response = self.add(editor_client, _publish="1")
        assert response.status_code == 200
        assert "without any rate" in response.content.decode()
        assert not Plan.objects.exists()


class TestStatusList:
    def test_list_shows_and_filters_by_status(self, editor_client):
        product = make_product()
        old = make_plan(
            product,
            name="旧",
            valid_from=today() - dt.timedelta(days=90),
            valid_to=today() - dt.timedelta(days=30),
        )
        now = make_plan(product, name="今", valid_from=today() - dt.timedelta(days=30))
        later = make_plan(product, name="将", valid_from=today() + dt.timedelta(days=30))
        draft = services.plan_new_version(plan=now, valid_from=today() + dt.timedelta(days=9))

        page = editor_client.get("/en/admin/catalog/plan/").content.decode()
        for status in ("current", "scheduled", "expired", "draft"):
            assert f"plan-status-{status}" in page

        def listed(status: str) -> set[int]:
            response = editor_client.get(f"/en/admin/catalog/plan/?status={status}")
            return {p.pk for p in response.context["cl"].result_list}

        assert listed("current") == {now.pk}
        assert listed("scheduled") == {later.pk}
        assert listed("expired") == {old.pk}
        assert listed("draft") == {draft.pk}

    def test_list_query_count_is_bounded(self, editor_client, django_assert_max_num_queries):
        for _ in range(8):
            public_plan()
        with django_assert_max_num_queries(14):
            response = editor_client.get("/en/admin/catalog/plan/")
        assert response.status_code == 200


class TestCorrections:
    def test_changing_numbers_of_a_plan_in_force_needs_a_reason(self, editor_client):
        plan = public_plan()
        data = admin_form_data(editor_client.get(change_url(plan)))
        data["monthly_fee"] = "9.90"

        refused = editor_client.post(change_url(plan), data)

        assert refused.status_code == 200
        assert "Correction reason" in refused.content.decode()
        assert refused.context["adminform"].form.errors["change_reason"]
        plan.refresh_from_db()
        assert plan.monthly_fee == D("0")

        data["change_reason"] = "Monthly fee was missed when the plan was entered"
        accepted = editor_client.post(change_url(plan), data)
        assert accepted.status_code == 302
        plan.refresh_from_db()
        assert plan.monthly_fee == D("9.90")
        record = plan.history.first()
        assert record.history_change_reason == "Monthly fee was missed when the plan was entered"

    def test_changing_a_rate_of_a_plan_in_force_needs_a_reason(self, editor_client):
        plan = public_plan()
        data = admin_form_data(editor_client.get(change_url(plan)))
        data[f"{rate_row(data, 'credit_card')}-percent"] = "0.65"

        refused = editor_client.post(change_url(plan), data)
        assert refused.status_code == 200
        assert "in force since" in refused.content.decode()
        assert rates_of(plan)["credit_card"] == D("0.60")

        data["change_reason"] = "Source says 0.65"
        assert editor_client.post(change_url(plan), data).status_code == 302
        assert rates_of(plan)["credit_card"] == D("0.65")
        rate = plan.rates.get(method="credit_card")
        assert rate.history.first().history_change_reason == "Source says 0.65"

    def test_deleting_a_rate_of_a_plan_in_force_needs_a_reason(self, editor_client):
        plan = public_plan()
        data = admin_form_data(editor_client.get(change_url(plan)))
        data[f"{rate_row(data, 'debit_card')}-DELETE"] = "on"
        assert editor_client.post(change_url(plan), data).status_code == 200
        assert plan.rates.filter(method="debit_card").exists()

    def test_text_changes_and_scheduled_plans_need_no_reason(self, editor_client):
        plan = public_plan()
        data = admin_form_data(editor_client.get(change_url(plan)))
        data["notes"] = "需签约一年"
        data["verified_on"] = today().isoformat()
        assert editor_client.post(change_url(plan), data).status_code == 302

        scheduled = public_plan(valid_from=today() + dt.timedelta(days=20))
        data = admin_form_data(editor_client.get(change_url(scheduled)))
        data[f"{rate_row(data, 'credit_card')}-percent"] = "0.55"
        assert editor_client.post(change_url(scheduled), data).status_code == 302
        assert rates_of(scheduled)["credit_card"] == D("0.55")

    def test_ending_a_plan_in_the_future_needs_no_reason_but_rewriting_the_past_does(
        self, editor_client
    ):
        plan = public_plan()
        data = admin_form_data(editor_client.get(change_url(plan)))
        data["valid_to"] = (today() + dt.timedelta(days=30)).isoformat()
        assert editor_client.post(change_url(plan), data).status_code == 302

        data = admin_form_data(editor_client.get(change_url(plan)))
        data["valid_to"] = (today() - dt.timedelta(days=1)).isoformat()
        assert editor_client.post(change_url(plan), data).status_code == 200

    def test_a_plan_that_has_been_in_force_cannot_be_deleted_by_editors(self, editor_client):
        plan = public_plan()
        response = editor_client.get(f"/en/admin/catalog/plan/{plan.pk}/delete/")
        assert response.status_code == 403
        assert Plan.objects.filter(pk=plan.pk).exists()
        draft = services.plan_new_version(plan=plan, valid_from=today() + dt.timedelta(days=2))
        response = editor_client.post(f"/en/admin/catalog/plan/{draft.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
        assert not Plan.objects.filter(pk=draft.pk).exists()
