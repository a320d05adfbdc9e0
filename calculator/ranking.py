"""The calculator's ranking: every current plan priced for one merchant, explained.

Plain Python on top of the engine. The view fetches the plans (``selectors``), the form gives
the profile and the stress test; this module prices, ranks, writes the "show the working" lines
and the deposit outcome in words, and picks the plans for the cumulative-cost chart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calculator.chart import Chart, Series, cumulative_chart
from calculator.engine import (
    INSTANT_SETTLEMENT,
    ZERO,
    Estimate,
    PlanTerms,
    Profile,
    Rate,
    estimate,
    round2,
)
from calculator.forms import RateRise
from calculator.offer import KEY as OFFER_KEY
from calculator.offer import Offer
from calculator.offer_checks import (
    Finding,
    OfferPosition,
    Reminder,
    check_offer,
    questions,
    reminders,
)
from calculator.offer_checks import position as offer_position
from catalog import marks
from catalog.marks import Mark
from catalog.models import PaymentMethod, Plan, Product
from catalog.terms import PlanLabel, plan_terms, rate_figure_key
from core.formatting import count as count_text
from core.formatting import money, percent, share

CHART_CHEAPEST = 3


def method_label(code: str) -> str:
    return str(PaymentMethod(code).label)


def months_text(first: int, last: int) -> str:
    if first == last:
        return _("month %(month)s") % {"month": first}
    return _("months %(first)s–%(last)s") % {"first": first, "last": last}


def list_text(items: Sequence[str]) -> str:
    return _(", ").join(items)


# ---------------------------------------------------------------------- results


@dataclass(frozen=True)
class WorkingLine:
    """One line of "show the working": what is charged, how it is worked out, how much."""

    label: str
    amount: Decimal
    steps: tuple[str, ...] = ()
    key: str = ""  # what it prices: a method code, "instant", "monthly", "sim", "deposit" …
    marks: tuple[Mark, ...] = ()  # where the figures it uses come from (catalog plans)


@dataclass
class RankedPlan:
    position: int
    plan: Plan
    estimate: Estimate
    deposit_text: str
    working: list[WorkingLine]
    risen: Estimate | None = None
    pinned: bool = False
    series: Series | None = None  # its line in the chart, when drawn
    # Percent of the total that rests on market defaults or assumptions (None: not recorded).
    estimated_share: Decimal | None = None
    # Methods whose average payment is above the terminal's largest single payment.
    limit_warnings: tuple[str, ...] = ()
    # A "market typical" entry: the other pure market estimates identical to this one in every
    # figure, which it stands for (their brand pages still show each plan).
    stands_for: list[Plan] = field(default_factory=list)

    @property
    def typical(self) -> bool:
        return bool(self.stands_for)

    @property
    def typical_brands(self) -> list[Plan]:
        """This plan and the ones it stands for, by brand."""
        return sorted([self.plan, *self.stands_for], key=lambda p: p.product.brand.slug)

    @property
    def rise_extra(self) -> Decimal | None:
        if self.risen is None or self.risen.total is None or self.estimate.total is None:
            return None
        return self.risen.total - self.estimate.total


@dataclass(frozen=True)
class UnsupportedPlan:
    plan: Plan
    reasons: tuple[str, ...]


@dataclass
class OfferRow:
    """The merchant's offer, priced and checked beside the plans."""

    offer: Offer
    estimate: Estimate
    reasons: tuple[str, ...]  # why it cannot be priced (a method it gives no rate for)
    position: OfferPosition | None  # where it ranks; None when it cannot be priced
    deposit_text: str
    working: list[WorkingLine]
    findings: list[Finding]
    questions: list[tuple[str, str]]
    reminders: list[Reminder]
    risen: Estimate | None = None
    series: Series | None = None

    @property
    def rise_extra(self) -> Decimal | None:
        if self.risen is None or self.risen.total is None or self.estimate.total is None:
            return None
        return self.risen.total - self.estimate.total


