"""Side-by-side comparison of 2–6 products for one merchant profile.

Plain Python on top of the engine: ``comparison_build`` takes a :class:`~calculator.snapshot.
Snapshot` (the products, the plan compared for each and the profile) and returns the table —
rows in groups, the best value in each comparable row marked — with the cumulative-cost chart,
the months where one product overtakes another in words and the break-even volume of the two
cheapest. The live page and shared links both come through here (see ``calculator.snapshot``).

Each product is compared on its plan that costs this merchant least (``choose_plan``); a
product with no plan in force, or whose plan lacks a payment method the merchant uses, gets a
column that says so and is never priced as zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from calculator.break_even import REACH, break_even_volumes
from calculator.chart import Chart, Series, cumulative_chart
from calculator.engine import METHODS, ZERO, Estimate, Profile, break_even_month, estimate
from calculator.offer import KEY as OFFER_KEY
from calculator.offer import Offer
from calculator.ranking import deposit_text, product_title, rise_text, unsupported_reasons
from catalog import marks, wording
from catalog.marks import Mark
from catalog.models import Plan, Product
from catalog.terms import PlanLabel, figure_provenance, plan_terms
from compare.snapshot import (
    ProfileSnapshot,
    SnapFeature,
    SnapPlan,
    SnapProduct,
    Snapshot,
    comparison_snapshot,
    read_snapshot,
)
from core.formatting import money, months_text, percent, share, total_text, yuan_text

LOWER = "lower"  # a comparable row: the lowest value is the best


# ---------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Cell:
    """One product's value in a row. ``text`` (with ``note``) is what is shown and what "only
    show differences" compares; ``value`` is what the best-value mark compares."""

    text: str
    note: str = ""
    value: Decimal | None = None
    best: bool = False
    url: str = ""
    external: bool = False  # ``url`` leads off the site (a source)
    badge: str = ""
    details: str = ""
    empty: bool = False  # nothing to say (shown muted)
    # Where the figures of the cell come from (``catalog.marks``): not compared, only shown.
    marks: tuple[Mark, ...] = ()

    @property
    def shown(self) -> tuple[str, str, str, str]:
        return (self.text, self.note, self.badge, self.details)


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    better: str | None = None
    help: str = ""

    @property
    def differs(self) -> bool:
        return len({c.shown for c in self.cells}) > 1

    @property
    def blank(self) -> bool:
        return all(c.empty for c in self.cells)


@dataclass
class Group:
    key: str
    title: str
    rows: list[Row]
    visible: list[Row] = field(default_factory=list)


@dataclass
class Column:
    product: SnapProduct | None  # None: the merchant's own offer
    plan: SnapPlan | Offer | None
    estimate: Estimate | None  # None: no plan in force
    risen: Estimate | None = None
    cheapest: bool = False
    series: Series | None = None
    offer: Offer | None = None

    @property
    def title(self) -> str:
        if self.offer is not None or self.product is None:
            return self.offer.label if self.offer is not None else ""
        return product_title(self.product)  # type: ignore[arg-type]  # a SnapProduct will do

    @property
    def key(self) -> str:
        return self.product.slug if self.product is not None else OFFER_KEY

    @property
    def supported(self) -> bool:
        return self.estimate is not None and self.estimate.supported

    @property
    def total(self) -> Decimal | None:
        return self.estimate.total if self.supported and self.estimate else None


@dataclass(frozen=True)
class Figures:
    """The headline figures of one column: what a share link's banner compares."""

    plan: str
    supported: bool
    total: Decimal | None
    monthly_average: Decimal | None
    effective_rate: Decimal | None
    one_off: Decimal | None


@dataclass
class Comparison:
    snapshot: Snapshot
    columns: list[Column]
    groups: list[Group]
    diff: bool
    chart: Chart | None = None
    overtakes: list[str] = field(default_factory=list)
    break_even: list[str] = field(default_factory=list)
    break_even_links: list[tuple[str, str]] = field(default_factory=list)  # (label, query)

    @property
    def profile(self) -> ProfileSnapshot:
        return self.snapshot.profile

    @property
    def ranked(self) -> list[Column]:
        """Columns that can serve the merchant, cheapest total first (stable)."""
        return sorted((c for c in self.columns if c.supported), key=lambda c: c.total or ZERO)

    @property
    def cheapest(self) -> Column | None:
        ranked = self.ranked
        return ranked[0] if ranked else None

    @property
    def visible_groups(self) -> list[Group]:
        return [g for g in self.groups if g.visible]

    @property
    def hidden_rows(self) -> int:
        return sum(len(g.rows) - len(g.visible) for g in self.groups)

    @property
    def figures(self) -> dict[str, Figures]:
        return {c.key: column_figures(c) for c in self.columns}


