"""The statement check-up: an uploaded file read in memory, described, priced under every plan in
force and audited. Nothing of the file is kept: the rows live only while the request does; what
``result_token`` signs for a link is the aggregates and the findings, never a row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calculator.engine import (
    METHODS,
    PlanTerms,
    StatementEstimate,
    Transactions,
    price_statement,
    rank_statement,
    round2,
    round_rate,
    transactions,
)
from calculator.offer import Offer
from calculator.ranking import method_label, plan_label
from catalog.models import Plan
from core.measured import measured_token
from statements import audit
from statements.files import rows_of
from statements.readers import ReadError, Statement, read

HUNDRED = Decimal(100)
BUCKETS = (50, 100, 200, 500, 1000, 2000, 5000, 10000)  # 元: upper bounds of the histogram
DEFAULT_DEBIT_RATE = Decimal("0.5")
DEFAULT_DEBIT_CAP = Decimal("20")
SIGNING_SALT = "statements.result"
MAX_MONTHS = 120  # a statement of more than 10 years is a mistake in its dates
CARD_NUMBER = re.compile(r"\d[\d ]{11,22}\d")

MESSAGES: Mapping[str, Any] = {
    "empty": gettext_lazy("The file is empty."),
    "not_table": gettext_lazy(
        "This is not a CSV or XLSX file, or it is damaged. Download the statement again as CSV or "
        "XLSX (or the zip an Alipay bill comes in)."
    ),
    "encoding": gettext_lazy(
        "The file's text could not be read: expected UTF-8 or GBK/GB18030. Download it again "
        "and do not re-save it in Excel."
    ),
    "no_header": gettext_lazy(
        "No header row with a time column and an amount column was found in the first 60 rows. "
        "Say below which column is which."
    ),
    "bad_amount": gettext_lazy(
        "Row %(row)s, column “%(column)s”: “%(value)s” is not an amount. Expected a number such "
        "as 128.50. Do not re-save the file in Excel."
    ),
    "bad_date": gettext_lazy(
        "Row %(row)s, column “%(column)s”: “%(value)s” is not a date and time. Expected e.g. "
        "2026-01-05 10:21:00. Do not re-save the file in Excel."
    ),
    "formula": gettext_lazy(
        "Row %(row)s, column %(column)s holds a formula. A statement holds values only: download "
        "it again from the app and do not re-save it in Excel."
    ),
    "cell_too_long": gettext_lazy(
        "Row %(row)s has a cell of more than 10,000 characters: this is not a statement."
    ),
    "too_many_rows": gettext_lazy(
        "The file has more than 200,000 rows. Split it by month and check each part."
    ),
    "too_big": gettext_lazy(
        "The file is larger than 20 MB. Split it by month and check each part."
    ),
    "zip_bomb": gettext_lazy(
        "The zip file unpacks to far more than a statement can be. Upload the CSV inside it."
    ),
    "mapping_incomplete": gettext_lazy("Pick at least the time column and the amount column."),
    "no_payments": gettext_lazy("No successful payment was found in the file."),
    "span": gettext_lazy(
        "The payments in this file span more than 10 years: check the dates, or split the file."
    ),
    "methods_unknown": gettext_lazy(
        "The payment methods in this file could not be told: say below what each value means."
    ),
}


class MethodsUnknown(ReadError):
    """Every payment has a method value the readers cannot tell: the merchant assigns them."""

    def __init__(self, unknown: Mapping[str, int]) -> None:
        super().__init__("methods_unknown")
        self.unknown = dict(unknown)


def mask(text: str) -> str:
    """Card numbers (12–19 digits) never echoed: all but the last four digits hidden."""
    return CARD_NUMBER.sub(lambda m: "••••" + re.sub(r"\D", "", m.group())[-4:], text)


def error_message(error: ReadError) -> str:
    message = MESSAGES.get(error.code, MESSAGES["not_table"])
    params = {"row": error.row, "column": error.column or "", "value": mask(error.value)}
    return str(message) % params if "%(" in str(message) else str(message)


@dataclass(frozen=True)
class Month:
    month: str  # "2026-01"
    volume: Decimal
    payments: int
    by_method: Mapping[str, Decimal]
    paid: Decimal | None

    @property
    def rate(self) -> Decimal | None:
        """The month's effective rate charged (fees ÷ volume, percent)."""
        if self.paid is None or not self.volume:
            return None
        return round_rate(self.paid * HUNDRED / self.volume)


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    label: str
    estimate: StatementEstimate
    saving: Decimal | None  # paid − plan total (positive: the plan would have cost less)
    refused: int = 0  # payments above the plan's largest single payment for their method

    @property
    def other_fees(self) -> Decimal:
        """Everything but the transaction fees: settlement, recurring, device and deposit."""
        e = self.estimate
        return (e.total or Decimal(0)) - (e.transaction_fees or Decimal(0))


