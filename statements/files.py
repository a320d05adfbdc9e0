"""An uploaded file's bytes → rows of text cells, for the readers (no Django here either).

CSV/TXT in UTF-8 (with or without BOM), UTF-16 (with BOM), GBK/GB18030 (detected with
charset-normalizer when the file is not UTF-8); XLSX (openpyxl, read-only, streamed); a zip
holding CSV files (the Alipay merchant bill, L2: its 业务明细 file, not the 汇总 one). Every
limit is checked before the work it bounds: the size, the uncompressed size of a zip member
(a zip bomb), the rows, the length of a cell, runs of empty spreadsheet rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal

from charset_normalizer import from_bytes

from statements.readers.base import HEADER_SEARCH, MAX_CELL, MAX_ROWS, ReadError, is_formula

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 60 * 1024 * 1024  # a zip member or an XLSX sheet, uncompressed
MAX_RATIO = 200  # uncompressed ÷ compressed beyond this is a zip bomb, not a statement
MAX_ROWS_IN_FILE = MAX_ROWS + HEADER_SEARCH + 20  # data rows, a preamble and totals lines
EMPTY_RUN = 1000  # this many empty spreadsheet rows in a row end the sheet
DELIMITERS = (",", "\t", "|", ";")

Rows = list[list[str]]


def decode(data: bytes) -> str:
    """The text of a CSV/TXT file: BOMs first, then UTF-8, then what charset-normalizer finds
    among the Chinese encodings (GB18030 covers GBK and GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16")
    if b"\x00" in data[:4096]:
        raise ReadError("not_table")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(
        data[:200_000], cp_isolation=["gb18030", "big5", "utf_8"], explain=False
    ).best()
    encoding = "gb18030" if best is None or best.encoding in ("gb18030", "gbk", "gb2312") else None
    if encoding is None and best is not None:
        encoding = best.encoding
    return _decode(data, encoding or "gb18030")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError("encoding") from None


def csv_rows(text: str) -> Rows:
    lines = text.splitlines()
    if len(lines) > MAX_ROWS_IN_FILE:
        raise ReadError("too_many_rows", row=MAX_ROWS_IN_FILE)
    sample = lines[:HEADER_SEARCH]
    delimiter = max(DELIMITERS, key=lambda d: max((line.count(d) for line in sample), default=0))
    csv.field_size_limit(MAX_CELL + 1)
    rows: Rows = []
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:
        raise ReadError("cell_too_long", row=reader.line_num) from None
    for number, row in enumerate(rows, start=1):
        for cell in row:
            if len(cell) > MAX_CELL:
                raise ReadError("cell_too_long", row=number)
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):  # a spreadsheet number: its shortest exact decimal spelling
        return str(Decimal(repr(value)))
    return str(value)


def xlsx_rows(data: bytes) -> Rows:
    from openpyxl import load_workbook  # only XLSX uploads pay for the import

    _check_zip(zipfile.ZipFile(io.BytesIO(data)))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise ReadError("not_table") from None
    try:
        sheet = book.worksheets[0]
        rows: Rows = []
        empty = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if not any(cells):
                empty += 1
                if empty >= EMPTY_RUN:
                    break
                rows.append([])
                continue
            empty = 0
            for column, cell in enumerate(cells, start=1):
                if len(cell) > MAX_CELL:
                    raise ReadError("cell_too_long", row=number)
                if cell.startswith("=") and is_formula(cell):
                    raise ReadError("formula", row=number, column=_letters(column))
            rows.append(cells)
            if len(rows) > MAX_ROWS_IN_FILE:
                raise ReadError("too_many_rows", row=number)
        while rows and not rows[-1]:
            rows.pop()
        return rows
    finally:
        book.close()


def _letters(column: int) -> str:
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def _check_zip(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_UNZIPPED or total > MAX_UNZIPPED or ratio > MAX_RATIO:
            raise ReadError("zip_bomb")


def _zip_member(archive: zipfile.ZipFile) -> bytes:
    _check_zip(archive)
    names = [
        info
        for info in archive.infolist()
        if info.filename.lower().endswith((".csv", ".txt")) and not info.is_dir()
    ]
    names.sort(key=lambda info: ("汇总" in info.filename, info.filename))
    if not names:
        raise ReadError("not_table")
    with archive.open(names[0]) as member:
        data = member.read(MAX_UNZIPPED + 1)
    if len(data) > MAX_UNZIPPED:
        raise ReadError("zip_bomb")
    return data


def rows_of(data: bytes) -> Rows:
    """The rows of an uploaded file (CSV/TXT, XLSX, or a zip of CSV files)."""
    if not data.strip():
        raise ReadError("empty")
    if len(data) > MAX_BYTES:
        raise ReadError("too_big")
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            raise ReadError("not_table") from None
        if "xl/workbook.xml" in names:
            return xlsx_rows(data)
        try:
            return csv_rows(decode(_zip_member(archive)))
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
            raise ReadError("not_table") from None  # encrypted, damaged or an unknown method
    if data.startswith((b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8", b"GIF8")):
        raise ReadError("not_table")
    rows = csv_rows(decode(data))
    if not any(len(r) > 1 for r in rows[:HEADER_SEARCH]):
        raise ReadError("no_header")
    return rows


def iter_cells(rows: Rows) -> Iterator[str]:
    for row in rows:
        yield from row