def offer_row(
    offer: Offer,
    *,
    profile: Profile,
    rise: RateRise | None,
    market: Sequence[PlanTerms],
    ranked: Sequence[tuple[str, Estimate]],
) -> OfferRow:
    """``offer`` priced for ``profile`` and checked against the ``market`` (the plans in force)
    and the ``ranked`` estimates of those that can serve the merchant, cheapest first."""
    terms = offer.terms
    e = estimate(terms, profile)
    findings = check_offer(
        offer,
        profile=profile,
        estimate_=e,
        plans=market,
        cheapest=ranked[0] if ranked else None,
        rise=rise,
    )
    supported = e.supported and e.total is not None
    totals = [r.total for _name, r in ranked if r.total is not None]
    return OfferRow(
        offer=offer,
        estimate=e,
        reasons=unsupported_reasons(e.unsupported),
        position=offer_position(e.total, totals) if supported and e.total is not None else None,
        deposit_text=deposit_text(terms, e) if supported else "",
        working=working(terms, e) if supported else [],
        findings=findings,
        questions=questions(offer, findings),
        reminders=reminders(offer, profile),
        risen=estimate(rise.apply(terms), profile) if rise is not None and supported else None,
    )


@dataclass
class Ranking:
    profile: Profile
    rise: RateRise | None
    rows: list[RankedPlan]
    unsupported: list[UnsupportedPlan]
    chart: Chart | None = None
    pins: tuple[int, ...] = ()
    cheapest_if_risen: RankedPlan | None = None
    chart_rows: list[RankedPlan] = field(default_factory=list)
    offer: OfferRow | None = None

    @property
    def rise_text(self) -> str:
        return rise_text(self.rise) if self.rise is not None else ""


# ---------------------------------------------------------------------- words


def deposit_text(terms: PlanTerms, e: Estimate) -> str:
    """The deposit outcome in words, e.g. "Deposit 99 元, refunded in month 2"."""
    if terms.deposit <= 0:
        return _("No deposit")
    amount = money(terms.deposit)
    if e.deposit_refunded:
        return _("Deposit %(amount)s 元, refunded in month %(month)s") % {
            "amount": amount,
            "month": e.deposit_refund_month,
        }
    if e.deposit_refund_month is not None:
        return _(
            "Deposit %(amount)s 元, refunded in month %(month)s — after your %(months)s months"
        ) % {
            "amount": amount,
            "month": e.deposit_refund_month,
            "months": e.profile.months,
        }
    if terms.deposit_refund_volume is None:
        return _("Deposit %(amount)s 元, not refundable") % {"amount": amount}
    return _("Deposit %(amount)s 元, not refunded at your volume") % {"amount": amount}


def rise_text(rise: RateRise) -> str:
    """The stress test in words, e.g. "Every rate rises by 0.3 percentage points after month 3."."""
    values = {
        "month": rise.after_month,
        "rate": percent(rise.to_percent) if rise.to_percent is not None else "",
        "points": f"{rise.add_percent.normalize():f}",
        "fixed": money(rise.fixed) if rise.fixed is not None else "",
    }
    if rise.to_percent is not None and rise.fixed is not None:
        text = _("Every rate rises to %(rate)s plus %(fixed)s 元 a payment after month %(month)s.")
    elif rise.to_percent is not None:
        text = _("Every rate rises to %(rate)s after month %(month)s.")
    elif rise.fixed is not None:
        text = _(
            "Every rate rises by %(points)s percentage points, with a fixed fee of "
            "%(fixed)s 元 a payment, after month %(month)s."
        )
    else:
        text = _("Every rate rises by %(points)s percentage points after month %(month)s.")
    return text % values


LABEL_ORDER = {PlanLabel.SOURCED: 0, PlanLabel.PARTLY: 1, PlanLabel.ESTIMATE: 2}


def typical_groups(
    priced: list[tuple[PlanTerms, Estimate]], by_key: Mapping[Any, Plan]
) -> tuple[list[tuple[PlanTerms, Estimate]], dict[Any, list[Plan]]]:
    """Merge the pure market estimates of one kind that are identical in every figure: the first
    stays (its row becomes the "market typical" entry), the others are listed under it."""
    kept: list[tuple[PlanTerms, Estimate]] = []
    heads: list[tuple[str, PlanTerms]] = []
    stands_for: dict[Any, list[Plan]] = {}
    for plan_t, e in priced:
        plan = by_key[plan_t.key]
        if plan.label == PlanLabel.ESTIMATE:
            same = dataclasses.replace(plan_t, key=None)
            head = next(
                (
                    h
                    for kind, h in heads
                    if kind == plan.product.kind and dataclasses.replace(h, key=None) == same
                ),
                None,
            )
            if head is not None:
                stands_for.setdefault(head.key, []).append(plan)
                continue
            heads.append((plan.product.kind, plan_t))
        kept.append((plan_t, e))
    return kept, stands_for


