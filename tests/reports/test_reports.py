"""Fee reports: the form (evidence tiers, bad input), moderation, thresholds, the panels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core.measured import measured_token
from reports import selectors
from reports.models import Flag, Report
from tests.factories import make_plan, make_product
from tests.reports.helpers import make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
D = Decimal
NEW = "/en/reports/new/"


@pytest.fixture
def product():
    plan = make_plan(rates={"credit_card": "0.60", "debit_card": {"percent": "0.50", "cap": "20"}})
    return plan.product


def post(client: Client, subject, **fields):
    data = {
        "product": subject.slug,
        "province": "guangdong",
        "since": "2025-03",
        "deposit_returned": "unknown",
        "change-TOTAL_FORMS": "3",
        "change-INITIAL_FORMS": "0",
        **fields,
    }
    return client.post(NEW, data, REMOTE_ADDR=fields.pop("ip", "198.51.100.7"))


# ---------------------------------------------------------------- the form and its evidence


def test_a_typed_report_is_stored_as_new_and_tier_t0(client, product):
    response = post(client, product, rate_credit_card="0.68", rate_wechat="0.38")
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.status, report.tier, report.product) == ("new", "t0", product)
    assert {r.method: r.percent for r in report.rates.all()} == {
        "credit_card": D("0.6800"),
        "wechat": D("0.3800"),
    }
    # The sender is a keyed hash, never the address itself.
    assert "198.51.100.7" not in report.client and len(report.client) == 32


def test_one_payment_that_adds_up_makes_it_tier_t1(client, product):
    # 1,250 元 at 0.68 %: 8.50 元.
    response = post(
        client,
        product,
        rate_credit_card="0.68",
        proof_method="credit_card",
        proof_amount="1250",
        proof_fee="8.50",
    )
    assert response.status_code == 302
    assert Report.objects.get().tier == "t1"


def test_one_payment_that_does_not_add_up_is_refused_and_nothing_is_lost(client, product):
    # 1,250 元 at 0.60 % is 7.50 元, not 8.50 元.
    response = post(
        client,
        product,
        rate_credit_card="0.60",
        proof_method="credit_card",
        proof_amount="1250",
        proof_fee="8.50",
        note="刷卡小票",
    )
    assert response.status_code == 400
    assert not Report.objects.exists()
    text = response.content.decode()
    assert "1250 元 at 0.60 % gives a fee of 7.50 元, not 8.50 元" in text
    assert 'value="8.50"' in text and "刷卡小票" in text  # what was typed is still there


def test_a_debit_payment_is_checked_with_its_cap(client, product):
    # 5,000 元 at 0.50 % would be 25 元; the 20 元 cap makes it 20.00 元.
    response = post(
        client,
        product,
        rate_debit_card="0.50",
        cap_debit_card="20",
        proof_method="debit_card",
        proof_amount="5000",
        proof_fee="20.00",
    )
    assert response.status_code == 302


def test_rates_measured_in_a_statement_check_up_make_it_tier_t2(client, product):
    token = measured_token({"credit_card": D("0.63"), "wechat": D("0.38")})
    response = post(client, product, measured=token, rate_credit_card="0.10")
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.tier == "t2"
    # The measured rates stand, whatever was typed over them.
    assert {r.method: r.percent for r in report.rates.all()}["credit_card"] == D("0.63")


def test_a_forged_measurement_is_refused(client, product):
    token = measured_token({"credit_card": D("0.63")})[:-2] + "xx"
    response = post(client, product, measured=token)
    assert response.status_code == 400
    assert "This link from a statement check-up has expired" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rate_credit_card": "5.5"}, "Enter a rate from 0 to 5 %, e.g. 0.6."),
        ({"rate_credit_card": "1e999999"}, "Enter a rate from 0 to 5 %, e.g. 0.6."),
        ({"rate_credit_card": "0.6", "since": "2999-01"}, "That month has not come yet."),
        ({"rate_credit_card": "0.6", "since": "last year"}, "Enter a month as 2025-10."),
        ({"rate_credit_card": "0.6", "note": "<b>bad</b>"}, "Write plain text, without HTML."),
        ({"rate_credit_card": "0.6", "note": "x" * 10_000}, "at most 500 characters"),
        ({"rate_credit_card": "0.6", "note": "加我 13912345678"}, "Leave it out"),
        ({"rate_credit_card": "0.6", "note": "http://spam.example"}, "Links are not allowed"),
        ({}, "Give the rate of at least one payment method."),
        ({"rate_credit_card": "0.6", "deposit": "1e9"}, "Enter an amount from 0 to 100,000 元."),
        (
            {"rate_credit_card": "0.6", "change-0-method": "credit_card", "change-0-old": "0.6"},
            "Give the method, the rate before and after, and the month.",
        ),
    ],
)
def test_bad_input_gets_a_message_and_a_400(client, product, fields, message):
    response = post(client, product, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_bad_input_is_told_in_chinese_at_the_root(client, product):
    data = {"product": product.slug, "province": "guangdong", "since": "2025-03"}
    data |= {"rate_credit_card": "9", "change-TOTAL_FORMS": "3", "change-INITIAL_FORMS": "0"}
    response = client.post("/reports/new/", data)
    assert response.status_code == 400
    assert "请输入 0 到 5% 之间的费率" in response.content.decode()


def test_a_terminal_or_a_brand_and_kind_is_needed(client, product):
    response = post(client, product, product="", rate_credit_card="0.6")
    assert response.status_code == 400
    assert "Choose the terminal, or its brand and kind" in response.content.decode()
    response = post(
        client, product, product="", brand=product.brand.slug, kind="esign", rate_credit_card="0.6"
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.product, report.brand, report.kind) == (None, product.brand, "esign")


def test_a_robot_filling_the_hidden_field_is_refused(client, product):
    response = post(client, product, rate_credit_card="0.6", website="http://spam")
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_the_same_figures_twice_from_one_sender_are_a_duplicate(client, product):
    assert post(client, product, rate_credit_card="0.6").status_code == 302
    again = post(client, product, rate_credit_card="0.60")
    assert again.status_code == 400
    assert "already sent these figures" in again.content.decode()
    # Another sender may report the same figures.
    assert post(client, product, rate_credit_card="0.6", ip="203.0.113.9").status_code == 302
    assert Report.objects.count() == 2


def test_reports_are_rate_limited_per_client(client, product):
    cache.clear()
    statuses = [post(client, product, rate_credit_card=f"0.{50 + i}").status_code for i in range(6)]
    assert statuses == [302] * 5 + [429]
    assert post(client, product, rate_credit_card="0.7", ip="203.0.113.9").status_code == 302


def test_the_offer_checks_link_fills_in_the_offers_rates(client, product):
    response = client.get(f"{NEW}?product={product.slug}&offer_credit_card=0.6&offer_wechat=0.38")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="rate_credit_card" value="0.6"' in text
    assert f'<option value="{product.slug}" selected>' in text


# ---------------------------------------------------------------- thresholds and medians


def test_four_reports_are_not_enough():
    rows = [
        {"method": "credit_card", "percent": D("0.6"), "client": f"c{i}", "tier": "t0"}
        for i in range(4)
    ]
    (summary,) = selectors.summarise(rows)
    assert (summary.reports, summary.shown, summary.median) == (4, False, None)


def test_five_reports_from_two_clients_are_not_enough():
    rows = [
        {"method": "credit_card", "percent": D("0.6"), "client": f"c{i % 2}", "tier": "t0"}
        for i in range(5)
    ]
    (summary,) = selectors.summarise(rows)
    assert (summary.reports, summary.clients, summary.shown) == (5, 2, False)


def test_five_reports_from_three_clients_show_the_median_not_the_mean():
    percents = ["0.55", "0.60", "0.60", "0.60", "0.90"]  # mean 0.65, median 0.60
    rows = [
        {"method": "credit_card", "percent": D(p), "client": f"c{i % 3}", "tier": t}
        for i, (p, t) in enumerate(zip(percents, ["t0", "t1", "t1", "t2", "t0"], strict=True))
    ]
    (summary,) = selectors.summarise(rows, {"credit_card": D("0.60")})
    assert (summary.median, summary.low, summary.high) == (D("0.60"), D("0.55"), D("0.90"))
    assert summary.tiers == {"t0": 2, "t1": 2, "t2": 1}
    assert not summary.disagrees


def test_a_median_far_from_the_plan_is_a_disagreement():
    rows = [
        {"method": "credit_card", "percent": D("0.68"), "client": f"c{i}", "tier": "t0"}
        for i in range(5)
    ]
    (summary,) = selectors.summarise(rows, {"credit_card": D("0.60")})
    assert summary.disagrees


# ---------------------------------------------------------------- moderation and the pages


def test_only_accepted_reports_count_on_the_product_page(
    client, product, django_assert_max_num_queries
):
    for i in range(5):
        make_report(product, client=f"c{i % 3}", rates={"credit_card": "0.68"})
    make_report(product, client="c9", rates={"credit_card": "2.00"}, status=Report.Status.NEW)
    make_report(product, client="c8", rates={"credit_card": "3.00"}, status=Report.Status.REJECTED)
    # The panel costs three queries whatever the number of reports: rates, changes, latest.
    with django_assert_max_num_queries(10):
        response = client.get(product.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    row = text[text.index('data-method="credit_card"') :]
    row = row[: row.index("</tr>")]
    assert "0.68" in row and "5 reports from 3 merchants" in row
    assert "2.00" not in text and "3.00 %" not in text
    # The plan says 0.60 %: the page says the reports disagree, beside the figure.
    assert "data-disagrees" in row and "the plan above says 0.60" in row


def test_too_few_reports_say_so_with_the_count(client, product):
    for i in range(4):
        make_report(product, client=f"c{i}", rates={"wechat": "0.38"})
    text = client.get(product.get_absolute_url()).content.decode()
    row = text[text.index('data-method="wechat"') :]
    assert "Not enough reports yet" in row[: row.index("</tr>")]
    assert "4 reports from 4 merchants" in row


def test_accepting_in_the_admin_shows_the_reports_on_the_cached_page(
    editor_client, client, product, django_capture_on_commit_callbacks
):
    reports = [
        make_report(product, client=f"c{i % 3}", rates={"credit_card": "0.68"}, status="new")
        for i in range(5)
    ]
    assert "Not enough" not in client.get(product.get_absolute_url()).content.decode()
    changelist = reverse("admin:reports_report_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            changelist,
            {"action": "accept", "_selected_action": [r.pk for r in reports]},
        )
    assert response.status_code == 302
    assert set(Report.objects.values_list("status", flat=True)) == {"accepted"}
    # The decision moved the fee-data version on: the cached page shows the median at once.
    text = client.get(product.get_absolute_url()).content.decode()
    assert "5 reports from 3 merchants" in text
    # Every decision is in the report's history.
    assert reports[0].history.count() == 2


def test_rejecting_keeps_the_reason(editor_client, product):
    report = make_report(product, client="c1", rates={"credit_card": "9.99"}, status="new")
    editor_client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "reject_implausible", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert (report.status, report.reason) == ("rejected", "Figures not plausible")


def test_a_visitors_flag_goes_to_the_editors_and_upholding_it_withdraws_the_report(
    client, editor_client, product
):
    report = make_report(product, client="c1", rates={"credit_card": "0.68"})
    page = client.get(product.get_absolute_url()).content.decode()
    assert reverse("reports:flag", args=[report.pk]) in page
    response = client.post(reverse("reports:flag", args=[report.pk]), {"reason": "我的是0.60"})
    assert response.status_code == 302 and response["Location"].endswith("#fee-reports")
    flag = Flag.objects.get()
    assert (flag.report, flag.status) == (report, "open")
    assert client.post(reverse("reports:flag", args=[report.pk]), {"reason": ""}).status_code == 400
    editor_client.post(
        reverse("admin:reports_flag_changelist"),
        {"action": "uphold", "_selected_action": [flag.pk]},
    )
    report.refresh_from_db()
    flag.refresh_from_db()
    assert (report.status, flag.status) == ("rejected", "upheld")


def test_reported_rate_changes_are_grouped_with_a_stress_test_link(client, product):
    for i, month in enumerate([dt.date(2025, 10, 1)] * 2 + [dt.date(2025, 12, 1)] * 4):
        make_report(
            product,
            client=f"c{i}",
            rates={"credit_card": "0.68"},
            changes=(("credit_card", "0.60", "0.68", month),),
        )
    text = client.get(product.get_absolute_url()).content.decode()
    assert "6 merchants reported from 2025-10 to 2025-12: Credit card 0.60% → 0.68%" in text
    assert "rise=custom&amp;rise_to=0.68&amp;rise_after=0" in text


def test_the_brand_page_sums_up_its_terminals_reports(client, product):
    other = make_product(product.brand)
    for i in range(5):
        make_report(product if i % 2 else other, client=f"c{i}", rates={"alipay": "0.38"})
    text = client.get(product.brand.get_absolute_url()).content.decode()
    row = text[text.index('data-method="alipay"') :]
    assert "5 reports from 5 merchants" in row and "0.38" in row


def test_the_api_gives_the_same_aggregates_as_the_page(
    client, product, django_assert_max_num_queries
):
    for i in range(5):
        make_report(
            product,
            client=f"c{i % 3}",
            rates={"credit_card": ["0.55", "0.60", "0.60", "0.60", "0.90"][i]},
            changes=(("credit_card", "0.60", "0.68", dt.date(2025, 10, 1)),),
        )
    make_report(product, client="c7", rates={"wechat": "0.38"})
    # The API's fixed reads (the product with its plans, the freshness headers) and the panel's
    # three, whatever the number of reports.
    with django_assert_max_num_queries(14):
        data = client.get(f"/api/v1/products/{product.slug}/reports").json()
    assert data["product"] == product.slug and data["accepted"] == 6
    credit, wechat = data["methods"]
    assert credit == {
        "method": "credit_card",
        "reports": 5,
        "clients": 3,
        "shown": True,
        "median": "0.6000",
        "low": "0.5500",
        "high": "0.9000",
        "tiers": {"t0": 5},
    }
    # One WeChat report: counted, never a median.
    assert (wechat["reports"], wechat["shown"], wechat["median"]) == (1, False, None)
    (change,) = data["changes"]
    assert (change["old"], change["new"], change["clients"]) == ("0.6", "0.68", 3)
    assert client.get("/api/v1/products/nope/reports").status_code == 404
