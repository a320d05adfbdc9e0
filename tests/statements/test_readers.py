"""The readers on files made from the layout descriptions (../shared/data/statement-layouts.md,
see tests/statements/samples.py), in every encoding the issue lists."""

from __future__ import annotations

import datetime as dt

import pytest

from statements.files import rows_of
from statements.readers import ReadError, read
from statements.readers.base import map_method, split_unit
from tests.statements import samples

ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030")


def parsed(data: bytes):
    return read(rows_of(data))


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_l1_wechat_trade_bill(encoding):
    text = samples.wechat_trade_bill(samples.SIMPLE, refund=samples.SIMPLE[0])
    st = parsed(text.encode(encoding))
    assert st.layout == "L1"
    assert [p.amount for p in st.payments] == [10000, 200000, 5000]  # fen
    assert [p.fee for p in st.payments] == [38, 760, 19]
    assert {p.method for p in st.payments} == {"wechat"}
    assert st.payments[0].time == dt.datetime(2026, 1, 5, 10, 0)  # noqa: DTZ001
    assert st.payments[0].merchant == "1900000109"
    assert st.left_out == {"refund": 1}  # the totals lines are not rows
    assert st.rows == 4


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_l2_alipay_merchant_bill_preamble_and_totals(encoding):
    text = samples.alipay_merchant_bill(samples.SIMPLE, refund=samples.SIMPLE[1])
    st = parsed(text.encode(encoding))
    assert st.layout == "L2"
    assert [p.amount for p in st.payments] == [10000, 200000, 5000]
    assert [p.fee for p in st.payments] == [38, 760, 19]  # printed negative, a charge
    assert {p.method for p in st.payments} == {"alipay"}
    assert st.left_out == {"refund": 1}


def test_l2_alipay_zip_reads_the_detail_not_the_summary():
    data = samples.alipay_zip(samples.alipay_merchant_bill(samples.SIMPLE))
    st = parsed(data)
    assert st.layout == "L2" and len(st.payments) == 3


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_l3_leshua_fen_and_reversal(encoding):
    text = samples.leshua_trade_file(samples.MIXED, reversal=samples.MIXED[0])
    st = parsed(text.encode(encoding))
    assert st.layout == "L3"
    assert [(p.method, p.amount, p.fee) for p in st.payments] == [
        ("wechat", 10000, 38),
        ("alipay", 20000, 76),
        ("debit_card", 500000, 2000),
        ("credit_card", 100000, 600),
    ]
    assert st.left_out == {"reversal": 1}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_l4_saobei_method_codes(encoding):
    rows = [*samples.MIXED, ("2026-02-09 10:00:00", "30.00", "unionpay_qr", "0.11")]
    rows.append(("2026-02-10 10:00:00", "8.00", "ecny", "0.00"))
    st = parsed(samples.saobei_bill(rows).encode(encoding))
    assert st.layout == "L4"
    methods = [p.method for p in st.payments]
    assert methods == ["wechat", "alipay", "debit_card", "credit_card", "unionpay_qr"]
    assert st.payments[-1].amount == 3000 and st.payments[-1].fee == 11
    assert dict(st.unknown_methods) == {"16": 1}  # 数字人民币: listed to assign, not dropped


def test_l4_unknown_method_assigned_by_the_merchant():
    rows = [("2026-02-10 10:00:00", "8.00", "ecny", "0.00")]
    st = read(rows_of(samples.saobei_bill(rows).encode()), assign={"16": "unionpay_qr"})
    assert [p.method for p in st.payments] == ["unionpay_qr"] and not st.unknown_methods


@pytest.mark.parametrize("encoding", ("gbk", "gb18030", "utf-8-sig"))
def test_l7_alipay_personal_long_preamble(encoding):
    st = parsed(samples.alipay_personal(samples.SIMPLE).encode(encoding))
    assert st.layout == "L7"
    assert [p.amount for p in st.payments] == [10000, 200000, 5000]
    assert {p.method for p in st.payments} == {"alipay"}
    assert st.left_out == {"other": 1}  # 支出: money out, not a sale
    assert not st.has_fee


def test_l7_wechat_personal_xlsx():
    st = parsed(samples.xlsx(samples.wechat_personal_rows(samples.SIMPLE)))
    assert st.layout == "L7"
    assert [p.amount for p in st.payments] == [10000, 200000, 5000]
    assert st.payments[1].time == dt.datetime(2026, 1, 20, 11, 30)  # noqa: DTZ001


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_our_template_csv(encoding):
    st = parsed(samples.template_csv(samples.MIXED).encode(encoding))
    assert st.layout == "template"
    assert [(p.method, p.amount, p.fee) for p in st.payments] == [
        ("wechat", 10000, 38),
        ("alipay", 20000, 76),
        ("debit_card", 500000, 2000),
        ("credit_card", 100000, 600),
    ]
    assert st.payments[0].merchant == "898310058120001"