def limit_warnings(terms: PlanTerms, profile: Profile) -> tuple[str, ...]:
    """A warning per method the merchant uses whose average payment is above the plan's
    largest single payment (e.g. 单笔1000元): the terminal would refuse such payments."""
    found = []
    for method, rate in terms.rates.items():
        if rate.max_amount is None or not profile.mix.get(method):
            continue
        ticket = profile.ticket(method)
        if ticket > rate.max_amount:
            found.append(
                _(
                    "%(method)s: your average payment of %(ticket)s is above this terminal's "
                    "limit of %(limit)s per payment; it would refuse such payments."
                )
                % {
                    "method": method_label(method),
                    "ticket": f"{money(ticket)} 元",
                    "limit": f"{money(rate.max_amount)} 元",
                }
            )
    return tuple(found)


def unsupported_reasons(codes: Sequence[str]) -> tuple[str, ...]:
    """Why a plan cannot serve the merchant, in words ("Does not accept …")."""
    reasons = []
    methods = [method_label(c) for c in codes if c != INSTANT_SETTLEMENT]
    if methods:
        reasons.append(_("Does not accept %(methods)s") % {"methods": list_text(methods)})
    if INSTANT_SETTLEMENT in codes:
        reasons.append(_("No instant settlement (D0)"))
    return tuple(reasons)


def _fee_steps(rate: Rate, ticket: Decimal) -> str:
    """How one payment's fee is worked out: "120 元 × 0.60% = 0.72 元 a payment"."""
    pct = rate.percent_for(ticket)
    raw = ticket * pct / 100
    fee = rate.fee(ticket)
    notes = []
    if rate.limit is not None and ticket > rate.limit:
        notes.append(_("the rate above %(limit)s 元") % {"limit": money(rate.limit)})
    if rate.minimum is not None and raw < rate.minimum:
        notes.append(
            _("raised to the minimum of %(minimum)s 元") % {"minimum": money(rate.minimum)}
        )
    if rate.cap is not None and raw > rate.cap:
        notes.append(_("capped at %(cap)s 元") % {"cap": money(rate.cap)})
    if rate.fixed:
        notes.append(_("plus %(fixed)s 元 a payment") % {"fixed": money(rate.fixed)})
    exact = raw != round2(raw)  # show the unrounded product, e.g. 0.456 → 0.46
    values = {
        "ticket": money(ticket),
        "percent": percent(pct),
        "raw": f"{raw.normalize():f}" if exact else money(raw),
    }
    if not notes and raw == fee:
        return _("%(ticket)s 元 × %(percent)s = %(fee)s 元 a payment") % {
            **values,
            "fee": money(fee),
        }
    text = _("%(ticket)s 元 × %(percent)s = %(raw)s 元") % values
    if notes:
        text += " (" + list_text(notes) + ")"
    return text + " → " + _("%(fee)s 元 a payment") % {"fee": money(fee)}


def _method_line(terms: PlanTerms, e: Estimate, method: str) -> WorkingLine:
    profile = e.profile
    ticket = profile.ticket(method)
    count = e.transactions_per_month[method]
    steps = [
        _("%(volume)s 元 × %(share)s ÷ %(ticket)s 元 %(equals)s %(count)s payments a month")
        % {
            "volume": money(profile.monthly_volume),
            "share": share(profile.mix[method]),
            "ticket": money(ticket),
            "equals": "=" if count == round2(count) else "≈",
            "count": count_text(count).lstrip("≈"),
        }
    ]
    # Consecutive months priced by the same rate form one segment (promo, normal, risen).
    segments: list[tuple[int, int, Rate]] = []
    for month in range(1, profile.months + 1):
        rate = terms.rate_in_month(method, month)
        assert rate is not None
        if segments and segments[-1][2] is rate:
            segments[-1] = (segments[-1][0], month, rate)
        else:
            segments.append((month, month, rate))
    for first, last, rate in segments:
        prefix = months_text(first, last) + ": " if len(segments) > 1 else ""
        n = last - first + 1
        steps.append(prefix + _fee_steps(rate, ticket))
        steps.append(
            prefix
            + _("%(count)s × %(fee)s 元 × %(months)s months = %(amount)s 元")
            % {
                "count": count_text(count),
                "fee": money(rate.fee(ticket)),
                "months": n,
                "amount": money(count * rate.fee(ticket) * n),
            }
        )
    return WorkingLine(method_label(method), e.per_method[method], tuple(steps), key=method)


