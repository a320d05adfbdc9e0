"""The /statement/ page, its downloads and the evidence pack. Test files are made from the layout
descriptions (tests/statements/samples.py); expected figures are worked out by hand."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from statements.files import rows_of
from statements.readers import read
from tests.factories import make_alpha_bravo, make_plan, make_product
from tests.statements import samples

pytestmark = pytest.mark.django_db

PREAMBLE = "商户交易明细\n商户名称：某某小店\n导出时间：2026-03-01\n\n"


def rise_rows() -> list[samples.Row]:
    """January: credit 1,000 元 at 0.60 % (6.00), February at 1.00 % (10.00); WeChat 100 元 at
    0.38 % (0.38) both months — ten of each a month."""
    rows: list[samples.Row] = []
    for month, credit_fee in ((1, "6.00"), (2, "10.00")):
        for d in range(10):
            day = d + (5 if month == 1 else 2)
            rows.append(
                (f"2026-{month:02d}-{day:02d} 10:00:00", "1000.00", "credit_card", credit_fee)
            )
            rows.append((f"2026-{month:02d}-{day:02d} 11:00:00", "100.00", "wechat", "0.38"))
    return rows


def rise_file() -> bytes:
    """Our template's columns after a preamble, in GBK, with a totals line."""
    return (PREAMBLE + samples.template_csv(rise_rows()) + "合计,22000.00\n").encode("gbk")


def post(client, data: bytes, name: str = "statement.csv", url: str = "/statement/", **fields):
    return client.post(url, {"file": SimpleUploadedFile(name, data), **fields})


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_page_in_chinese_and_english(client):
    zh = client.get("/statement/")
    assert zh.status_code == 200 and "对账单体检" in zh.content.decode()
    en = client.get("/en/statement/")
    assert en.status_code == 200 and "Statement check-up" in en.content.decode()
    assert 'enctype="multipart/form-data"' in en.content.decode()


def test_gbk_file_with_a_preamble_and_a_rate_rise(client, django_assert_max_num_queries):
    make_alpha_bravo()
    with django_assert_max_num_queries(6):
        response = post(client, rise_file(), url="/en/statement/")
    assert response.status_code == 200
    html = response.content.decode()
    page = text_of(response)
    assert "40 rows read: 40 successful payments, 22,000.00 元 over 2 months" in page
    # Charged: credit 10 × 6.00 + 10 × 10.00 = 160.00, WeChat 20 × 0.38 = 7.60 → 167.60.
    assert "You were charged 167.60 元 in fees" in page
    # Alpha: 20 × 6.00 + 20 × 0.38 = 127.60, deposit 99 (not refunded: 22,000 < 50,000), SIM 60
    # → 286.60; bravo: 20 × 5.50 + 7.60 = 117.60, device 199, monthly fee 2 × 10 → 336.60.
    plans = re.findall(r'data-plan="(\w+)"', html)
    assert plans == ["alpha", "bravo"]
    assert "286.60" in page and "336.60" in page
    assert "-119.00" in page and "-169.00" in page  # 167.60 − 286.60, 167.60 − 336.60
    finding = re.search(r'data-finding="rate_change">(.*?)</li>', html, re.S)
    assert finding is not None
    found = text_of_fragment(finding.group(1))
    # From 2 February: 10 payments × (10.00 − 6.00) = 40.00 元 more than at 0.60 %.
    assert "2026-02-02" in found and "40.00 元" in found and "0.60 % to 1.00 %" in found
    assert "mix_credit_card=90.91" in html and "mix_wechat=9.09" in html  # 20,000 / 2,000


