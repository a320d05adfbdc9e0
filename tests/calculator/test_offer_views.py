"""The offer on the calculator, the comparison, share links, the print view and the .ics file.

alpha costs the merchant of PROFILE 1,824.00 and bravo 1,993.00 (tests/factories.py). The offer
OFFER: credit 100 × 0.45 % = 0.45 × 150 = 67.50 + WeChat 57 = 124.50 a month × 12 = 1,494 + the
199 元 deposit it never refunds (30,000 × 90 / 30 = 90,000 < 100,000) = 1,693.00: cheapest.
"""

from __future__ import annotations

import re

import icalendar
import pytest
from django.utils import timezone

from compare.models import SharedComparison
from tests.examples import PROFILE_QUERY
from tests.factories import make_alpha_bravo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

OFFER = (
    "offer_credit_card=0.45&offer_wechat=0.38&offer_deposit=199&offer_refund_volume=100000"
    "&offer_refund_days=90&offer_signed=2026-12-01&offer_name=Agent+Zhang"
)


@pytest.fixture
def shop():
    return make_alpha_bravo()


def checks(html: str) -> list[str]:
    return re.findall(r'data-check="(\w+)"', html)


def test_the_offer_is_ranked_among_the_plans(client, shop):
    response = client.get(f"/en/calculator/?{PROFILE_QUERY}&{OFFER}")
    assert response.status_code == 200
    html = response.content.decode()
    card = html[html.index('id="offer"') :]
    assert "Agent Zhang" in card and "cheaper than 2 of 2 plans" in card
    assert "1,693.00" in card
    # Its card comes before alpha's (1,824.00), the cheapest plan.
    assert html.index('id="offer"') < html.index(f'id="plan-{shop[0].pk}"')
    assert checks(html) == [
        "below_cost_floor",
        "deposit_forfeited",
        "missing_term",
        "missing_term",
        "missing_term",
        "missing_term",
    ]
    assert "2027-02-28" in card  # the deposit's deadline, day 90 from 2026-12-01
    # The link to the results keeps the offer.
    assert "?volume=30000&amp;ticket=100&amp;months=12&amp;settlement=t1" in html
    assert "offer_credit_card=0.45&amp;offer_wechat=0.38" in html


def test_an_offer_missing_a_method_is_not_ranked_and_says_why(client, shop):
    response = client.get(f"/en/calculator/?{PROFILE_QUERY}&offer_credit_card=0.45")
    html = response.content.decode()
    card = html[html.index('id="offer"') :]
    assert "Not ranked:" in card and "Does not accept WeChat Pay" in card
    assert "cheaper than" not in card[: card.index("</li>")]


def test_bad_offer_input_is_a_400_with_the_message_at_its_field_and_nothing_lost(client, shop):
    query = f"{PROFILE_QUERY}&offer_credit_card=6&offer_wechat=0.38&offer_name=" + "x" * 10000
    response = client.get(f"/en/calculator/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    holder = html[html.index('id="error-offer_credit_card"') :]
    assert "Enter a rate from 0 to 5 %, e.g. 0.6." in holder[:300]
    assert "Give the offer a name of at most 60 characters." in html
    assert 'name="offer_wechat" value="0.38"' in html  # every other field kept
    assert 'name="volume" value="30000"' in html
    assert f'id="plan-{shop[0].pk}"' in html  # the plans are still ranked


def test_the_live_update_pushes_the_link_with_the_offer(client, shop):
    response = client.get(
        f"/en/calculator/?{PROFILE_QUERY}&offer_credit_card=0.45&offer_wechat=0.38",
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"].endswith("&offer_credit_card=0.45&offer_wechat=0.38")


def test_the_offer_does_not_add_queries(client, shop, django_assert_max_num_queries):
    client.get(f"/en/calculator/?{PROFILE_QUERY}")  # plans loaded and kept
    with django_assert_max_num_queries(0):
        client.get(f"/en/calculator/?{PROFILE_QUERY}&volume=31000&{OFFER}")


def test_the_offer_is_a_column_of_the_comparison(client, shop):
    response = client.get(f"/en/compare/?products=alpha,bravo&{PROFILE_QUERY}&{OFFER}")
    assert response.status_code == 200
    html = response.content.decode()
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert 'id="offer"' in head and "Agent Zhang" in head
    total = html[html.index('class="row-total"') :]
    assert re.findall(r"[\d,]+\.\d\d 元", total)[:3] == [
        "1,824.00 元",
        "1,993.00 元",
        "1,693.00 元",
    ]
    sim = html[html.index('class="row-sim_fee"') :]
    assert "Not stated (priced as 0)" in sim[: sim.index("</tr>")]


def test_a_share_link_keeps_the_offer_as_it_was_made(client, shop):
    form = client.get(f"/en/compare/share/?products=alpha,bravo&{PROFILE_QUERY}&{OFFER}")
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.content.decode()))
    assert fields["offer_credit_card"] == "0.45" and fields["offer_name"] == "Agent Zhang"
    response = client.post("/en/compare/share/", fields)
    assert response.status_code == 303
    link = SharedComparison.objects.get()
    assert link.snapshot["offer"]["query"].startswith("offer_credit_card=0.45")
    html = client.get(response["Location"]).content.decode()
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert 'id="offer"' in head
    assert "1,693.00 元" in html


def test_the_print_view_lists_the_findings_questions_and_dates(client, shop):
    response = client.get(f"/en/calculator/offer/?{PROFILE_QUERY}&{OFFER}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cheaper than 2 of the 2 plans" in html
    assert "流量费第几个月开始扣、每年扣几次、每次多少？" in html
    assert "2027-02-28" in html and checks(html)[0] == "below_cost_floor"


def test_the_print_view_without_an_offer_is_a_400(client, shop):
    assert client.get(f"/en/calculator/offer/?{PROFILE_QUERY}").status_code == 400


def test_the_calendar_file(client, shop):
    response = client.get(f"/calculator/offer.ics?{PROFILE_QUERY}&{OFFER}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event.decoded("dtstart")) == "2027-02-28"
    assert "押金返还截止日" in str(event["summary"])  # the Chinese page's calendar
    assert "/calculator/offer/?volume=30000" in str(event["description"])
    assert event.decoded("dtstamp").date() <= timezone.now().date()


def test_no_calendar_without_the_signing_day(client, shop):
    query = OFFER.replace("&offer_signed=2026-12-01", "")
    assert client.get(f"/calculator/offer.ics?{PROFILE_QUERY}&{query}").status_code == 400
