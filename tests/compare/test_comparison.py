"""The comparison table: snapshots, figures worked out by hand, best-value marks, differences,
overtaking months and the break-even volume in words."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from calculator.forms import ProfileForm
from catalog.models import Plan
from catalog.seed import seed_catalog
from catalog.terms import plan_terms
from compare import selectors
from compare.comparison import comparison_build, live_comparison, live_snapshot
from compare.snapshot import ProfileSnapshot, plan_snapshot, read_plan, read_snapshot
from tests.examples import PROFILE
from tests.factories import make_alpha_bravo, make_brand, make_feature, make_plan, make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = Decimal
# 30,000 元 a month, half credit card, half WeChat, 100 元 a payment: 150 payments of each.


@pytest.fixture
def shop():
    """Four products, their costs for PROFILE over 12 months worked out by hand:

    alpha: credit 0.60 % (150 × 0.60 = 90 a month) + WeChat 0.38 % (150 × 0.38 = 57) = 147 a
       month, × 12 = 1,764; SIM 60 in month 1; deposit 99 back in month 2 (30,000 × 90/30 ≥
       50,000) → total 1,824.00; month 1 = 147 + 60 + 99 = 306, month 2 = 306 + 147 − 99 = 354.
    bravo: credit 0.55 % (82.50) + 57 = 139.50 a month × 12 = 1,674; monthly fee 10 × 12 = 120;
       device 199 → 1,993.00; month 1 = 139.50 + 10 + 199 = 348.50.
    delta: credit 0.80 % (120) + 57 = 177 a month, nothing else → 2,124.00; month 1 = 177,
       month 2 = 354 = alpha's: from month 2 alpha costs no more than delta.
    plate: WeChat only: cannot serve a merchant who takes credit cards.
    """
    brand = make_brand(name="拉卡拉", name_en="Lakala", slug="lakala")
    nfc = make_feature("nfc", name="闪付", name_en="Contactless")
    alpha, _bravo = make_alpha_bravo(brand, nfc=True)
    alpha.product.features.add(nfc)
    make_plan(
        make_product(brand, name="丁机", name_en="Delta", slug="delta"),
        rates={"credit_card": "0.80", "wechat": "0.38"},
    )
    make_plan(
        make_product(brand, name="码牌", name_en="QR plate", slug="plate"),
        rates={"wechat": "0.38"},
    )


def build(slugs, params=PROFILE, diff=False):
    form = ProfileForm.from_query(params)
    assert form.is_valid(), form.errors
    on = timezone.localdate()
    products = selectors.products_for_comparison(slugs=slugs, on=on)
    return live_comparison(
        products=products, profile=ProfileSnapshot.from_form(form), on=on, diff=diff
    )


def row(comparison, key):
    return next(r for g in comparison.groups for r in g.rows if r.key == key)


def test_snapshot_terms_equal_the_adapters_terms_for_every_real_plan():
    """The snapshot path (ORM → JSON → engine terms) gives exactly the adapter's terms."""
    seed_catalog()
    plans = list(Plan.objects.with_rates())
    assert len(plans) > 30
    for plan in plans:
        data = json.loads(json.dumps(plan_snapshot(plan)))  # as stored: JSON, strings
        assert read_plan(data).terms == plan_terms(plan), plan


def test_figures_worked_out_by_hand(shop):
    c = build(["alpha", "bravo", "delta", "plate"])
    totals = [cell.text for cell in row(c, "total").cells]
    assert totals[:3] == ["1,824.00 元", "1,993.00 元", "2,124.00 元"]
    assert totals[3] == "Cannot serve you"
    assert row(c, "total").cells[3].note == "Does not accept Credit card"
    one_off = [cell.text for cell in row(c, "one_off").cells]
    assert one_off[:3] == ["0.00 元", "199.00 元", "0.00 元"]
    # 1,824 / 360,000 = 0.50667 %.
    assert row(c, "effective_rate").cells[0].text == "0.5067%"
    assert row(c, "monthly_average").cells[0].text == "152.00 元"
    assert row(c, "deposit_outcome").cells[0].text == "Deposit 99 元, refunded in month 2"
    assert [col.cheapest for col in c.columns] == [True, False, False, False]


