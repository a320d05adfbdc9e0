"""Bad files get a clear message in the user's language and a 4xx, never a 500 (and a fuzz test
sends mutated statements)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.statements import samples

pytestmark = pytest.mark.django_db

GOOD = samples.template_csv(samples.MIXED)


def post(client, data: bytes, url: str = "/en/statement/"):
    return client.post(url, {"file": SimpleUploadedFile("s.csv", data)})


def error(response) -> str:
    match = re.search(r'id="statement-error"><p>(.*?)</p>', response.content.decode(), re.S)
    assert match, response.content.decode()[:500]
    return match.group(1)


def zip_of(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return out.getvalue()


def xlsx_with_sheet(sheet_xml: str) -> bytes:
    """A valid workbook whose first sheet is replaced by ``sheet_xml`` (compressed)."""
    base = samples.xlsx([["x"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            z.writestr(info.filename, data)
    return out.getvalue()


def sheet(rows: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f"{rows}</sheetData></worksheet>"
    )


def cells(r: int, *values: str) -> str:
    inner = "".join(
        f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{r}">{inner}</row>'


CASES = [
    ("empty", b"", "The file is empty."),
    ("blank", b"\n\n  \n", "The file is empty."),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(200), "not a CSV or XLSX file"),
    ("pdf", b"%PDF-1.4 ...", "not a CSV or XLSX file"),
    ("binary", bytes(range(256)) * 10, "not a CSV or XLSX file"),
    ("old xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "not a CSV or XLSX file"),
    ("broken zip", b"PK\x03\x04garbage", "not a CSV or XLSX file"),
    ("encoding", "交易时间,金额\n".encode() + b"\xff\xfe\xff,\xff\n", "do not re-save it in Excel"),
    ("no header", b"a,b,c\n1,2,3\n4,5,6\n", "No header row"),
    (
        "text amount",
        GOOD.replace("200.00", "两百").encode("gbk"),
        "Row 3, column “交易金额（元）”: “两百” is not an amount",
    ),
    (
        "dates",
        "交易时间,金额\n昨天下午,12.00\n".encode(),
        "Row 2, column “交易时间”: “昨天下午” is not a date",
    ),
    (
        "formula csv",
        "交易时间,金额\n2026-01-01 10:00,=cmd|' /C calc'!A0\n".encode(),
        "Row 2, column 金额 holds a formula",
    ),
    (
        "10 MB cell",
        ('交易时间,金额\n"' + "x" * 10_000_000 + '",1\n').encode(),
        "more than 10,000 characters",
    ),
    ("zip bomb", zip_of("bill.csv", bytes(70_000_000)), "unpacks to far more"),
    (
        "no payments",
        "交易时间,金额,交易状态\n2026-01-01 10:00,5.00,失败\n".encode(),
        "No successful payment",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gets_a_clear_message(client, name, data, message):
    response = post(client, data)
    assert response.status_code == 400
    assert message in error(response)


def test_chinese_message_at_the_root(client):
    response = post(client, GOOD.replace("200.00", "两百").encode(), url="/statement/")
    assert response.status_code == 400
    assert "第 3 行" in error(response)


def test_xlsx_formula_is_refused(client):
    data = xlsx_with_sheet(
        sheet(
            cells(1, "交易时间", "金额")
            + '<row r="2"><c r="A2" t="inlineStr"><is><t>2026-01-01 10:00</t></is></c>'
            + "<c r=\"B2\"><f>cmd|' /C calc'!A0</f></c></row>"
        )
    )
    response = post(client, data)
    assert response.status_code == 400 and "holds a formula" in error(response)


def test_xlsx_with_a_million_empty_rows(client):
    empty = "".join(f'<row r="{r}"/>' for r in range(3, 1_000_003))
    data = xlsx_with_sheet(
        sheet(
            cells(1, "交易时间", "金额", "支付方式")
            + cells(2, "2026-01-01 10:00", "12.50", "微信")
            + empty
        )
    )
    response = post(client, data)
    assert response.status_code == 200  # read up to the empty rows, then stopped
    assert "1 rows read" in re.sub(r"\s+", " ", response.content.decode())
    only_empty = xlsx_with_sheet(sheet("".join(f'<row r="{r}"/>' for r in range(1, 1_000_001))))
    response = post(client, only_empty)
    assert response.status_code == 400


def test_too_many_rows(client):
    line = "2026-01-01 10:00:00,1.00,微信\n"
    data = ("交易时间,交易金额（元）,支付方式\n" + line * 200_100).encode()
    response = post(client, data)
    assert response.status_code == 400 and "more than 200,000 rows" in error(response)


def test_too_big(client):
    response = post(client, b"x" * (21 * 1024 * 1024))
    assert response.status_code == 413 and "larger than 20 MB" in error(response)


def test_no_file(client):
    response = client.post("/en/statement/", {})
    assert response.status_code == 400 and "Choose a statement file" in error(response)


@pytest.mark.fuzz
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=len(GOOD.encode())),
    noise=st.binary(max_size=40),
    encoding=st.sampled_from(["utf-8", "gbk", "utf-16"]),
)
def test_mutated_statements_never_fail(client, cut, noise, encoding):
    data = GOOD.encode(encoding)
    response = post(client, data[:cut] + noise + data[cut:])
    assert response.status_code in (200, 400, 413)


def test_dates_ten_years_apart(client):
    data = "交易时间,金额,支付方式\n2001-01-01 10:00,1.00,微信\n2026-01-01 10:00,1.00,微信\n"
    response = post(client, data.encode())
    assert response.status_code == 400 and "more than 10 years" in error(response)


cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2026-01-01 10:00:00", "9999-12-31", "0000-01-01", "1e999", "-0", "¥1,2.3"]),
    st.sampled_from(["微信", "刷卡", "借记卡", "退款", "流量费", "#", "合计", "=1+1", "NaN"]),
)
header = st.lists(
    st.sampled_from(
        ["交易时间", "金额(分)", "支付方式", "卡类型", "手续费", "交易状态", "商户号", "x"]
    ),
    min_size=1,
    max_size=8,
)


@pytest.mark.fuzz
@settings(max_examples=300, deadline=None)
@given(head=header, rows=st.lists(st.lists(cell_text, max_size=9), max_size=12))
def test_readers_raise_only_read_errors(head, rows):
    from statements.readers import ReadError, read
    from statements.services import describe

    try:
        statement = read([head, *rows])
        if statement.payments:
            describe(statement, plans=(), terms={})
    except ReadError:
        pass