def working(terms: PlanTerms, e: Estimate) -> list[WorkingLine]:
    """Every fee line of an estimate with its formula and inputs, then the total."""
    profile = e.profile
    n = profile.months
    lines = [_method_line(terms, e, m) for m in profile.used_methods]
    assert e.settlement_fees is not None and e.total is not None
    if profile.instant_settlement:
        monthly = (
            profile.monthly_volume * terms.instant_percent / 100
            + profile.settlements_per_month * terms.instant_fixed
        )
        lines.append(
            WorkingLine(
                _("Instant settlement"),
                e.settlement_fees,
                (
                    _(
                        "%(volume)s 元 × %(percent)s + %(spm)s settlements × %(fixed)s 元 "
                        "= %(monthly)s 元 a month × %(months)s months"
                    )
                    % {
                        "volume": money(profile.monthly_volume),
                        "percent": percent(terms.instant_percent),
                        "spm": profile.settlements_per_month,
                        "fixed": money(terms.instant_fixed),
                        "monthly": money(monthly),
                        "months": n,
                    },
                ),
                key="instant",
            )
        )
    else:
        lines.append(WorkingLine(_("Settlement"), ZERO, (_("T+1 settlement costs nothing."),)))
    cost = e.months
    if terms.monthly_fee:
        waived = cost[0].monthly_fee == 0
        if waived:
            step = _("%(fee)s 元 a month, waived: your volume reaches %(limit)s 元 a month") % {
                "fee": money(terms.monthly_fee),
                "limit": money(terms.monthly_fee_waived_at or ZERO),
            }
        else:
            step = _("%(fee)s 元 × %(months)s months") % {
                "fee": money(terms.monthly_fee),
                "months": n,
            }
            if terms.monthly_fee_waived_at is not None:
                step += (
                    " ("
                    + _("waived from %(limit)s 元 a month")
                    % {"limit": money(terms.monthly_fee_waived_at)}
                    + ")"
                )
        total = sum((c.monthly_fee for c in cost), ZERO)
        lines.append(WorkingLine(_("Monthly fee"), total, (step,), key="monthly"))
    if terms.annual_fee:
        charged = [c.month for c in cost if c.annual_fee]
        lines.append(
            WorkingLine(
                _("Annual fee"),
                sum((c.annual_fee for c in cost), ZERO),
                (
                    _("%(fee)s 元 × %(count)s (in %(when)s)")
                    % {
                        "fee": money(terms.annual_fee),
                        "count": len(charged),
                        "when": list_text([months_text(m, m) for m in charged]),
                    },
                ),
                key="annual",
            )
        )
    if terms.sim_fee_annual:
        charged = [c.month for c in cost if c.sim_fee]
        if charged:
            step = _("%(fee)s 元 a year × %(count)s (in %(when)s)") % {
                "fee": money(terms.sim_fee_annual),
                "count": len(charged),
                "when": list_text([months_text(m, m) for m in charged]),
            }
        else:
            step = _("%(fee)s 元 a year, nothing to pay within your %(months)s months") % {
                "fee": money(terms.sim_fee_annual),
                "months": n,
            }
        if terms.sim_free_months:
            step += " · " + ngettext(
                "the first month is free",
                "the first %(free)s months are free",
                terms.sim_free_months,
            ) % {"free": terms.sim_free_months}
        lines.append(
            WorkingLine(
                _("SIM / data fee"), sum((c.sim_fee for c in cost), ZERO), (step,), key="sim"
            )
        )
    if terms.device_price:
        lines.append(
            WorkingLine(
                _("Device"),
                round2(terms.device_price),
                (_("Paid once, in month 1."),),
                key="device",
            )
        )
    if terms.deposit:
        lines.append(_deposit_line(terms, e))
    lines.append(WorkingLine(_("Total over %(months)s months") % {"months": n}, e.total))
    return lines


