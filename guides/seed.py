"""Load the response codes into the database, idempotently.

``fixtures/response_codes.csv`` (code, meanings, party at fault, what to do in both languages) is
the research file copied as it is; ``fixtures/guides_codes.json`` adds the older-table category,
which codes are approvals, recommended display texts, search words, notes and source keys.

Codes are matched by code. Missing ones are created; existing ones are left as they are (an
admin may have corrected them) unless ``update=True``, which makes them match the files again.
Running it twice changes nothing.
"""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from catalog.seed import SeedReport, seeded
from guides.models import ResponseCode, normalise_code

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CODES_CSV = FIXTURES / "response_codes.csv"
CODES_EXTRA = FIXTURES / "guides_codes.json"

LEGACY_ONLY_MARK = "旧版终端表"
DEFAULT_SOURCES = "S28, S33"
DEFAULT_SOURCES_LEGACY = "S29, S32, S33"


def response_code_rows(
    csv_path: Path = CODES_CSV, extra_path: Path = CODES_EXTRA
) -> list[dict[str, Any]]:
    """Field values for every code in the CSV, merged with the extras file, in file order."""
    extra = json.loads(extra_path.read_text(encoding="utf-8"))
    legacy = {code: letter for letter, codes in extra["legacy"].items() for code in codes}
    approved = set(extra["approved"])
    per_code: dict[str, dict[str, str]] = extra["codes"]
    rows: list[dict[str, Any]] = []
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for line in csv.DictReader(fh):
            code = normalise_code(line["code"])
            in_cup = LEGACY_ONLY_MARK not in line["zh_meaning"]
            more = per_code.get(code, {})
            rows.append(
                {
                    "code": code,
                    "meaning_zh": line["zh_meaning"].strip(),
                    "meaning_en": line["en_meaning"].strip(),
                    "party": line["party_at_fault"].strip(),
                    "action_zh": line["what_to_do_zh"].strip(),
                    "action_en": line["what_to_do_en"].strip(),
                    "approved": code in approved,
                    "legacy_category": legacy.get(code, ""),
                    "in_cup_2014": in_cup,
                    "display_zh": more.get("display_zh", ""),
                    "keywords": more.get("keywords", ""),
                    "notes_zh": more.get("notes_zh", ""),
                    "notes_en": more.get("notes_en", ""),
                    "sources": more.get(
                        "sources", DEFAULT_SOURCES if in_cup else DEFAULT_SOURCES_LEGACY
                    ),
                }
            )
    return rows


@transaction.atomic
def seed_guides(
    *, update: bool = False, csv_path: Path = CODES_CSV, extra_path: Path = CODES_EXTRA
) -> SeedReport:
    report = SeedReport()
    existing = {rc.code: rc for rc in ResponseCode.objects.all()}
    for values in response_code_rows(csv_path, extra_path):
        code = values.pop("code")
        seeded(
            existing.get(code),
            functools.partial(ResponseCode, code=code, **values),
            values,
            update=update,
            report=report,
            label="response code",
        )
    return report