def test_best_value_marked_in_comparable_rows(shop):
    c = build(["alpha", "bravo", "delta"])
    assert [cell.best for cell in row(c, "total").cells] == [True, False, False]
    # One-off costs: alpha and delta both 0 → both marked, bravo (199) not.
    assert [cell.best for cell in row(c, "one_off").cells] == [True, False, True]
    # Credit card: 0.55 % is the cheapest payment (0.55 元 on a 100 元 payment).
    credit = row(c, "rate_credit_card")
    assert [cell.best for cell in credit.cells] == [False, True, False]
    assert credit.cells[1].note == "0.55 元 on a 100 元 payment"
    # WeChat 0.38 % everywhere: nothing to mark, and the row shows no difference.
    wechat = row(c, "rate_wechat")
    assert not any(cell.best for cell in wechat.cells) and not wechat.differs
    # Text-only rows are never marked.
    assert not any(cell.best for cell in row(c, "kind").cells)


def test_only_differences_hides_rows_that_agree(shop):
    full = build(["alpha", "bravo", "delta"])
    diff = build(["alpha", "bravo", "delta"], diff=True)
    shown = {r.key for g in diff.visible_groups for r in g.visible}
    assert "total" in shown and "rate_credit_card" in shown and "feature_nfc" in shown
    assert "rate_wechat" not in shown and "t1" not in shown
    assert diff.hidden_rows == sum(len(g.rows) for g in full.groups) - len(shown)
    assert all(r.differs for g in diff.visible_groups for r in g.visible)


def test_overtaking_months_in_words(shop):
    c = build(["alpha", "bravo", "delta"])
    assert c.overtakes == [
        "Lakala Alpha costs less than Lakala Bravo from the first month on.",
        "Lakala Delta costs less in the first months; from month 2 on, Lakala Alpha is cheaper "
        "than Lakala Delta.",
    ]


def test_break_even_volume_in_words(shop):
    """alpha = 12 × V × (0.5 × 0.60 + 0.5 × 0.38) / 100 + 60 = 0.0588·V + 60 (deposit refunded
    from 16,666.67 a month); bravo = 0.0558·V + 120 + 199 = 0.0558·V + 319. Bravo is cheaper
    once 0.003·V > 259, V > 86,333.33. At 86,334: 5,136.4392 → 5,136.44 against 5,136.4372 →
    5,136.44, equal; at 86,335: 5,136.498 → 5,136.50 against 5,136.493 → 5,136.49. Below 30,000
    bravo never wins (with the deposit kept alpha still only needs V < 53,333)."""
    c = build(["alpha", "bravo", "delta"])
    assert c.break_even == [
        "If your volume grows to 86,335 元 a month or more, Lakala Bravo becomes cheaper than "
        "Lakala Alpha."
    ]
    ((label, query),) = c.break_even_links
    assert label == "86,335"
    assert query.startswith("products=alpha,bravo,delta&volume=86335&")


def test_a_product_without_fees_in_force(shop):
    future = make_product(slug="future", name="新机", name_en="Newcomer")
    make_plan(future, rates={"credit_card": "0.50"}, valid_from=dt.date(2099, 1, 1))
    c = build(["alpha", "future"])
    assert row(c, "total").cells[1].text == "No fees in force"
    assert c.ranked == [c.columns[0]]
    assert c.break_even == [] and c.overtakes == []


def test_snapshot_round_trip_renders_the_same_table(shop):
    form = ProfileForm.from_query({**PROFILE, "rise": "0.3", "rise_after": "3"})
    assert form.is_valid()
    on = timezone.localdate()
    products = selectors.products_for_comparison(slugs=["alpha", "bravo"], on=on)
    data = json.loads(
        json.dumps(live_snapshot(products=products, profile=ProfileSnapshot.from_form(form), on=on))
    )
    again = comparison_build(read_snapshot(data))
    first = build(["alpha", "bravo"], params={**PROFILE, "rise": "0.3", "rise_after": "3"})
    assert [[c.text for c in r.cells] for g in again.groups for r in g.rows] == [
        [c.text for c in r.cells] for g in first.groups for r in g.rows
    ]
    # The stress test travels in the snapshot: +0.3 points from month 4 on both methods costs
    # alpha 150 × 0.30 = 45 more a month per method, 90 a month for 9 months = 810 → 2,634.00.
    assert row(again, "risen_total").cells[0].text == "2,634.00 元"
