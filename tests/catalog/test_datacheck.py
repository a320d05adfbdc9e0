"""The data check (``manage.py check_data``): each rule fails on a plan that breaks it, and the
real catalog passes it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import CommandError, call_command

from catalog import datacheck
from catalog.models import Plan, Product
from catalog.seed import seed_catalog
from catalog.terms import Tier, figure_keys
from tests.factories import make_plan, make_product

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 1, 1)
ON = dt.date(2026, 3, 1)
SRC = "S99 https://example.com/page"


def sourced(plan: Plan, *, tier: str = Tier.AGENT, date: str | None = "2026-01-01") -> Plan:
    """Give every figure of ``plan`` a tier and a source dated ``date``."""
    plan.provenance = {
        key: {"tier": tier, "source": SRC, "date": date} for key in figure_keys(plan.rates.all())
    }
    plan.source_date = dt.date.fromisoformat(date) if date else None
    plan.save()
    return plan


def good_plan(**kw) -> Plan:
    kw.setdefault("rates", {"credit_card": "0.60", "debit_card": {"percent": "0.50", "cap": "20"}})
    return sourced(make_plan(valid_from=DAY, verified_on=dt.date(2026, 2, 1), **kw))


def codes(on: dt.date = ON) -> set[str]:
    return {f.code for f in datacheck.data_findings(on=on) if f.level == datacheck.ERROR}


def test_a_fully_sourced_plan_passes():
    good_plan()
    assert codes() == set()


def test_a_figure_without_tier_fails():
    plan = good_plan()
    del plan.provenance["debit_card.cap"]
    plan.save()
    found = [f for f in datacheck.data_findings(on=ON) if f.code == datacheck.NO_TIER]
    assert len(found) == 1
    assert "debit_card.cap" in found[0].message


def test_an_unknown_tier_fails():
    plan = good_plan()
    plan.provenance["deposit"] = {"tier": "rumour", "source": SRC, "date": None}
    plan.save()
    assert codes() == {datacheck.NO_TIER}


def test_a_source_date_after_checked_on_fails():
    plan = good_plan()
    plan.provenance["deposit"]["date"] = "2026-02-02"  # checked 2026-02-01
    plan.save()
    assert codes() == {datacheck.SOURCE_AFTER_CHECK}


def test_a_plan_source_date_after_checked_on_fails():
    plan = good_plan()
    plan.source_date = dt.date(2026, 2, 5)
    plan.valid_from = dt.date(2026, 2, 5)
    plan.save()
    assert datacheck.SOURCE_AFTER_CHECK in codes()


def test_a_plan_checked_before_it_was_valid_fails():
    plan = good_plan()
    plan.verified_on = dt.date(2025, 12, 1)  # valid from 2026-01-01
    plan.provenance = {k: {**v, "date": None} for k, v in plan.provenance.items()}
    plan.source_date = None
    plan.source_read_on = DAY
    plan.save()
    assert codes() == {datacheck.CHECKED_BEFORE_VALID}


def test_a_discontinued_product_with_a_current_plan_fails():
    plan = good_plan(product=make_product(status=Product.Status.DISCONTINUED))
    assert codes() == {datacheck.DISCONTINUED_CURRENT}
    plan.valid_to = dt.date(2026, 2, 1)  # the source ends it
    plan.save()
    assert codes() == set()


def test_an_invented_start_date_fails():
    plan = good_plan()
    plan.valid_from = dt.date(2025, 1, 1)  # no source gives it
    plan.save()
    assert codes() == {datacheck.INVENTED_DATE}


def test_the_day_the_source_was_read_is_a_start_date():
    plan = good_plan()
    plan.provenance = {k: {**v, "date": None} for k, v in plan.provenance.items()}
    plan.source_date = None  # undated source
    plan.source_read_on = dt.date(2025, 6, 1)
    plan.valid_from = dt.date(2025, 6, 1)
    plan.save()
    assert codes() == set()


def test_a_date_the_source_note_quotes_is_a_start_date():
    plan = good_plan()
    plan.valid_from = dt.date(2025, 11, 17)
    plan.source_note = "2025-11-17前绑定免费90天，当天及之后绑定免费30天"
    plan.save()
    assert codes() == set()


def test_an_uncapped_debit_rate_no_source_states_fails():
    plan = good_plan(rates={"debit_card": "0.55"})
    plan.provenance["debit_card.cap"]["tier"] = Tier.MARKET
    plan.save()
    assert codes() == {datacheck.UNCAPPED_DEBIT}
    plan.provenance["debit_card.cap"]["tier"] = Tier.AGENT  # "借记卡0.55%不封顶"
    plan.save()
    assert codes() == set()


def test_warnings_list_figures_without_source_and_old_assumptions():
    plan = good_plan()
    plan.provenance["deposit"] = {"tier": Tier.MARKET, "source": "", "date": None}
    plan.provenance["device_price"] = {"tier": Tier.ASSUMED, "source": "", "date": None}
    plan.save()
    warnings = {
        (f.code, re.match(r"[\w.]+", f.message).group(0))
        for f in datacheck.data_findings(on=ON)
        if f.level == datacheck.WARNING
    }
    assert warnings == {(datacheck.NO_SOURCE, "deposit")}
    late = dt.date(2026, 2, 1) + dt.timedelta(days=181)
    late_warnings = {
        (f.code, re.match(r"[\w.]+", f.message).group(0))
        for f in datacheck.data_findings(on=late)
        if f.level == datacheck.WARNING
    }
    assert (datacheck.OLD_ASSUMPTION, "device_price") in late_warnings


def test_the_command_fails_on_errors(capsys):
    plan = good_plan()
    plan.valid_from = dt.date(2025, 1, 1)
    plan.save()
    with pytest.raises(CommandError):
        call_command("check_data", "--on", ON.isoformat())
    assert "invented_date" in capsys.readouterr().out


def test_the_real_catalog_passes_the_data_check(capsys):
    seed_catalog()
    call_command("check_data", "--audit")
    out = capsys.readouterr().out
    assert "data check: 0 errors" in out
    assert "agent" in out and "market" in out


def test_audit_counts_figures_by_tier():
    plan = good_plan(rates={"credit_card": "0.60"})
    plan.provenance["deposit"]["tier"] = Tier.MARKET
    plan.save()
    rows, total, unstated = datacheck.audit()
    n = len(figure_keys(plan.rates.all()))
    assert total == n
    assert {r.tier: r.count for r in rows} == {"agent": n - 1, "market": 1}
    assert unstated == 0