def column_figures(column: Column) -> Figures:
    e = column.estimate
    name = column.plan.name if column.plan is not None else ""
    if e is None or not e.supported:
        return Figures(name, False, None, None, None, None)
    return Figures(name, True, e.total, e.monthly_average, e.effective_rate, e.one_off)


def mark_best(cells: list[Cell], better: str | None) -> list[Cell]:
    """Mark the lowest value (``better == LOWER``) unless every column has the same one."""
    if better != LOWER:
        return cells
    values = [c.value for c in cells if c.value is not None]
    if not values:
        return cells
    if len(values) == len(cells) and len(set(values)) == 1:
        return cells
    best = min(values)
    return [replace(c, best=True) if c.value == best else c for c in cells]


def _yuan(value: Decimal) -> str:
    """An amount, whole 元 without cents: ``90 元``, ``0.72 元``."""
    return f"{money(value)} 元"


def _none() -> Cell:
    return Cell(_("None"))


def _dash() -> Cell:
    return Cell("—", empty=True)


def _yes_no(flag: bool) -> Cell:
    return Cell(_("yes") if flag else _("no"))


# ---------------------------------------------------------------------- choosing the plan


def choose_plan(plans: Sequence[Plan], profile: Profile) -> Plan | None:
    """The plan (rates prefetched) that costs ``profile`` least; with none that can serve it,
    the first plan; None without plans."""
    priced = []
    for plan in plans:
        e = estimate(plan_terms(plan), profile)
        if e.supported and e.total is not None:
            priced.append((e.total, plan.pk, plan))
    if priced:
        return min(priced, key=lambda t: (t[0], t[1]))[2]
    return plans[0] if plans else None


def live_snapshot(
    *, products: Sequence[Product], profile: ProfileSnapshot, on: Any, offer: Offer | None = None
) -> dict[str, Any]:
    """The snapshot of ``products`` (with ``current_plans``, features and brand) today, and of
    the merchant's ``offer`` when given."""
    chosen = [(p, choose_plan(p.current_plans, profile.profile)) for p in products]
    return comparison_snapshot(products=chosen, profile=profile, on=on, offer=offer)


def live_comparison(
    *, products: Sequence[Product], profile: ProfileSnapshot, on: Any, diff: bool = False
) -> Comparison:
    return comparison_build(
        read_snapshot(live_snapshot(products=products, profile=profile, on=on)), diff=diff
    )


# ---------------------------------------------------------------------- building


def comparison_build(snapshot: Snapshot, *, diff: bool = False) -> Comparison:
    """The comparison of a snapshot; with ``diff`` only rows that differ are visible."""
    ps = snapshot.profile
    profile = ps.profile
    columns = []
    for product in snapshot.products:
        plan = product.plan
        if plan is None:
            columns.append(Column(product, None, None))
            continue
        e = estimate(plan.terms, profile)
        risen = estimate(ps.rise.apply(plan.terms), profile) if ps.rise and e.supported else None
        columns.append(Column(product, plan, e, risen))
    offer = snapshot.offer
    if offer is not None:
        e = estimate(offer.terms, profile)
        risen = estimate(ps.rise.apply(offer.terms), profile) if ps.rise and e.supported else None
        columns.append(Column(None, offer, e, risen, offer=offer))
    comparison = Comparison(snapshot=snapshot, columns=columns, groups=[], diff=diff)
    cheapest = comparison.cheapest
    if cheapest is not None:
        for c in columns:
            c.cheapest = c.supported and c.total == cheapest.total
    comparison.groups = [
        _cost_group(columns, ps),
        _method_group(columns, profile),
        _settlement_group(columns, profile),
        _recurring_group(columns, profile),
        _contract_group(columns),
        _hardware_group(columns),
        _feature_group(columns),
        _licence_group(columns),
        _provenance_group(columns),
    ]
    for group in comparison.groups:
        group.rows = [r for r in group.rows if not r.blank]
        for row in group.rows:
            row.cells = mark_best(row.cells, row.better)
        group.visible = [r for r in group.rows if r.differs] if diff else list(group.rows)
    _chart(comparison)
    comparison.overtakes = overtakes(comparison.ranked)
    _break_even(comparison)
    return comparison