@dataclass(frozen=True)
class FindingRow:
    finding: audit.Finding
    detail: str
    method_label: str


MAX_REPORTED_RATE = Decimal(5)  # what a fee report takes (catalog.models.MAX_RATE)


@dataclass
class Analysis:
    layout: str
    rows: int
    left_out: Mapping[str, int]
    unknown_methods: Mapping[str, int]
    months: list[Month]
    methods: list[dict[str, Any]]
    payments: int
    volume: Decimal
    histogram: list[dict[str, Any]]
    share_above_break: Decimal
    break_point: Decimal
    share_above_1000: Decimal
    busiest: list[dict[str, Any]]
    plans: list[PlanRow]
    unsupported: int
    paid: dict[str, Any] | None
    findings: list[FindingRow]
    profile_query: str
    columns: Mapping[str, str] = field(default_factory=dict)
    deductions_total: Decimal = Decimal(0)

    @property
    def report_token(self) -> str:
        """The rate charged per method (fees ÷ volume), signed for the fee report form: a
        report from this check-up is "measured" (evidence T2) and keeps nothing of the file.
        Empty without a fee column; a rate above 5 % (fixed fees on small payments) is left out."""
        rates = {
            m["method"]: m["rate"]
            for m in self.methods
            if m["rate"] is not None and m["rate"] <= MAX_REPORTED_RATE
        }
        return measured_token(rates) if rates else ""


def refused_payments(plan: PlanTerms, pays: Sequence[Any]) -> int:
    """How many payments the plan's terminal would have refused: above its largest single
    payment for their method (e.g. 单笔1000元 on debit cards). One pass, only for plans with
    such a limit."""
    limits = {
        m: int(rate.max_amount * 100)
        for m, rate in plan.rates.items()
        if rate.max_amount is not None
    }
    if not limits:
        return 0
    return sum(1 for p in pays if p.method in limits and p.amount > limits[p.method])


def yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def _share(part: int, whole: int) -> Decimal:
    return round_rate(Decimal(part) * HUNDRED / whole) if whole else Decimal(0)


def mix_percents(volumes: Mapping[str, int]) -> dict[str, Decimal]:
    """Shares of volume in percent with two decimals, summing to exactly 100 (largest
    remainder), as the profile link's ``mix_<method>`` fields need."""
    total = sum(volumes.values())
    exact = {m: Decimal(v) * HUNDRED / total for m, v in volumes.items() if v}
    down = {m: e.quantize(Decimal("0.01"), rounding=ROUND_DOWN) for m, e in exact.items()}
    left = int((HUNDRED - sum(down.values())) / Decimal("0.01"))
    for m in sorted(exact, key=lambda m: exact[m] - down[m], reverse=True)[:left]:
        down[m] += Decimal("0.01")
    return down


def _profile_query(tx: Transactions, by_method: Mapping[str, list[int]]) -> str:
    from urllib.parse import urlencode

    volume = round2(yuan(tx.total_volume) / tx.months)
    pairs: list[tuple[str, str]] = [("volume", f"{volume:f}")]
    count = sum(len(v) for v in by_method.values())
    pairs.append(("ticket", f"{round2(yuan(tx.total_volume) / count):f}"))
    pairs.append(("months", str(min(max(tx.months, 1), 60))))
    pairs.append(("preset", "custom"))
    mix = mix_percents({m: sum(v) for m, v in by_method.items()})
    pairs.extend((f"mix_{m}", f"{p.normalize():f}") for m, p in mix.items())
    for m, amounts in by_method.items():
        ticket = max(round2(yuan(sum(amounts)) / len(amounts)), Decimal("0.01"))
        pairs.append((f"ticket_{m}", f"{ticket:f}"))
    return urlencode(pairs)