def text_of_fragment(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_evidence_pack_and_csv_hold_aggregates_only(client):
    make_alpha_bravo()
    response = post(client, rise_file())
    token = re.search(r"evidence/\?r=([^\"&]+)", response.content.decode()).group(1)
    pack = client.get(f"/en/statement/evidence/?r={token}")
    assert pack.status_code == 200
    assert 'data-finding="rate_change"' in pack.content.decode()
    assert "2026-02" in pack.content.decode()
    data = client.get(f"/statement/evidence.csv?r={token}")
    assert data.status_code == 200
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert rows[1] == ["2026-01", "11000.00", "20", "63.80"]  # 10 × 6.00 + 10 × 0.38
    assert rows[2] == ["2026-02", "11000.00", "20", "103.80"]
    assert any(r and r[0] == "rate_change" and r[5] == "40.00" for r in rows)
    assert client.get("/statement/evidence/?r=forged").status_code == 400
    assert client.get("/statement/evidence.csv?r=forged").status_code == 400


def test_templates_download_and_read_back(client):
    for url in ("/statement/template.csv", "/statement/template.xlsx"):
        response = client.get(url)
        assert response.status_code == 200
        st = read(rows_of(response.content))
        assert st.layout == "template"
        assert len(st.payments) == 3 and st.left_out == {"refund": 1, "fee_row": 1}


def test_mapping_step_then_the_link_keeps_it(client):
    data = "列1,列2,列3,列4\n2026-01-02 10:00,微信,1234,5\n2026-01-03 10:00,支付宝,5000,19\n"
    response = post(client, data.encode(), url="/en/statement/")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="mapping"' in html and "2026-01-02 10:00" in html  # the first rows shown
    fields = {"map_time": "0", "map_method": "1", "map_amount": "2", "map_fee": "3"}
    fields |= {"unit_amount": "分", "unit_fee": "分", "header": "0"}
    response = post(client, data.encode(), url="/en/statement/", **fields)
    assert response.status_code == 200
    page = text_of(response)
    assert "2 successful payments, 62.34 元" in page
    link = re.search(r'href="(/en/statement/\?[^"]*map_time=0[^"]*)"', response.content.decode())
    assert link is not None
    response = post(client, data.encode(), url=link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200 and "62.34" in text_of(response)


def test_unknown_method_listed_then_assigned(client):
    rows = [("2026-02-10 10:00:00", "8.00", "ecny", "0.00"), *samples.MIXED]
    data = samples.saobei_bill(rows).encode()
    response = post(client, data, url="/en/statement/")
    html = response.content.decode()
    assert response.status_code == 200 and 'name="assign:16"' in html
    response = post(client, data, url="/en/statement/", **{"assign:16": "unionpay_qr"})
    assert 'name="assign:16"' not in response.content.decode()
    assert "5 successful payments" in text_of(response)


def test_file_without_a_method_column_asks_for_it(client):
    data = "交易时间,金额\n2026-01-01 10:00,12.50\n2026-01-02 10:00,7.50\n".encode()
    response = post(client, data, url="/en/statement/")
    assert response.status_code == 400 and 'name="assign:—"' in response.content.decode()
    response = post(client, data, url="/en/statement/", **{"assign:—": "wechat"})
    assert response.status_code == 200 and "2 successful payments, 20.00 元" in text_of(response)


def test_form_page_query_budget_and_brand_hotline(client, django_assert_max_num_queries):
    from tests.factories import make_brand

    make_brand(name="乐刷", name_en="Leshua", slug="leshua", hotline="400-000-0000")
    with django_assert_max_num_queries(2):
        assert client.get("/en/statement/").status_code == 200
    make_alpha_bravo()
    response = post(client, rise_file(), url="/en/statement/", brand="leshua")
    todo = text_of_fragment(
        re.search(r'id="statement-todo">(.*?)</ol>', response.content.decode(), re.S).group(1)
    )
    assert "Call Leshua's service hotline 400-000-0000" in todo
    assert "95516" in todo and "12363" in todo


def test_the_contract_from_the_link(client):
    make_alpha_bravo()
    url = "/en/statement/?offer_credit_card=0.6&offer_wechat=0.38&offer_name=Agent+Wang"
    page = client.get(url).content.decode()
    assert "Agent Wang" in page and 'action="/en/statement/?offer_credit_card=0.6' in page
    response = post(client, rise_file(), url=url)
    finding = re.search(
        r'data-finding="above_contract">(.*?)</li>', response.content.decode(), re.S
    )
    assert finding is not None
    # February: 10 credit payments charged 10.00 where the contract gives 6.00.
    assert "10 payments were charged more than your contract gives: 40.00 元" in text_of_fragment(
        finding.group(1)
    )


def test_effective_rate_per_month(client):
    make_alpha_bravo()
    html = post(client, rise_file(), url="/en/statement/").content.decode()
    months = re.search(r'id="statement-months">(.*?)</table>', html, re.S).group(1)
    # January 63.80 ÷ 11,000 = 0.58 %; February 103.80 ÷ 11,000 = 0.9436 %.
    assert "0.58%" in months and "0.9436%" in months


def test_a_plan_that_would_have_refused_payments_says_how_many(client):
    # A terminal that takes at most 1,000 元 a debit-card payment (e.g. 合利宝 "单笔1000元"),
    # and one without a limit. Payments: debit 1,500 and 2,000 (above the limit), 800 (not),
    # and a credit payment of 5,000 (no limit on credit cards).
    limited = make_plan(
        make_product(slug="limited"),
        rates={
            "debit_card": {"percent": "0.50", "max_amount": "1000"},
            "credit_card": "0.60",
        },
    )
    make_plan(make_product(slug="free"), rates={"debit_card": "0.50", "credit_card": "0.60"})
    rows = [
        ("2026-03-02 10:00:00", "1500.00", "debit_card", "7.50"),
        ("2026-03-03 10:00:00", "2000.00", "debit_card", "10.00"),
        ("2026-03-04 10:00:00", "800.00", "debit_card", "4.00"),
        ("2026-03-05 10:00:00", "5000.00", "credit_card", "30.00"),
    ]
    response = post(client, samples.template_csv(rows).encode(), url="/en/statement/")
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index('data-plan="limited"') :]
    row = row[: row.index("</tr>")]
    assert 'data-refused="2"' in row
    assert "would have refused 2 payments above its per-payment limit" in row
    free = html[html.index('data-plan="free"') :]
    assert "data-refused" not in free[: free.index("</tr>")]
    data = client.post(
        "/api/v1/statements/",
        {"file": SimpleUploadedFile("s.csv", samples.template_csv(rows).encode())},
    ).json()
    refused = {p["product"]: p["refused"] for p in data["plans"]}
    assert refused == {"limited": 2, "free": 0}
    assert limited.rates.get(method="debit_card").max_amount == 1000
