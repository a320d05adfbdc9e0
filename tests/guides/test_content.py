"""The guide content is consistent: codes it names exist, sources it cites are listed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from guides import apply, troubleshooting
from guides.seed import response_code_rows
from guides.sources import SOURCES, sources_for

REPO = Path(__file__).resolve().parents[2]


def csv_codes() -> set[str]:
    with (REPO / "fixtures" / "response_codes.csv").open(encoding="utf-8", newline="") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


def test_every_code_the_troubleshooting_guide_names_is_in_the_csv():
    named = {code for step in troubleshooting.STEPS for code in troubleshooting.step_codes(step)}
    assert named
    assert named <= csv_codes()


def test_every_cited_source_is_listed():
    cited = set()
    for step in troubleshooting.STEPS:
        cited.update(troubleshooting.step_source_keys(step))
    cited.update(apply.apply_source_keys())
    for row in response_code_rows():
        cited.update(k.strip() for k in row["sources"].split(","))
    assert cited <= set(SOURCES), cited - set(SOURCES)


def test_sources_have_addresses_unless_none_was_recorded():
    without = {key for key, s in SOURCES.items() if not s.url}
    # The CUP standard copy, the legacy table file and the ISO dictionary had no public address.
    assert without == {"S28", "S29", "S33"}
    assert all(s.url.startswith(("http://", "https://")) for s in SOURCES.values() if s.url)


def test_sources_for_keeps_first_order_and_drops_unknown():
    assert [s.key for s in sources_for(["S12", "nope", "S11", "S12"])] == ["S12", "S11"]


def test_every_step_of_the_walk_leads_on_and_ends_at_support():
    slug = troubleshooting.START
    seen = []
    while slug:
        seen.append(slug)
        slug = troubleshooting.STEP_BY_SLUG[slug].next
    assert seen == ["start", "card", "network", "restart", "update", "merchant", "support"]


@pytest.mark.parametrize("step", [s for s in troubleshooting.STEPS if s.checks])
def test_each_check_has_all_three_parts(step):
    for check in step.checks:
        assert str(check.check) and str(check.meaning) and str(check.action)
        # Either backed by a source or marked as general advice.
        assert check.sources or check.general_advice


def test_merchant_status_facts_are_marked_low_confidence():
    merchant = troubleshooting.STEP_BY_SLUG["merchant"]
    agent_only = [c for c in merchant.checks if set(c.sources) & {"S35a", "S35e"}]
    assert agent_only and all(c.low_confidence for c in agent_only)


def test_checklist_slugs_are_unique_and_every_type_needs_an_id_card():
    assert len(set(apply.MATERIAL_SLUGS)) == len(apply.MATERIAL_SLUGS)
    for t in apply.MERCHANT_TYPES:
        needs = dict((m.slug, need) for m, need in apply.materials_for(t.slug))
        assert needs["id-card"] == apply.REQUIRED
    assert "licence" not in dict((m.slug, n) for m, n in apply.materials_for(apply.XIAOWEI))