def _per_column(
    columns: Iterable[Column], make: Any, *, terms: bool = False, term: tuple[str, ...] = ()
) -> list[Cell]:
    """One cell per column: ``make(column)`` where the column can be priced (or, with
    ``terms``, just has a plan: its terms are shown), else a cell saying why not. An offer that
    states none of the plan terms ``term`` says so (it is priced as 0, never compared)."""
    cells = []
    for c in columns:
        if c.plan is None:
            cells.append(Cell(_("No fees in force"), empty=True))
        elif (
            c.offer is not None
            and term
            and not any(c.offer.stated(t) for t in term)
            or c.offer is None
            and term
            and _unstated(c.plan, term)
        ):
            cells.append(Cell(_("Not stated (priced as 0)"), badge="not_stated"))
        elif not terms and not c.supported:
            cells.append(Cell("—", empty=True))
        else:
            cell = make(c)
            if term and not cell.marks:
                cell = replace(cell, marks=_figure_marks(c, term))
            cells.append(cell)
    return cells


# The figures each term row shows beside the term named in ``_per_column(term=…)``.
ROW_FIGURES = {
    "deposit": ("deposit", "deposit_refund_volume", "deposit_refund_days"),
    "sim_fee_annual": ("sim_fee_annual", "sim_free_months"),
    "monthly_fee": ("monthly_fee", "monthly_fee_waived_at"),
}


def _figure_marks(c: Column, term: tuple[str, ...]) -> tuple[Mark, ...]:
    """The provenance marks of a catalog plan's figures ``term`` (none for an offer, or a link
    made before provenance was kept)."""
    provenance = getattr(c.plan, "provenance", None) if c.offer is None else None
    if not provenance:
        return ()
    keys = tuple(k for t in term for k in ROW_FIGURES.get(t, (t,)))
    return tuple(marks.figure_marks(provenance, keys))


def _unstated(plan: Any, term: tuple[str, ...]) -> bool:
    """No source states any of the plan's terms ``term`` (each priced as 0)."""
    provenance = getattr(plan, "provenance", None)
    if not provenance:
        return False
    found = [figure_provenance(provenance, t) for t in term]
    return all(p is not None and p.unstated for p in found) and not any(
        getattr(plan, t) for t in term
    )


