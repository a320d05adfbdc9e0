"""Fill the Chinese catalogue from a JSON file of {English msgid: Chinese msgstr}.

    python scripts/translate.py translations.json     # fill / overwrite those entries
    python scripts/translate.py --missing              # list msgids still untranslated

For a plural entry give a list of forms (Chinese has one: ["%(n)s 台终端"]).
Run `make messages` first so new msgids exist in the .po, and again afterwards to compile.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def main(argv: list[str]) -> int:
    po = polib.pofile(str(PO))
    if argv and argv[0] == "--missing":
        missing = [e for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
        for entry in missing:
            print(json.dumps(entry.msgid, ensure_ascii=False))
        return 1 if missing else 0
    table: dict[str, str | list[str]] = {}
    for path in argv:
        table.update(json.loads(Path(path).read_text(encoding="utf-8")))
    used = 0
    for entry in po:
        if entry.msgid in table:
            value = table[entry.msgid]
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value]
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = value if isinstance(value, str) else value[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            used += 1
    po.save(str(PO))
    left = sum(1 for e in po if not e.obsolete and (not e.translated() or e.fuzzy))
    print(f"filled {used} entries; {left} still untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
