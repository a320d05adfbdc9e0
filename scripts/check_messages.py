"""CI check: the Chinese catalogue is complete and the committed .mo is what it compiles to.

Fails when a msgid in the sources is missing from the .po (run `make messages`), when an entry
is untranslated or fuzzy, or when locale/…/django.mo differs from a fresh compile of the .po.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"


def msgids(po_path: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete}


def main() -> int:
    problems: list[str] = []
    po_path = LOCALE / "django.po"
    committed = msgids(po_path)

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(
                ".venv",
                ".git",
                "staticfiles",
                "artifacts",
                "*.sqlite3",
                "__pycache__",
                ".hypothesis",
                ".pytest_cache",
            ),
        )
        env = {**os.environ, "DJANGO_DEBUG": "1"}
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "zh_Hans",
                "--no-location",
                "--no-obsolete",
                "-i",
                "scripts/*",
                "-i",
                "tests/*",
                "-i",
                "artifacts/*",
                "-i",
                "staticfiles/*",
            ],
            cwd=copy,
            env=env,
            check=True,
            capture_output=True,
        )
        fresh = msgids(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")
        for _ctxt, msgid in sorted(fresh - committed):
            problems.append(f"not in the .po (run `make messages`): {msgid!r}")
        for _ctxt, msgid in sorted(committed - fresh):
            problems.append(f"no longer in the sources (run `make messages`): {msgid!r}")

        compiled = Path(tmp) / "django.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po_path)], check=True)
        if compiled.read_bytes() != (LOCALE / "django.mo").read_bytes():
            problems.append("locale/zh_Hans/LC_MESSAGES/django.mo is stale (run `make messages`)")

    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")

    for line in problems:
        print(line)
    print(f"messages: {len(committed)} entries, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