def _cost_group(columns: list[Column], ps: ProfileSnapshot) -> Group:
    profile = ps.profile
    months = profile.months

    def total(c: Column) -> Cell:
        if c.plan is None:
            return Cell(_("No fees in force"), note=_("Nothing to price."))
        e = c.estimate
        assert e is not None
        if not e.supported:
            return Cell(_("Cannot serve you"), note="; ".join(unsupported_reasons(e.unsupported)))
        return Cell(total_text(e.total), value=e.total)

    rows = [
        Row(
            "total",
            _("Total over %(months)s months") % {"months": months},
            [total(c) for c in columns],
            LOWER,
            help=ps.label,
        ),
        Row(
            "effective_rate",
            _("Effective rate"),
            _per_column(
                columns,
                lambda c: (
                    Cell(percent(c.estimate.effective_rate), value=c.estimate.effective_rate)
                    if c.estimate.effective_rate is not None
                    else Cell("—")
                ),
            ),
            LOWER,
            help=_("All costs as a share of your volume"),
        ),
        Row(
            "monthly_average",
            _("Per month on average"),
            _per_column(
                columns,
                lambda c: Cell(
                    total_text(c.estimate.monthly_average), value=c.estimate.monthly_average
                ),
            ),
            LOWER,
        ),
        Row(
            "one_off",
            _("One-off costs"),
            _per_column(
                columns, lambda c: Cell(total_text(c.estimate.one_off), value=c.estimate.one_off)
            ),
            LOWER,
            help=_("Device, and a deposit that is not refunded"),
        ),
        Row(
            "transaction_fees",
            _("Transaction fees"),
            _per_column(
                columns,
                lambda c: Cell(
                    total_text(c.estimate.transaction_fees), value=c.estimate.transaction_fees
                ),
            ),
            LOWER,
        ),
    ]
    if profile.instant_settlement:
        rows.append(
            Row(
                "settlement_fees",
                _("Instant settlement fees"),
                _per_column(
                    columns,
                    lambda c: Cell(
                        total_text(c.estimate.settlement_fees), value=c.estimate.settlement_fees
                    ),
                ),
                LOWER,
            )
        )
    rows.append(
        Row(
            "recurring_fees",
            _("Monthly, annual and SIM fees"),
            _per_column(
                columns,
                lambda c: Cell(
                    total_text(c.estimate.recurring_fees), value=c.estimate.recurring_fees
                ),
            ),
            LOWER,
        )
    )
    rows.append(
        Row(
            "deposit_outcome",
            _("Deposit"),
            _per_column(columns, lambda c: Cell(deposit_text(c.plan.terms, c.estimate))),
        )
    )
    if ps.rise is not None:
        rows.append(
            Row(
                "risen_total",
                _("Total if rates rise"),
                _per_column(
                    columns,
                    lambda c: Cell(
                        total_text(c.risen.total),
                        note=_("+%(extra)s")
                        % {"extra": total_text(c.risen.total - c.estimate.total)},
                        value=c.risen.total,
                    ),
                ),
                LOWER,
                help=rise_text(ps.rise),
            )
        )
    return Group("cost", _("Cost for you"), rows)


def _method_group(columns: list[Column], profile: Profile) -> Group:
    offered = {m for c in columns if c.plan is not None for m in c.plan.standard_rates}
    methods = [m for m in METHODS if m in offered or m in profile.mix]
    rows = []
    for method in methods:
        ticket = profile.ticket(method)

        def cell(c: Column, method: str = method, ticket: Decimal = ticket) -> Cell:
            plan = c.plan
            rate = plan.standard_rates.get(method) if plan is not None else None
            if plan is None or rate is None:
                return Cell(_("Not accepted"), empty=False)
            terms_rate = plan.terms.rates[method]
            fee = terms_rate.fee(ticket)
            return Cell(
                wording.rate_text(rate),
                note=_("%(fee)s 元 on a %(ticket)s 元 payment")
                % {"fee": money(fee), "ticket": money(ticket)},
                value=fee,
                marks=tuple(marks.rate_marks(plan, rate)) if c.offer is None else (),
            )

        share_of = profile.mix.get(method, ZERO)
        help_text = (
            _("%(share)s of your payments") % {"share": share(share_of)}
            if share_of
            else _("You do not take this")
        )
        rows.append(
            Row(
                f"rate_{method}",
                wording.method_label(method),
                _per_column(columns, cell, terms=True),
                LOWER,
                help=help_text,
            )
        )

    def promo(c: Column) -> Cell:
        assert c.plan is not None
        if c.plan.promo_months and c.plan.promo_rates:
            return Cell(wording.promo_text(c.plan.promo_months, c.plan.promo_rates))
        return _none()

    rows.append(Row("promo", _("Introductory rates"), _per_column(columns, promo, terms=True)))
    return Group("fees", _("Fees per payment method"), rows)


def _settlement_group(columns: list[Column], profile: Profile) -> Group:
    def instant(c: Column) -> Cell:
        plan = c.plan
        assert plan is not None
        if not plan.instant_available:
            return Cell(_("Not available"))
        monthly = (
            profile.monthly_volume * plan.instant_percent / 100
            + profile.settlements_per_month * plan.instant_fixed
        )
        if not plan.instant_percent and not plan.instant_fixed:
            text = _("Free")
        else:
            parts = []
            if plan.instant_percent:
                parts.append(wording.percent_text(plan.instant_percent))
            if plan.instant_fixed:
                parts.append(
                    _("%(fixed)s per settlement") % {"fixed": yuan_text(plan.instant_fixed)}
                )
            text = " + ".join(parts)
        note = (
            _("%(amount)s a month for %(n)s settlements")
            % {"amount": _yuan(monthly), "n": profile.settlements_per_month}
            if monthly
            else ""
        )
        return Cell(text, note=note, value=monthly)

    rows = [
        Row(
            "t1",
            _("Next working day (T+1)"),
            _per_column(columns, lambda c: Cell(_("Free")), terms=True),
        ),
        Row(
            "instant",
            _("Instant (D0 / 秒到)"),
            _per_column(columns, instant, terms=True, term=("instant_percent", "instant_fixed")),
            LOWER,
            help=_("You asked for instant settlement")
            if profile.instant_settlement
            else _("You chose T+1"),
        ),
    ]
    return Group("settlement", _("Settlement"), rows)


