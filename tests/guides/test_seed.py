"""fixtures/response_codes.csv loads completely and idempotently, by itself and through `seed`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from guides.models import Party, ResponseCode
from guides.seed import CODES_CSV, seed_guides

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


def csv_rows() -> list[dict[str, str]]:
    with (REPO / "fixtures" / "response_codes.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_repo_has_its_own_copy_of_the_csv():
    assert CODES_CSV == REPO / "fixtures" / "response_codes.csv"
    assert len(csv_rows()) == 82


def test_every_code_in_the_csv_is_loaded_with_its_texts(codes):
    rows = csv_rows()
    assert ResponseCode.objects.count() == len(rows)
    loaded = {rc.code: rc for rc in ResponseCode.objects.all()}
    for row in rows:
        rc = loaded[row["code"]]
        assert rc.meaning_zh == row["zh_meaning"]
        assert rc.meaning_en == row["en_meaning"]
        assert rc.party == row["party_at_fault"]
        assert rc.action_zh == row["what_to_do_zh"]
        assert rc.action_en == row["what_to_do_en"]


def test_classification_from_the_extras(codes):
    assert ResponseCode.objects.get(code="51").legacy_category == "C"
    assert ResponseCode.objects.get(code="A0").legacy_category == "B"
    assert ResponseCode.objects.get(code="98").legacy_category == "E"
    assert ResponseCode.objects.get(code="45").legacy_category == ""
    assert ResponseCode.objects.get(code="00").approved
    assert not ResponseCode.objects.get(code="51").approved
    # Codes marked （旧版终端表） in the CSV are not in the 2014 standard.
    assert not ResponseCode.objects.get(code="77").in_cup_2014
    assert ResponseCode.objects.get(code="51").in_cup_2014
    assert ResponseCode.objects.get(code="51").display_zh == "可用余额不足"
    assert "S31" in ResponseCode.objects.get(code="45").source_keys
    assert set(ResponseCode.objects.values_list("party", flat=True)) <= {""} | set(Party.values)


def test_seed_twice_changes_nothing(codes):
    snapshot = list(ResponseCode.objects.order_by("code").values())
    report = seed_guides()
    assert not report.changed, str(report)
    assert list(ResponseCode.objects.order_by("code").values()) == snapshot


def test_admin_corrections_are_kept_unless_update(codes):
    rc = ResponseCode.objects.get(code="51")
    rc.action_en = "Corrected by an admin."
    rc.save()
    seed_guides()
    rc.refresh_from_db()
    assert rc.action_en == "Corrected by an admin."
    report = seed_guides(update=True)
    rc.refresh_from_db()
    assert rc.action_en.startswith("Not enough balance or credit")
    assert report.updated == {"response code": 1}


def test_a_deleted_code_comes_back(codes):
    ResponseCode.objects.filter(code="A0").delete()
    report = seed_guides()
    assert report.created == {"response code": 1}
    assert ResponseCode.objects.filter(code="A0").exists()


def test_seed_command_loads_the_codes_idempotently(capsys):
    call_command("seed")
    assert ResponseCode.objects.count() == 82
    call_command("seed")
    out = capsys.readouterr().out
    assert "guides: created 82 response code; updated nothing" in out
    assert "guides: created nothing; updated nothing" in out
    assert ResponseCode.objects.count() == 82