def _deposit_line(terms: PlanTerms, e: Estimate) -> WorkingLine:
    volume = e.profile.monthly_volume
    deposit = money(terms.deposit)
    if terms.deposit_refund_volume is None or terms.deposit_refund_days is None:
        step = _("%(deposit)s 元 paid in month 1; this plan never refunds it.") % {
            "deposit": deposit
        }
        return WorkingLine(_("Deposit"), round2(terms.deposit), (step,), key="deposit")
    reach = volume * terms.deposit_refund_days / 30
    condition = _(
        "Refunded when %(needed)s 元 is reached within %(days)s days; "
        "you reach %(volume)s 元 × %(days)s ÷ 30 = %(reach)s 元"
    ) % {
        "needed": money(terms.deposit_refund_volume),
        "days": terms.deposit_refund_days,
        "volume": money(volume),
        "reach": money(reach),
    }
    if e.deposit_refunded:
        outcome = _("%(deposit)s 元 paid in month 1, back in month %(month)s.") % {
            "deposit": deposit,
            "month": e.deposit_refund_month,
        }
        return WorkingLine(_("Deposit"), ZERO, (condition, outcome), key="deposit")
    if e.deposit_refund_month is not None:
        outcome = _(
            "It would come back in month %(month)s, after your %(months)s months: counted as paid."
        ) % {"month": e.deposit_refund_month, "months": e.profile.months}
    else:
        outcome = _("Not reached: the %(deposit)s 元 is not refunded.") % {"deposit": deposit}
    return WorkingLine(_("Deposit"), round2(terms.deposit), (condition, outcome), key="deposit")


# ---------------------------------------------------------------------- the ranking


def product_title(product: Product) -> str:
    """Brand and product, without saying the brand twice ("拉卡拉 拉卡拉 码牌")."""
    brand, name = product.brand.display_name, product.display_name
    return name if name.lower().startswith(brand.lower()) else f"{brand} {name}"


def plan_label(plan: Plan) -> str:
    return f"{product_title(plan.product)} · {plan.display_name}"


def _terms(plan: Plan, known: Mapping[int, PlanTerms] | None) -> PlanTerms:
    """The plan's engine terms: from ``known`` (converted once, ``selectors.ranking_plans``)
    when given there, else converted now."""
    found = known.get(plan.pk) if known else None
    return found if found is not None else plan_terms(plan)


