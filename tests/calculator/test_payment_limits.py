"""Per-payment limits (单笔限额): the calculator warns when the average payment is above one."""

from __future__ import annotations

import pytest

from tests.factories import make_plan, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_plan(
        make_product(slug="hlb", name="合利宝", name_en="Helibao"),
        rates={
            "credit_card": {"percent": "0.55", "max_amount": "50000"},
            "debit_card": {"percent": "0.55", "cap": "20", "max_amount": "1000"},
        },
    )


def test_warns_when_the_average_payment_is_above_the_limit(client, plan):
    query = "volume=30000&ticket=2000&mix_credit_card=50&mix_debit_card=50"
    html = client.get(f"/calculator/?{query}").content.decode()
    assert (
        "借记卡：你的平均单笔 2,000 元，超过该终端的单笔限额 1,000 元，终端会拒绝这类付款。" in html
    )
    assert "贷记卡：你的平均单笔" not in html  # 2,000 元 is within its 50,000 元
    english = client.get(f"/en/calculator/?{query}").content.decode()
    assert "Debit card: your average payment of 2,000 元 is above this terminal" in english


def test_no_warning_within_the_limit(client, plan):
    query = "volume=30000&ticket=800&mix_credit_card=50&mix_debit_card=50"
    html = client.get(f"/calculator/?{query}").content.decode()
    assert "limit-warning" not in html


def test_the_limit_shows_on_the_product_page(client, plan):
    html = client.get("/products/hlb/").content.decode()
    assert "单笔最高 1,000 元" in html


def test_the_offer_link_format_carries_the_limit(client, plan):
    query = (
        "volume=30000&ticket=2000&mix_credit_card=50&mix_debit_card=50"
        "&offer_credit_card=0.55&offer_debit_card=0.55&offer_debit_card_max=1000"
    )
    response = client.get(f"/calculator/?{query}")
    assert response.status_code == 200
    bad = client.get(f"/calculator/?{query.replace('_max=1000', '_max=abc')}")
    assert bad.status_code == 400
