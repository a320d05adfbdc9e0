"""Statement file readers (pure Python, no Django): rows of text cells → a ``Statement``.

One module per layout of ../shared/data/statement-layouts.md — ``wechat`` (L1), ``alipay``
(L2), ``leshua`` (L3), ``saobei`` (L4), ``personal`` (L7) — and ``template`` (ours). A file
whose header names the usual columns (``base.SYNONYMS``) is read without a mapping step; any
other needs the merchant's mapping (role → column number).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from statements.readers import alipay, leshua, personal, saobei, template, wechat
from statements.readers.base import (
    HEADER_SEARCH,
    ROLES,
    Columns,
    ReadError,
    Statement,
    find_header,
    header_roles,
    parse,
    split_unit,
    usable,
)
from statements.readers.layout import Layout, strip_backtick

LAYOUTS: tuple[Layout, ...] = (
    wechat.LAYOUT,
    alipay.LAYOUT,
    leshua.LAYOUT,
    saobei.LAYOUT,
    personal.WECHAT,
    personal.ALIPAY,
    template.LAYOUT,
)
USUAL = Layout(name="usual", label="常用列名", signature=frozenset())


def detect(rows: Sequence[Sequence[str]]) -> tuple[Layout, int] | None:
    """The layout and header row index of a file's first rows, or None when no header is
    found (the mapping step)."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        cleaned = [strip_backtick(c) for c in row]
        for layout in LAYOUTS:
            if layout.matches(cleaned):
                return layout, index
    at = find_header(rows)
    return (USUAL, at) if at is not None else None


def read(
    rows: Sequence[Sequence[str]],
    *,
    mapping: Mapping[str, int] | None = None,
    units: Mapping[str, str] | None = None,
    header_row: int | None = None,
    assign: Mapping[str, str] | None = None,
) -> Statement:
    """Read a file's rows. Without ``mapping`` the layout is detected from the header
    (``ReadError("no_header")`` when none is found); with it, ``mapping`` gives role → column
    index (0-based), ``units`` the units (``分`` or ``元``) and ``header_row`` the header's index
    (data starts after it; None: the first row is data)."""
    if not rows:
        raise ReadError("empty")
    if mapping:
        if "amount" not in mapping or not ({"time", "date"} & set(mapping)):
            raise ReadError("mapping_incomplete")
        width = max(len(r) for r in rows[:HEADER_SEARCH])
        if any(not 0 <= at < width for at in mapping.values()):
            raise ReadError("mapping_incomplete")
        start = header_row + 1 if header_row is not None else 0
        head = rows[header_row] if header_row is not None else []
        names = {
            role: (head[at].strip() if at < len(head) else "") or f"#{at + 1}"
            for role, at in mapping.items()
        }
        found_units = {role: split_unit(names[role])[1] for role in mapping}
        columns = Columns(
            index=dict(mapping),
            units={r: (units or {}).get(r) or found_units.get(r, "") for r in mapping},
            names=names,
        )
        return parse("mapped", rows[start:], columns, first_row=start + 1, assign=assign)
    found = detect(rows)
    if found is None:
        raise ReadError("no_header")
    layout, index = found
    head = [layout.clean(c) if layout.clean else c for c in rows[index]]
    return parse(
        layout.name,
        rows[index + 1 :],
        layout.columns(head),
        first_row=index + 2,
        assign=assign,
        clean=layout.clean,
    )


__all__ = [
    "LAYOUTS",
    "ROLES",
    "ReadError",
    "Statement",
    "detect",
    "header_roles",
    "read",
    "usable",
]