def finding_detail(f: audit.Finding) -> str:
    p = f.params
    if f.code == "rate_change":
        return _(
            "The charged rate went from %(old)s %% to %(new)s %% on %(date)s; %(amount)s 元 more "
            "was paid on %(n)s payments since than at the old rate."
        ) % {
            "old": p["old"],
            "new": p["new"],
            "date": f.date_from,
            "amount": f.amount,
            "n": f.payments,
        }
    if f.code == "fixed_fee":
        return _(
            "Every payment carries %(fixed)s 元 on top of the rate (%(n)s payments, %(amount)s 元 "
            "in all): worked out as fee = amount × rate + fixed."
        ) % {"fixed": p["fixed"], "n": f.payments, "amount": f.amount}
    if f.code == "above_contract":
        return _(
            "%(n)s payments were charged more than your contract gives: %(amount)s 元 overcharged "
            "(each payment's fee by the contract's terms, compared with the fee charged)."
        ) % {"n": f.payments, "amount": f.amount}
    if f.code == "cap_not_applied":
        return _(
            "%(n)s debit card payments were charged more than the %(cap)s 元 cap: %(amount)s 元 "
            "above it."
        ) % {"n": f.payments, "cap": p["cap"], "amount": f.amount}
    if f.code == "small_amount":
        return _(
            "%(n)s payments of at most 1,000 元 were charged more than the small-amount rate of "
            "%(rate)s %%: %(amount)s 元 above it."
        ) % {"n": f.payments, "rate": p["rate"], "amount": f.amount}
    if f.code == "below_cost_floor":
        return _(
            "%(n)s card payments were charged under the regulatory cost floor of %(floor)s %% "
            "(%(amount)s 元 under it): the acquirer loses on them, so expect a rise — or the "
            "payments are sent under another merchant category (跳码)."
        ) % {"n": f.payments, "floor": p["floor"], "amount": f.amount}
    if f.code == "merchant_number":
        text = _(
            "%(n)s payments (%(amount)s 元) were sent under another merchant number than your "
            "own (%(main)s): %(others)s."
        ) % {
            "n": f.payments,
            "amount": f.amount,
            "main": p["main"],
            "others": ", ".join(p["others"][:5]),
        }
        if p.get("other_mccs"):
            text += " " + _("Merchant category (MCC) %(mcc)s became %(others)s: the 跳码 sign.") % {
                "mcc": p.get("mcc") or "?",
                "others": ", ".join(p["other_mccs"]),
            }
        return text
    if f.code == "deduction":
        text = _("“%(label)s” taken %(n)s times, %(amount)s 元 in all (%(dates)s).") % {
            "label": mask(p["label"]),
            "n": f.payments,
            "amount": f.amount,
            "dates": ", ".join(d.isoformat() for d in p["dates"]),
        }
        if p.get("repeated"):
            text += " " + _("It repeats: ask what it is for and whether it was agreed.")
        return text
    return ""


def analyse(
    data: bytes,
    *,
    plans: Sequence[Plan],
    terms: Mapping[int, PlanTerms],
    offer: Offer | None = None,
    instant: bool = False,
    mapping: Mapping[str, int] | None = None,
    units: Mapping[str, str] | None = None,
    header_row: int | None = None,
    assign: Mapping[str, str] | None = None,
) -> Analysis:
    """Read, describe, price and audit one statement file (raises ``ReadError``)."""
    rows = rows_of(data)
    st = read(rows, mapping=mapping, units=units, header_row=header_row, assign=assign)
    del rows, data
    if not st.payments:
        if st.unknown_methods:
            raise MethodsUnknown({mask(k): v for k, v in st.unknown_methods.items()})
        raise ReadError("no_payments")
    return describe(st, plans=plans, terms=terms, offer=offer, instant=instant)


