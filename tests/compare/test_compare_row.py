"""The comparison table's rows are rendered once per content and language, then kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import translation

from compare.comparison import Cell, Row
from compare.templatetags.compare import _remembered_row, compare_row

TEMPLATE = engines["django"].from_string("{% load compare %}{% compare_row row %}")


def render(row: Row) -> str:
    return TEMPLATE.render({"row": row})


def fee_row(first: str, second: str = "0.60%") -> Row:
    return Row(
        key="rate-wechat",
        label="微信",
        cells=[Cell(first, value=Decimal("0.38"), best=True), Cell(second, value=Decimal("0.6"))],
        better="lower",
    )


@pytest.fixture(autouse=True)
def empty_memo():
    _remembered_row.cache_clear()
    yield
    _remembered_row.cache_clear()


def test_a_row_is_written_out_with_its_cells_and_best_mark():
    with translation.override("zh-hans"):
        html = render(fee_row("0.38%"))
    assert '<tr class="row-rate-wechat">' in html
    assert '<th scope="row">微信</th>' in html
    assert '<td class="is-best">' in html and '<span class="cell-text">0.38%</span>' in html
    assert '<span class="best-mark">最优</span>' in html
    assert html.count("<td") == 2


def test_the_same_row_again_is_served_from_the_memo():
    with translation.override("zh-hans"):
        first = render(fee_row("0.38%"))
        second = render(fee_row("0.38%"))
    assert first == second
    info = _remembered_row.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_a_changed_cell_or_language_is_rendered_afresh():
    with translation.override("zh-hans"):
        old = render(fee_row("0.38%"))
        new = render(fee_row("0.55%"))
    with translation.override("en"):
        english = render(fee_row("0.38%"))
    assert "0.38%" in old and "0.55%" in new and "0.38%" not in new
    assert "最优" in old and ">best</span>" in english
    assert _remembered_row.cache_info().misses == 3


def test_cell_text_is_escaped():
    html = render(fee_row("<script>alert(1)</script>", second='"><img src=x>'))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html


@override_settings(DEBUG=True)
def test_under_debug_rows_are_not_kept_so_edited_templates_show():
    compare_row(fee_row("0.38%"))
    assert _remembered_row.cache_info().currsize == 0