def _recurring_group(columns: list[Column], profile: Profile) -> Group:
    def monthly(c: Column) -> Cell:
        plan = c.plan
        assert plan is not None
        if not plan.monthly_fee:
            return Cell(_("None"), value=ZERO)
        waived = (
            plan.monthly_fee_waived_at is not None
            and plan.monthly_fee_waived_at <= profile.monthly_volume
        )
        text = yuan_text(plan.monthly_fee)
        if plan.monthly_fee_waived_at is not None:
            note = (
                _("waived at your volume")
                if waived
                else _("waived from %(volume)s a month")
                % {"volume": yuan_text(plan.monthly_fee_waived_at)}
            )
        else:
            note = ""
        return Cell(text, note=note, value=ZERO if waived else plan.monthly_fee)

    def annual(c: Column) -> Cell:
        assert c.plan is not None
        fee = c.plan.annual_fee
        return Cell(yuan_text(fee) if fee else _("None"), value=fee)

    def sim(c: Column) -> Cell:
        assert c.plan is not None
        return Cell(wording.sim_text(c.plan), value=c.plan.sim_fee_annual)

    rows = [
        Row(
            "monthly_fee",
            _("Monthly fee"),
            _per_column(columns, monthly, terms=True, term=("monthly_fee",)),
            LOWER,
        ),
        Row(
            "annual_fee",
            _("Annual fee"),
            _per_column(columns, annual, terms=True, term=("annual_fee",)),
            LOWER,
        ),
        Row(
            "sim_fee",
            _("SIM / data fee"),
            _per_column(columns, sim, terms=True, term=("sim_fee_annual",)),
            LOWER,
        ),
    ]
    return Group("recurring", _("Recurring fees"), rows)


def _contract_group(columns: list[Column]) -> Group:
    def term(c: Column) -> Cell:
        assert c.plan is not None
        months = c.plan.contract_months
        return Cell(months_text(months) if months else _("None stated"))

    def early(c: Column) -> Cell:
        assert c.plan is not None
        fee = c.plan.early_termination_fee
        return Cell(yuan_text(fee) if fee else _("None"), value=fee)

    def notes(c: Column) -> Cell:
        assert c.plan is not None
        text = c.plan.display_notes
        return Cell(text, empty=not text) if text else _dash()

    rows = [
        Row(
            "contract",
            _("Contract term"),
            _per_column(columns, term, terms=True, term=("contract_months",)),
        ),
        Row(
            "early_termination",
            _("Early-termination fee"),
            _per_column(columns, early, terms=True, term=("early_termination_fee",)),
            LOWER,
        ),
        Row("conditions", _("Conditions"), _per_column(columns, notes, terms=True)),
    ]
    return Group("contract", _("Contract"), rows)


def _products(columns: list[Column], make: Any) -> list[Cell]:
    """One cell per column from its product: ``make(product)``; "—" for the merchant's offer."""
    return [make(c.product) if c.product is not None else _dash() for c in columns]


