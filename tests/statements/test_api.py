"""POST /api/v1/statements/: the same analysis as the page, as JSON (figures by hand)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_alpha_bravo
from tests.statements.test_views import rise_file

pytestmark = pytest.mark.django_db
URL = "/api/v1/statements/"


def test_json_keys_and_figures(client):
    make_alpha_bravo()
    response = client.post(URL, {"file": SimpleUploadedFile("s.csv", rise_file())})
    assert response.status_code == 200
    assert not response.cookies  # no session, no CSRF cookie
    body = response.json()
    assert body["rows"] == 40
    assert body["left_out"] == {"refund": 0, "reversal": 0, "failed": 0, "fee_row": 0, "other": 0}
    assert body["months"] == [
        {
            "month": "2026-01",
            "volume": "11000.00",
            "payments": 20,
            "by_method": {"credit_card": "10000.00", "wechat": "1000.00"},
        },
        {
            "month": "2026-02",
            "volume": "11000.00",
            "payments": 20,
            "by_method": {"credit_card": "10000.00", "wechat": "1000.00"},
        },
    ]
    assert [p["product"] for p in body["plans"]] == ["alpha", "bravo"]
    alpha = body["plans"][0]
    assert alpha == {
        "plan": alpha["plan"],
        "product": "alpha",
        "total": "286.60",
        "transaction_fees": "127.60",
        "settlement_fees": "0.00",
        "recurring_fees": "60.00",
        "one_off": "99.00",
        "deposit_refunded": False,
        "per_method": {"credit_card": "120.00", "wechat": "7.60"},
        "saving": "-119.00",
        "refused": 0,
    }
    assert body["paid"] == {
        "total": "167.60",
        "by_month": {"2026-01": "63.80", "2026-02": "103.80"},
        "by_method": {"credit_card": "160.00", "wechat": "7.60"},
    }
    change = next(f for f in body["findings"] if f["code"] == "rate_change")
    assert change["method"] == "credit_card"
    assert (change["date_from"], change["date_to"]) == ("2026-02-02", "2026-02-11")
    assert (change["payments"], change["amount"]) == (10, "40.00")


def test_json_agrees_with_the_page(client):
    make_alpha_bravo()
    body = client.post(URL, {"file": SimpleUploadedFile("s.csv", rise_file())}).json()
    page = client.post("/en/statement/", {"file": SimpleUploadedFile("s.csv", rise_file())})
    html = page.content.decode()
    totals = re.findall(r'data-plan="\w+">.*?<td class="num">([\d,.]+)</td>', html, re.S)
    assert [t.replace(",", "") for t in totals] == [p["total"] for p in body["plans"]]
    savings = re.findall(r"data-saving>([-\d,.]+)<", html)
    assert [s.replace(",", "") for s in savings] == [p["saving"] for p in body["plans"]]
    codes = re.findall(r'data-finding="(\w+)"', html)
    assert codes == [f["code"] for f in body["findings"]]
    assert f"You were charged {body['paid']['total']} 元" in re.sub(r"\s+", " ", html)


def test_offer_fields_make_the_contract(client):
    make_alpha_bravo()
    fields = {"file": SimpleUploadedFile("s.csv", rise_file()), "offer_credit_card": "0.6"}
    fields["offer_wechat"] = "0.38"
    body = client.post(URL, fields).json()
    over = next(f for f in body["findings"] if f["code"] == "above_contract")
    # February's 10 credit payments charged 10.00 where the contract gives 6.00.
    assert (over["method"], over["payments"], over["amount"]) == ("credit_card", 10, "40.00")
    bad = client.post(URL, {"file": SimpleUploadedFile("s.csv", rise_file()), "offer_wechat": "x"})
    assert bad.status_code == 400 and "offer_wechat" in bad.json()["fields"]


def test_errors_are_json_with_row_and_column(client):
    data = "交易时间,交易金额（元）,支付方式\n2026-01-01 10:00,十元,微信\n".encode()
    response = client.post(URL, {"file": SimpleUploadedFile("s.csv", data)})
    assert response.status_code == 400
    body = response.json()
    assert (body["error"], body["row"], body["column"]) == ("bad_amount", 2, "交易金额（元）")
    assert client.post(URL, {}).status_code == 400
    assert client.get(URL).status_code == 405


def test_rate_limited_per_client(client, settings):
    settings.STATEMENT_API_RATE = "2/m"
    data = "交易时间,金额,支付方式\n2026-01-01 10:00,1.00,微信\n".encode()
    codes = [
        client.post(URL, {"file": SimpleUploadedFile("s.csv", data)}).status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]
