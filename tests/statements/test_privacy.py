"""Privacy: the file is read in memory and thrown away. After an upload, a payment's reference
number is nowhere in the database, the cache or the logs; card numbers are never echoed."""

from __future__ import annotations

import logging

import pytest
from django.core.files import uploadedfile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.factories import make_alpha_bravo

pytestmark = pytest.mark.django_db

REFERENCE = "RF7731905528461"
CARD = "6222021001234567890"


def statement(rows: int = 5) -> bytes:
    head = "交易时间,交易金额（元）,支付方式,卡类型,卡号,手续费（元）,交易状态,商户编号,参考号\n"
    line = "2026-01-{d:02d} 10:00:00,1000.00,刷卡,贷记卡,{card},6.00,成功,898310058120001,{ref}\n"
    body = "".join(
        line.format(d=n % 28 + 1, card=CARD, ref=REFERENCE if n == 0 else f"X{n:014d}")
        for n in range(rows)
    )
    return (head + body).encode("gbk")


def everything_in_the_database() -> str:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            found.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(found)


def everything_in_the_cache() -> str:
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return "\n".join(repr(k) + repr(v) for k, v in backend._cache.items())
    client = backend._cache.get_client()  # type: ignore[attr-defined]  # Redis: this test's db
    return "\n".join(repr(k) + repr(client.get(k)) for k in client.keys("*"))


def test_reference_number_is_kept_nowhere(client, caplog, monkeypatch):
    make_alpha_bravo()
    # Over 2.5 MB (Django would spool it to a temporary file): the view keeps it in memory.
    monkeypatch.setattr(
        uploadedfile.TemporaryUploadedFile,
        "__init__",
        lambda *a, **k: pytest.fail("the upload went to a temporary file"),
    )
    data = statement(rows=30_000)
    assert len(data) > 2_621_440
    caplog.set_level(logging.DEBUG)
    response = client.post("/statement/", {"file": SimpleUploadedFile("s.csv", data)})
    assert response.status_code == 200
    html = response.content.decode()
    assert REFERENCE not in html and CARD not in html
    assert REFERENCE not in everything_in_the_database()
    assert REFERENCE not in everything_in_the_cache()
    assert all(REFERENCE not in r.getMessage() for r in caplog.records)
    assert CARD not in caplog.text and REFERENCE not in caplog.text
    # The searches do see what is there: the test's own rows and a value put in the cache.
    assert "alpha" in everything_in_the_database()
    from django.core.cache import cache

    cache.set("probe", REFERENCE)
    assert REFERENCE in everything_in_the_cache()


def test_the_evidence_link_holds_aggregates_only(client):
    make_alpha_bravo()
    response = client.post("/statement/", {"file": SimpleUploadedFile("s.csv", statement())})
    import re

    from django.core import signing

    token = re.search(r"evidence/\?r=([^\"&]+)", response.content.decode()).group(1)
    data = signing.loads(token, salt="statements.result")
    assert REFERENCE not in repr(data) and CARD not in repr(data)


def test_a_card_number_in_an_error_is_masked(client):
    data = f"交易时间,交易金额（元）,支付方式\n2026-01-01 10:00,{CARD},微信\n".encode()
    data = data.replace(CARD.encode(), (CARD + "X").encode())  # not a number: an error
    response = client.post("/en/statement/", {"file": SimpleUploadedFile("s.csv", data)})
    assert response.status_code == 400
    html = response.content.decode()
    assert CARD not in html and "••••7890" in html


def test_the_page_says_so(client):
    html = client.get("/en/statement/").content.decode()
    assert "read in memory and thrown away" in html