def _hardware_group(columns: list[Column]) -> Group:

    def device(c: Column) -> Cell:
        assert c.plan is not None
        price = c.plan.device_price
        return Cell(yuan_text(price) if price else _("Free"), value=price)

    def deposit(c: Column) -> Cell:
        assert c.plan is not None
        return Cell(wording.deposit_text(c.plan), value=c.plan.deposit)

    def screen(p: SnapProduct) -> Cell:
        if not p.screen_inches:
            return _dash()
        text = _("%(size)s inch") % {"size": f"{p.screen_inches.normalize():f}"}
        if p.touchscreen:
            text += " · " + _("touchscreen")
        return Cell(text)

    rows = [
        Row("kind", _("Kind"), _products(columns, lambda p: Cell(p.kind_label))),
        Row(
            "device_price",
            _("Device price"),
            _per_column(columns, device, terms=True, term=("device_price",)),
            LOWER,
        ),
        Row(
            "deposit",
            _("Deposit terms"),
            _per_column(columns, deposit, terms=True, term=("deposit",)),
            LOWER,
        ),
        Row(
            "network",
            _("Network"),
            _products(columns, lambda p: Cell(" · ".join(p.connectivity) or _("none"))),
        ),
        Row("nfc", _("Contactless (NFC)"), _products(columns, lambda p: _yes_no(p.nfc))),
        Row(
            "scanner", _("Camera scanner"), _products(columns, lambda p: _yes_no(p.camera_scanner))
        ),
        Row("printer", _("Paper receipts"), _products(columns, lambda p: _yes_no(p.printer))),
        Row("screen", _("Screen"), _products(columns, screen)),
        Row(
            "battery",
            _("Battery"),
            _products(
                columns, lambda p: Cell(f"{p.battery_mah} mAh") if p.battery_mah else _dash()
            ),
        ),
        Row(
            "model",
            _("Model"),
            _products(columns, lambda p: Cell(p.model_number) if p.model_number else _dash()),
        ),
    ]
    return Group("hardware", _("Hardware"), rows)


def _feature_group(columns: list[Column]) -> Group:
    features: dict[str, SnapFeature] = {}
    for c in columns:
        for f in c.product.features if c.product is not None else ():
            features.setdefault(f.code, f)
    order = sorted(features.values(), key=lambda f: (f.category, f.code))
    rows = []
    for feature in order:

        def has(p: SnapProduct, code: str = feature.code) -> Cell:
            return _yes_no(any(f.code == code for f in p.features))

        rows.append(Row(f"feature_{feature.code}", feature.display_name, _products(columns, has)))
    return Group("features", _("Features"), rows)


def _licence_group(columns: list[Column]) -> Group:
    brands = [c.product.brand if c.product is not None else None for c in columns]

    def per_brand(make: Any) -> list[Cell]:
        return [make(b) if b is not None else _dash() for b in brands]

    rows = [
        Row(
            "brand",
            _("Brand"),
            per_brand(lambda b: Cell(b.display_name, note=b.kind_label, url=b.get_absolute_url())),
        ),
        Row(
            "company",
            _("Company"),
            per_brand(lambda b: Cell(b.legal_name) if b.legal_name else _dash()),
        ),
        Row(
            "licence",
            _("Payment licence"),
            per_brand(
                lambda b: (
                    Cell(b.licence_number)
                    if b.licence_number
                    else Cell(_("None on record"))
                    if b.kind == "acquirer"
                    else Cell(_("Not needed: terminal maker"))
                )
            ),
        ),
        Row(
            "licence_until",
            _("Licence valid until"),
            per_brand(
                lambda b: (
                    Cell(b.licence_valid_until.isoformat()) if b.licence_valid_until else _dash()
                )
            ),
        ),
        Row(
            "penalties",
            _("Regulator penalties on record"),
            per_brand(
                lambda b: (
                    Cell(str(b.penalties), value=Decimal(b.penalties), url=b.get_absolute_url())
                    if b.penalties is not None
                    else _dash()
                )
            ),
            LOWER,
        ),
    ]
    return Group("licence", _("Brand and licence"), rows)


