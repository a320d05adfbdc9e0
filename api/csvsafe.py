"""CSV a spreadsheet opens safely: a text cell that starts like a formula (``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is prefixed with an apostrophe, so it is shown, never run."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as a CSV cell: numbers as written (``0.60``), None empty, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int):
        return f"{value}"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write(rows: Iterable[Sequence[Any]], *, preamble: Iterable[Sequence[Any]] = ()) -> str:
    """CSV text (UTF-8 with BOM added by the caller where a spreadsheet needs it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in (*preamble, *rows):
        writer.writerow([cell(v) for v in row])
    return out.getvalue()
