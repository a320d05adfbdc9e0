"""CSV exports of the comparison and the calculator ranking: what the page shows, with the data
version, date and link first, and cells safe in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from tests.factories import make_alpha_bravo

pytestmark = pytest.mark.django_db

PROFILE = "volume=30000&preset=custom&mix_credit_card=50&mix_wechat=50&ticket=100&months=12"


@pytest.fixture
def alpha_bravo():
    return make_alpha_bravo()


def read(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_ranking_csv_has_the_page_rows_after_version_date_and_link(client, alpha_bravo, english):
    rows = read(client.get(f"/en/calculator/export.csv?{PROFILE}"))
    version = client.get("/data/fees.json").json()["version"]
    assert rows[0] == ["Calculator ranking"]
    assert rows[1][:2] == ["Data version", version] and rows[1][2] == "data as of"
    assert rows[2][0] == "Link" and rows[2][1].startswith(
        "http://testserver/en/calculator/?volume=30000"
    )
    assert rows[3] == ["Profile", "30,000 元 a month · custom mix · 12 months"]
    head = rows[6]
    assert head[2] == "Total over 12 months (元)"
    # alpha 1,824.00 (1,764 fees + 60 SIM, deposit back in month 2); bravo 1,993.00.
    assert [(r[0], r[2]) for r in rows[7:9]] == [("1", "1824.00"), ("2", "1993.00")]
    assert rows[8][10] == "yes"  # bravo is a market estimate


def test_ranking_csv_with_a_rate_rise_adds_its_column(client, alpha_bravo, english):
    rows = read(client.get(f"/en/calculator/export.csv?{PROFILE}&rise=0.1&rise_after=6"))
    assert rows[6][-1] == "Total if rates rise (元)"
    # alpha: months 7–12 pay 0.70 % / 0.48 %: +6 × (150 × 0.10 + 150 × 0.10) = +180 → 2,004.00.
    assert rows[7][-1] == "2004.00"


def test_comparison_csv_follows_only_differences(client, alpha_bravo, english):
    every = read(client.get(f"/en/compare/export.csv?products=alpha,bravo&{PROFILE}"))
    diff = read(client.get(f"/en/compare/export.csv?products=alpha,bravo&{PROFILE}&diff=1"))
    assert every[0] == ["Comparison"]
    assert ["Only the rows that differ"] in diff
    header = next(r for r in every if r[:1] == [""])
    assert header[1:] == ["Lakala Alpha", "Lakala Bravo"]
    total = next(r for r in every if r and r[0].startswith("Total over"))
    assert total[1:] == ["1,824.00 元 (best)", "1,993.00 元"]
    assert len(diff) < len(every)
    same_rows = [r for r in every[header_index(every) :] if len(r) == 3 and r[1] == r[2]]
    assert same_rows and not any(r in diff for r in same_rows)


def header_index(rows: list[list[str]]) -> int:
    return next(i for i, r in enumerate(rows) if r[:1] == [""])


def test_export_cells_cannot_run_as_formulas(client, alpha_bravo, english):
    brand = alpha_bravo[0].product.brand
    brand.name_en = '=HYPERLINK("http://evil","x")'
    brand.save()
    rows = read(client.get(f"/en/compare/export.csv?products=alpha,bravo&{PROFILE}"))
    header = next(r for r in rows if r[:1] == [""])
    assert header[1] == '\'=HYPERLINK("http://evil","x") Alpha'
    assert not any(c.startswith(("=", "+", "@", "-")) for r in rows for c in r)


@pytest.mark.parametrize(
    "path",
    [
        "/calculator/export.csv?volume=abc",
        "/compare/export.csv?products=alpha",
        "/compare/export.csv?products=alpha,nope",
    ],
)
def test_bad_export_input_is_400(client, alpha_bravo, path):
    response = client.get(path)
    assert response.status_code == 400
    assert read(response)[0] == ["无法导出："]


def test_pages_link_their_export(client, alpha_bravo):
    calculator = client.get(f"/calculator/?{PROFILE}").content.decode()
    assert 'href="/calculator/export.csv?volume=30000' in calculator
    compare = client.get(f"/compare/?products=alpha,bravo&{PROFILE}").content.decode()
    assert 'href="/compare/export.csv?products=alpha,bravo&amp;volume=30000' in compare