def describe(
    st: Statement,
    *,
    plans: Sequence[Plan],
    terms: Mapping[int, PlanTerms],
    offer: Offer | None = None,
    instant: bool = False,
) -> Analysis:
    pays = st.payments
    first_day = min(p.time for p in pays)
    last_day = max(p.time for p in pays)
    if (last_day.year - first_day.year) * 12 + last_day.month - first_day.month >= MAX_MONTHS:
        raise ReadError("span")
    tx = transactions((p.time, p.amount, p.method) for p in pays)
    first = dt.date(tx.start[0], tx.start[1], 1)

    def month_name(i: int) -> str:
        y, m = divmod(first.month - 1 + i, 12)
        return f"{first.year + y:04d}-{m + 1:02d}"

    by_month_method: dict[int, Counter[str]] = defaultdict(Counter)
    paid_month: Counter[int] = Counter()
    paid_method: Counter[str] = Counter()
    by_method: dict[str, list[int]] = defaultdict(list)
    hist = [0] * (len(BUCKETS) + 1)
    per_day: Counter[dt.date] = Counter()
    per_day_n: Counter[dt.date] = Counter()
    has_fee = st.has_fee and any(p.fee is not None for p in pays)
    debit_rate, debit_cap = DEFAULT_DEBIT_RATE, DEFAULT_DEBIT_CAP
    if offer is not None and (own := offer.terms.rates.get("debit_card")) and own.cap:
        debit_rate, debit_cap = own.percent or DEFAULT_DEBIT_RATE, own.cap
    break_point = round2(debit_cap * HUNDRED / debit_rate)
    break_fen = int(break_point * 100)
    above_break = above_1000 = 0
    for p in pays:
        i = tx.month_of(p.time.date()) - 1
        by_month_method[i][p.method] += p.amount
        by_method[p.method].append(p.amount)
        if p.fee is not None:
            paid_month[i] += p.fee
            paid_method[p.method] += p.fee
        y = p.amount // 100
        hist[next((k for k, b in enumerate(BUCKETS) if y < b), len(BUCKETS))] += 1
        above_break += p.amount > break_fen
        above_1000 += p.amount > 100000
        per_day[p.time.date()] += p.amount
        per_day_n[p.time.date()] += 1
    n = len(pays)
    months = [
        Month(
            month=month_name(i),
            volume=yuan(tx.volume[i]),
            payments=tx.payments[i],
            by_method={m: yuan(v) for m, v in sorted(by_month_method[i].items())},
            paid=yuan(paid_month[i]) if has_fee else None,
        )
        for i in range(tx.months)
    ]
    methods = [
        {
            "method": m,
            "label": method_label(m),
            "volume": yuan(sum(by_method[m])),
            "payments": len(by_method[m]),
            "ticket": round2(yuan(sum(by_method[m])) / len(by_method[m])),
            "paid": yuan(paid_method[m]) if has_fee else None,
            "rate": (
                round_rate(Decimal(paid_method[m]) * HUNDRED / sum(by_method[m]))
                if has_fee
                else None
            ),
        }
        for m in METHODS
        if m in by_method
    ]
    labels = [f"< {BUCKETS[0]:,}"]
    labels += [f"{a:,}–{b:,}" for a, b in zip(BUCKETS, BUCKETS[1:], strict=False)]
    labels.append(f"≥ {BUCKETS[-1]:,}")
    top = max(hist) or 1
    histogram = [
        {"label": label, "payments": c, "share": _share(c, n), "width": c * 100 // top}
        for label, c in zip(labels, hist, strict=True)
    ]
    busiest = [
        {"date": d, "volume": yuan(v), "payments": per_day_n[d]}
        for d, v in sorted(per_day.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    ]
    paid_total = yuan(sum(paid_month.values())) if has_fee else None
    by_pk = {plan.pk: plan for plan in plans}
    ranked = rank_statement(
        [terms[plan.pk] for plan in plans if plan.pk in terms], tx, instant_settlement=instant
    )
    plan_rows = [
        PlanRow(
            plan=by_pk[e.key],
            label=plan_label(by_pk[e.key]),
            estimate=e,
            saving=(paid_total - e.total)
            if paid_total is not None and e.total is not None
            else None,
            refused=refused_payments(terms[e.key], pays),
        )
        for e in ranked
    ]
    contract = offer.terms if offer is not None else None
    found = audit.audit(pays, st.deductions, contract=contract if has_fee else None)
    if not has_fee:
        found = [f for f in found if f.code in ("merchant_number", "deduction")]
    findings = [
        FindingRow(f, finding_detail(f), method_label(f.method) if f.method else "") for f in found
    ]
    paid = None
    if has_fee and paid_total is not None:
        paid = {
            "total": paid_total,
            "by_month": {months[i].month: yuan(v) for i, v in sorted(paid_month.items())},
            "by_method": {m: yuan(v) for m, v in paid_method.items()},
            "rate": round_rate(paid_total * HUNDRED / yuan(tx.total_volume)),
        }
    return Analysis(
        layout=st.layout,
        rows=st.rows,
        left_out=dict(st.left_out),
        unknown_methods={mask(k): v for k, v in st.unknown_methods.items()},
        months=months,
        methods=methods,
        payments=n,
        volume=yuan(tx.total_volume),
        histogram=histogram,
        share_above_break=_share(above_break, n),
        break_point=break_point,
        share_above_1000=_share(above_1000, n),
        busiest=busiest,
        plans=plan_rows,
        unsupported=len(plans) - len(plan_rows),
        paid=paid,
        findings=findings,
        profile_query=_profile_query(tx, by_method),
        columns=st.columns,
        deductions_total=yuan(sum(d.amount for d in st.deductions)),
    )


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{round2(value):f}"


def analysis_json(a: Analysis) -> dict[str, Any]:
    """The JSON of ``POST /api/v1/statements/``: money as decimal strings, dates ISO."""
    return {
        "layout": a.layout,
        "rows": a.rows,
        "left_out": {reason: a.left_out.get(reason, 0) for reason in audit_reasons()},
        "unknown_methods": dict(a.unknown_methods),
        "payments": a.payments,
        "volume": _money(a.volume),
        "months": [
            {
                "month": m.month,
                "volume": _money(m.volume),
                "payments": m.payments,
                "by_method": {k: _money(v) for k, v in m.by_method.items()},
            }
            for m in a.months
        ],
        "plans": [
            {
                "plan": row.label,
                "product": row.plan.product.slug,
                "total": _money(row.estimate.total),
                "transaction_fees": _money(row.estimate.transaction_fees),
                "settlement_fees": _money(row.estimate.settlement_fees),
                "recurring_fees": _money(row.estimate.recurring_fees),
                "one_off": _money(row.estimate.one_off),
                "deposit_refunded": row.estimate.deposit_refunded,
                "per_method": {k: _money(v) for k, v in row.estimate.per_method.items()},
                "saving": _money(row.saving),
                "refused": row.refused,
            }
            for row in a.plans
        ],
        "paid": (
            None
            if a.paid is None
            else {
                "total": _money(a.paid["total"]),
                "by_month": {k: _money(v) for k, v in a.paid["by_month"].items()},
                "by_method": {k: _money(v) for k, v in a.paid["by_method"].items()},
            }
        ),
        "findings": [
            {
                "code": f.finding.code,
                "method": f.finding.method,
                "date_from": f.finding.date_from.isoformat(),
                "date_to": f.finding.date_to.isoformat(),
                "payments": f.finding.payments,
                "amount": _money(f.finding.amount),
                "detail": f.detail,
            }
            for f in a.findings
        ],
        "share_above_1000": f"{a.share_above_1000:f}",
        "profile_query": a.profile_query,
    }


def audit_reasons() -> tuple[str, ...]:
    from statements.readers.base import REASONS

    return REASONS


def result_token(a: Analysis) -> str:
    """The aggregates and findings of an analysis, signed, for the evidence pack's link (no
    row, no reference number: only what ``analysis_json`` reports)."""
    return signing.dumps(analysis_json(a), salt=SIGNING_SALT, compress=True)


def read_token(token: str) -> dict[str, Any] | None:
    try:
        data = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def offer_price(offer: Offer | None, tx: Transactions, instant: bool) -> StatementEstimate | None:
    return price_statement(offer.terms, tx, instant_settlement=instant) if offer else None