def _provenance_group(columns: list[Column]) -> Group:
    def plan_name(c: Column) -> Cell:
        assert c.plan is not None
        if c.product is None:
            return Cell(c.plan.display_name, note=_("as you entered it"))
        note = (
            _("cheapest for you of %(n)s plans") % {"n": c.product.plan_count}
            if c.product.plan_count > 1
            else ""
        )
        return Cell(c.plan.display_name, note=note)

    def source(c: Column) -> Cell:
        if c.offer is not None:
            return Cell(_("Your offer"))
        assert isinstance(c.plan, SnapPlan)
        if c.plan.source_url:
            return Cell(
                _("Source"), url=c.plan.source_url, external=True, details=c.plan.source_note
            )
        return Cell(c.plan.source_note or "—")

    def estimate_cell(c: Column) -> Cell:
        if c.offer is not None:
            return Cell(_("Your figures"))
        assert isinstance(c.plan, SnapPlan)
        label = c.plan.label
        if label == PlanLabel.SOURCED:
            return Cell(_("All from a source about this product"))
        return Cell(str(label.label), badge="estimate")

    def day(name: str) -> Any:
        def cell(c: Column) -> Cell:
            if c.offer is not None:
                signed = c.offer.signed if name == "valid_from" else None
                return Cell(signed.isoformat()) if signed else _dash()
            value: dt.date = getattr(c.plan, name)
            return Cell(value.isoformat())

        return cell

    rows = [
        Row("plan", _("Plan compared"), _per_column(columns, plan_name, terms=True)),
        Row(
            "valid_from",
            _("In force since"),
            _per_column(columns, day("valid_from"), terms=True),
        ),
        Row("source", _("Source"), _per_column(columns, source, terms=True)),
        Row(
            "verified_on",
            _("Checked on"),
            _per_column(columns, day("verified_on"), terms=True),
        ),
        Row("estimate", _("Figures"), _per_column(columns, estimate_cell, terms=True)),
    ]
    return Group("provenance", _("Where the figures come from"), rows)


# ---------------------------------------------------------------------- chart and words


def _chart(comparison: Comparison) -> None:
    priced = [c for c in comparison.columns if c.supported]
    chart = cumulative_chart(
        [(c.key, c.title, c.estimate) for c in priced if c.estimate is not None]
    )
    if chart is not None:
        for column, series in zip(priced, chart.series, strict=True):
            column.series = series
    comparison.chart = chart


def overtakes(ranked: Sequence[Column]) -> list[str]:
    """The months where the cheapest overall overtakes the others, in words."""
    if len(ranked) < 2:
        return []
    best = ranked[0]
    assert best.estimate is not None
    lines = []
    always = []
    for other in ranked[1:]:
        assert other.estimate is not None
        month = break_even_month(best.estimate, other.estimate)
        if month is None:
            continue
        if month == 1:
            always.append(other.title)
        else:
            lines.append(
                _(
                    "%(dearer)s costs less in the first months; from month %(month)s on, "
                    "%(cheaper)s is cheaper than %(dearer)s."
                )
                % {"dearer": other.title, "cheaper": best.title, "month": month}
            )
    if always:
        lines.insert(
            0,
            _("%(cheaper)s costs less than %(others)s from the first month on.")
            % {"cheaper": best.title, "others": wording.separator().join(always)},
        )
    return lines


def _break_even(comparison: Comparison) -> None:
    ranked = comparison.ranked
    if len(ranked) < 2:
        return
    a, b = ranked[0], ranked[1]
    assert a.plan is not None and b.plan is not None
    profile = comparison.profile.profile
    above, below = break_even_volumes(a.plan.terms, b.plan.terms, profile)
    names = {"a": a.title, "b": b.title}
    lines = []
    links = []
    grows = _(
        "If your volume grows to %(volume)s 元 a month or more, %(b)s becomes cheaper than %(a)s."
    )
    falls = _(
        "If your volume falls to %(volume)s 元 a month or less, %(b)s becomes cheaper than %(a)s."
    )
    for crossing, text in ((above, grows), (below, falls)):
        if crossing is not None:
            lines.append(text % {**names, "volume": money(crossing.volume)})
            links.append((money(crossing.volume), _with_volume(comparison, crossing.volume)))
    if not lines:
        lines.append(
            _(
                "At any volume from 0 to %(high)s 元 a month, %(b)s does not become cheaper "
                "than %(a)s."
            )
            % {**names, "high": money(profile.monthly_volume * REACH)}
        )
    comparison.break_even = lines
    comparison.break_even_links = links


def _with_volume(comparison: Comparison, volume: Decimal) -> str:
    """The live comparison's query with another monthly volume."""
    pairs = [(k, v) for k, v in comparison.profile.pairs if k != "volume"]
    pairs.insert(0, ("volume", f"{volume:f}"))
    return f"products={','.join(comparison.snapshot.slugs)}&{urlencode(pairs)}"