def test_our_template_xlsx():
    text = samples.template_csv(samples.MIXED)
    st = parsed(samples.xlsx([line.split(",") for line in text.splitlines()]))
    assert [p.amount for p in st.payments] == [10000, 20000, 500000, 100000]


@pytest.mark.parametrize(
    "header",
    [
        ("交易日期时间", "金额(分)", "交易方式", "卡种", "手续费(分)", "交易状态", "商户号"),
        ("time", "Amount (fen)", "method", "card type", "Fee (fen)", "status", "merchant no"),
        ("时间", "交易金额 （分）", "支付方式", "卡类型", "手续费［分］", "状态", "商户编号"),
    ],
)
def test_usual_columns_with_units_from_the_header(header):
    rows = [(t, samples.fen(a), m, samples.fen(f)) for t, a, m, f in samples.MIXED]
    text = samples.template_csv(rows, header=header)
    st = parsed(("对账单\n商户：某某小店\n\n" + text + "合计,,,,\n").encode("gbk"))
    assert st.layout in ("usual", "template")
    assert [p.amount for p in st.payments] == [10000, 20000, 500000, 100000]
    assert [p.fee for p in st.payments] == [38, 76, 2000, 600]


@pytest.mark.parametrize(
    ("header", "clock"),
    [
        ("交易日期,时间", "08:05:09"),
        ("交易日期,交易时刻", "08:05:09"),
        ("日期,时间", "2026-03-01 08:05:09"),
    ],
)
def test_date_and_time_of_day_columns(header, clock):
    st = parsed(f"{header},金额,支付方式\n2026-03-01,{clock},12.50,微信\n".encode())
    assert st.payments[0].time == dt.datetime(2026, 3, 1, 8, 5, 9)  # noqa: DTZ001


def test_date_and_time_in_two_columns():
    text = "交易日期,交易时刻,金额,支付方式\n2026-03-01,08:05:09,12.50,微信\n"
    st = parsed(text.encode())
    assert st.payments[0].time == dt.datetime(2026, 3, 1, 8, 5, 9)  # noqa: DTZ001
    assert st.payments[0].amount == 1250


def test_refunds_reversals_failed_and_fee_rows_counted_apart():
    text = (
        "交易时间,交易金额（元）,支付方式,交易状态,交易类型\n"
        "2026-01-01 10:00:00,10.00,微信,成功,消费\n"
        "2026-01-01 11:00:00,10.00,微信,成功,退货\n"
        "2026-01-01 12:00:00,10.00,微信,已撤销,消费\n"
        "2026-01-01 13:00:00,10.00,微信,失败,消费\n"
        "2026-01-02 00:00:00,99.00,,扣款,流量费\n"
        "2026-01-03 00:00:00,-5.00,微信,,\n"
    )
    st = parsed(text.encode())
    assert len(st.payments) == 1
    assert st.left_out == {"refund": 2, "reversal": 1, "failed": 1, "fee_row": 1}
    assert [(d.amount, d.label) for d in st.deductions] == [(9900, "流量费")]


@pytest.mark.parametrize(
    ("value", "card", "code"),
    [
        ("借记卡", "", "debit_card"),
        ("储蓄卡", "", "debit_card"),
        ("", "PAB_DEBIT", "debit_card"),
        ("贷记卡", "", "credit_card"),
        ("信用卡", "", "credit_card"),
        ("", "CMBC_CREDIT", "credit_card"),
        ("刷卡", "借记卡", "debit_card"),
        ("微信", "", "wechat"),
        ("WeChat Pay", "", "wechat"),
        ("支付宝", "", "alipay"),
        ("云闪付", "", "unionpay_qr"),
        ("银联二维码", "", "unionpay_qr"),
        ("闪付", "", "contactless"),
        ("NFC", "", "contactless"),
        ("数字人民币", "", None),
    ],
)
def test_method_mapping(value, card, code):
    assert map_method(value, card) == code


def test_units_read_from_full_and_half_width_brackets():
    assert split_unit("交易金额（分）") == ("交易金额", "分")
    assert split_unit("交易金额(元)") == ("交易金额", "元")
    assert split_unit(" Amount (CNY) ") == ("amount", "元")


def test_mapping_step_for_an_unknown_file():
    text = "a,b,c\n01/02/2026 x,foo,bar\n"
    with pytest.raises(ReadError) as info:
        parsed(text.encode())
    assert info.value.code == "no_header"
    text = "列1,列2,列3\n2026-01-02 10:00,微信,1234\n"
    st = read(
        rows_of(text.encode()),
        mapping={"time": 0, "method": 1, "amount": 2},
        units={"amount": "分"},
        header_row=0,
    )
    assert [(p.method, p.amount) for p in st.payments] == [("wechat", 1234)]


def test_text_in_the_amount_column_says_row_and_column():
    text = samples.template_csv(samples.MIXED).replace("200.00", "两百")
    with pytest.raises(ReadError) as info:
        parsed(text.encode())
    assert (info.value.code, info.value.row, info.value.column) == (
        "bad_amount",
        3,
        "交易金额（元）",
    )
