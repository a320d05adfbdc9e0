"""Resolve a git merge conflict in the Chinese catalogue: keep every translation from both sides.

    python scripts/merge_po.py        (during a merge with locale/ in conflict)

Reads the two sides of the conflicted .po (git stages 2 and 3), regenerates the catalogue from
the merged sources (`make messages`), fills it from the union (ours wins on a clash, which is
reported), and compiles it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = "locale/zh_Hans/LC_MESSAGES/django.po"


def side(stage: int) -> polib.POFile:
    text = subprocess.run(
        ["git", "show", f":{stage}:{PO}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return polib.pofile(text)


def table(po: polib.POFile) -> dict[tuple[str, str], polib.POEntry]:
    return {(e.msgctxt or "", e.msgid): e for e in po if e.translated() and not e.obsolete}


def main() -> int:
    ours, theirs = side(2), side(3)
    known = table(theirs)
    for key, entry in table(ours).items():
        if key in known and (known[key].msgstr, known[key].msgstr_plural) != (
            entry.msgstr,
            entry.msgstr_plural,
        ):
            print(f"clash, keeping ours: {key[1]!r}: {entry.msgstr!r} vs {known[key].msgstr!r}")
        known[key] = entry
    ours.save(str(ROOT / PO))  # a clean base for makemessages
    subprocess.run(["make", "-s", "messages"], cwd=ROOT, check=True, capture_output=True)
    po = polib.pofile(str(ROOT / PO))
    for entry in po:
        source = known.get((entry.msgctxt or "", entry.msgid))
        if source is not None and not entry.translated():
            entry.msgstr = source.msgstr
            entry.msgstr_plural = dict(source.msgstr_plural)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.metadata_is_fuzzy = False
    po.save(str(ROOT / PO))
    subprocess.run(["make", "-s", "messages"], cwd=ROOT, check=True, capture_output=True)
    missing = [e.msgid for e in polib.pofile(str(ROOT / PO)) if not e.translated() or e.fuzzy]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