def ranking_build(
    *,
    plans: Sequence[Plan],
    profile: Profile,
    rise: RateRise | None = None,
    pins: Collection[int] = (),
    chart_cheapest: int = CHART_CHEAPEST,
    terms: Mapping[int, PlanTerms] | None = None,
    working_for: int | None = None,
    offer: Offer | None = None,
) -> Ranking:
    """Price ``plans`` (product, brand and rates already loaded) for ``profile``.

    ``terms`` (plan pk → engine terms) saves converting the plans again; the working (each fee
    line with its formula) is written out for the plan ``working_for`` only — the others load
    theirs when opened (``plan_working``).

    Rows come cheapest first (by the total without any rise); plans that cannot serve the
    merchant are listed apart with the reason. The chart shows the ``chart_cheapest`` cheapest
    plans and the pinned ones — with the rise applied when a stress test is asked for.
    """
    by_key = {plan.pk: plan for plan in plans}
    rows: list[RankedPlan] = []
    unsupported: list[UnsupportedPlan] = []
    priced: list[tuple[PlanTerms, Estimate]] = []
    for plan in plans:
        plan_t = _terms(plan, terms)
        e = estimate(plan_t, profile)
        if e.supported:
            priced.append((plan_t, e))
        else:
            unsupported.append(UnsupportedPlan(plan, unsupported_reasons(e.unsupported)))
    # Sourced plans first among equal totals; pure estimates identical in every figure become one
    # "market typical" entry per kind.
    priced.sort(key=lambda pair: (pair[1].total or ZERO, LABEL_ORDER[by_key[pair[0].key].label]))
    priced, stands_for = typical_groups(priced, by_key)
    for position, (plan_t, e) in enumerate(priced, start=1):
        risen = estimate(rise.apply(plan_t), profile) if rise is not None else None
        rows.append(
            RankedPlan(
                position=position,
                plan=by_key[plan_t.key],
                estimate=e,
                deposit_text=deposit_text(plan_t, e),
                working=with_marks(by_key[plan_t.key], plan_t, working(plan_t, e))
                if plan_t.key == working_for
                else [],
                risen=risen,
                estimated_share=marks.estimated_share(by_key[plan_t.key], plan_t, e),
                limit_warnings=limit_warnings(plan_t, profile),
                stands_for=stands_for.get(plan_t.key, []),
                pinned=plan_t.key in pins
                or any(p.pk in pins for p in stands_for.get(plan_t.key, [])),
            )
        )
    ranking = Ranking(
        profile=profile,
        rise=rise,
        rows=rows,
        unsupported=unsupported,
        pins=tuple(p for p in pins if p in by_key),
    )
    if rise is not None and rows:
        ranking.cheapest_if_risen = min(
            rows, key=lambda r: (r.risen.total or ZERO) if r.risen else ZERO
        )
    charted = rows[:chart_cheapest] + [r for r in rows[chart_cheapest:] if r.pinned]
    lines: list[tuple[Any, str, Estimate]] = [
        (r.plan.pk, plan_label(r.plan), r.risen if r.risen is not None else r.estimate)
        for r in charted
    ]
    if offer is not None:
        ranking.offer = offer_row(
            offer,
            profile=profile,
            rise=rise,
            market=[t for t, _e in priced] + [_terms(u.plan, terms) for u in unsupported],
            ranked=[(plan_label(r.plan), r.estimate) for r in rows],
        )
        o = ranking.offer
        lines.insert(0, (OFFER_KEY, offer.label, o.risen if o.risen is not None else o.estimate))
    chart = cumulative_chart(lines)
    if chart is not None:
        drawn = {s.key: s for s in chart.series}
        for row in charted:
            row.series = drawn.get(row.plan.pk)
        if ranking.offer is not None:
            ranking.offer.series = drawn.get(OFFER_KEY)
    ranking.chart = chart
    ranking.chart_rows = charted
    return ranking


def plan_working(
    plan: Plan, profile: Profile, terms: PlanTerms | None = None
) -> list[WorkingLine] | None:
    """The working of one plan for ``profile``; None when the plan cannot serve it."""
    plan_t = terms if terms is not None else plan_terms(plan)
    e = estimate(plan_t, profile)
    return with_marks(plan, plan_t, working(plan_t, e)) if e.supported else None


def with_marks(plan: Plan, terms: PlanTerms, lines: list[WorkingLine]) -> list[WorkingLine]:
    """The working's lines with the provenance mark of every figure each line uses."""
    if not plan.provenance:
        return lines
    out = []
    for line in lines:
        found: list[Mark] = []
        if line.key in terms.rates:
            rate = terms.rates[line.key]
            keys = [rate_figure_key(line.key, n) for n in marks.rate_figures(rate, line.key)]
            promo = terms.promo_rates.get(line.key)
            if promo is not None:
                keys += [
                    rate_figure_key(line.key, n, is_promo=True)
                    for n in marks.rate_figures(promo, line.key)
                ]
            found = marks.figure_marks(plan.provenance, keys)
        elif line.key:
            found = marks.line_marks(plan, line.key)
        out.append(dataclasses.replace(line, marks=tuple(found)) if found else line)
    return out


def top_plans(
    *,
    plans: Sequence[Plan],
    profile: Profile,
    count: int = 3,
    terms: Mapping[int, PlanTerms] | None = None,
) -> list[RankedPlan]:
    """The ``count`` cheapest plans (the home page's quick estimate)."""
    by_key = {plan.pk: plan for plan in plans}
    priced = []
    for plan in plans:
        plan_t = _terms(plan, terms)
        e = estimate(plan_t, profile)
        if e.supported:
            priced.append((plan_t, e))
    priced.sort(key=lambda pair: (pair[1].total or ZERO, LABEL_ORDER[by_key[pair[0].key].label]))
    priced, stands_for = typical_groups(priced, by_key)
    return [
        RankedPlan(
            position=i,
            plan=by_key[plan_t.key],
            estimate=e,
            deposit_text=deposit_text(plan_t, e),
            working=[],
            stands_for=stands_for.get(plan_t.key, []),
        )
        for i, (plan_t, e) in enumerate(priced[:count], start=1)
    ]
