"""The audit of a statement's fees (pure Python: no Django, no database).

Each finding has a stable code (the page's ``data-finding``), the method concerned, the dates,
the payments concerned and an amount in 元; ``params`` carry the figures its sentence needs
(the page and the JSON write the sentence, in the reader's language).

* ``fixed_fee`` — a constant extra amount on every payment of a method (the hidden "+3"): the
  fee is fitted as ``A·r + f`` (medians of the small and large halves), and f ≥ 0.10 元 found on
  at least 80 % of the payments is reported; the rate checks below then look at ``fee − f``.
* ``rate_change`` — a method's charged rate (fee ÷ amount, payments of 100 元 or more, where fee
  rounding moves the rate by at most 0.005 points) changes from a day on: the day that splits
  the payments into a before and an after charged one rate each with the fewest misfits (at
  most 20 % of them). The
  amount is what was paid since above the old rate.
* ``above_contract`` — with the merchant's contract (the offer in the link), payments charged
  more than its terms give for them (the engine's rule 1), and by how much in all.
* ``cap_not_applied`` — debit payments charged more than the cap (the contract's, else 25 元:
  the highest merchant debit cap observed, market-facts.md §2.1).
* ``small_amount`` — 云闪付/闪付 payments of at most 1,000 元 charged more than the small-amount
  rate (the contract's, else 0.38 %).
* ``below_cost_floor`` — card payments charged under the regulatory cost floor
  (``catalog.regulation``: the acquirer loses on each, so the rate will rise — or 跳码).
* ``merchant_number`` — payments sent under more than one merchant number, or an MCC (digits
  8–11 of the 15-digit number) that changes: the 跳码 sign.
* ``deduction`` — fee rows (SIM, service, membership, deposit), per label, with repeats.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from calculator.engine import PlanTerms, Rate, round2
from statements.readers.base import Deduction, Payment

SMALL_LIMIT = 100000  # fen: 1,000 元
MARKET_DEBIT_CAP = Decimal("25")
SMALL_RATE = Decimal("0.38")
CREDIT_FLOOR = Decimal("0.4825")  # catalog.regulation (kept equal by a test)
DEBIT_FLOOR = Decimal("0.34425")
DEBIT_COST_CAP = Decimal("16.25")
RATE_SAMPLE = 10000  # fen: payments of 100 元 or more tell the rate
SHARE = 0.8
CODES = (
    "rate_change",
    "fixed_fee",
    "above_contract",
    "cap_not_applied",
    "small_amount",
    "below_cost_floor",
    "merchant_number",
    "deduction",
)


@dataclass(frozen=True)
class Finding:
    code: str
    method: str | None
    date_from: dt.date
    date_to: dt.date
    payments: int
    amount: Decimal  # 元
    params: dict[str, Any] = field(default_factory=dict)


def yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def _fen(value: Decimal) -> int:
    return int(round2(value).scaleb(2))


def _bp(fee: int, amount: int) -> int:
    """Charged rate in hundredths of a percent (0.38 % → 38), rounded half up."""
    return (fee * 10000 * 2 + amount) // (2 * amount)


def _span(items: Sequence[Payment]) -> tuple[dt.date, dt.date]:
    return items[0].time.date(), items[-1].time.date()


def _fixed_fee(method: str, pays: Sequence[Payment]) -> tuple[int, Finding | None]:
    """The constant extra fee (fen) on a method's payments, and its finding."""
    sample = sorted((p for p in pays if p.fee is not None), key=lambda p: p.amount)
    if len(sample) < 4 or sample[-1].amount < 2 * sample[0].amount:
        return 0, None
    half = len(sample) // 2
    low, high = sample[: half // 2 + 1], sample[-(half // 2 + 1) :]
    a1 = sorted(p.amount for p in low)[len(low) // 2]
    f1 = sorted(p.fee or 0 for p in low)[len(low) // 2]
    a2 = sorted(p.amount for p in high)[len(high) // 2]
    f2 = sorted(p.fee or 0 for p in high)[len(high) // 2]
    if a2 == a1:
        return 0, None
    rate = Decimal(f2 - f1) / Decimal(a2 - a1)
    extra = Counter((p.fee or 0) - int((p.amount * rate).to_integral_value()) for p in sample)
    value, _n = extra.most_common(1)[0]
    near = sum(n for v, n in extra.items() if abs(v - value) <= 1)
    if value < 10 or near < SHARE * len(sample):
        return 0, None
    hits = [p for p in pays if p.fee is not None and p.fee >= value]
    start, end = _span(hits)
    finding = Finding(
        "fixed_fee",
        method,
        start,
        end,
        len(hits),
        yuan(value * len(hits)),
        {"fixed": yuan(value), "rate": round(rate * 100, 4)},
    )
    return value, finding


def _rate_change(method: str, pays: Sequence[Payment], fixed: int) -> Finding | None:
    sample = [p for p in pays if p.fee is not None and p.amount >= RATE_SAMPLE]
    if len(sample) < 4:
        return None
    days: dict[dt.date, Counter[int]] = defaultdict(Counter)
    for p in sample:
        days[p.time.date()][_bp((p.fee or 0) - fixed, p.amount)] += 1
    order = sorted(days)
    before: Counter[int] = Counter()
    after: Counter[int] = Counter()
    for day in order:
        after.update(days[day])
    best: tuple[int, dt.date, int, int] | None = None
    total = len(sample)
    for day in order[:-1]:
        before.update(days[day])
        after.subtract(days[day])
        old, n_old = before.most_common(1)[0]
        new, n_new = max(after.items(), key=lambda kv: kv[1])
        if old == new:
            continue
        n_before = sum(before.values())
        misfits = (n_before - n_old) + (total - n_before - n_new)
        if best is None or misfits < best[0]:
            best = (misfits, day, old, new)
    if best is None or best[0] > (1 - SHARE) * total:
        return None
    _misfits, day, old, new = best
    since = next(d for d in order if d > day)
    return _rate_change_finding(method, pays, fixed, old, new, since)


def _rate_change_finding(
    method: str, pays: Sequence[Payment], fixed: int, old: int, new: int, since: dt.date
) -> Finding:
    later = [p for p in pays if p.fee is not None and p.time.date() >= since]
    old_rate = Decimal(old).scaleb(-2)
    extra = sum(
        (p.fee or 0) - fixed - _fen(Decimal(p.amount) * old_rate / 100 / 100) for p in later
    )
    return Finding(
        "rate_change",
        method,
        since,
        later[-1].time.date(),
        len(later),
        yuan(max(extra, 0)),
        {"old": old_rate, "new": Decimal(new).scaleb(-2)},
    )


def _fee_of(rate: Rate, amount: int) -> int:
    return _fen(rate.fee(yuan(amount)))


def _over(
    code: str,
    method: str,
    items: Iterable[tuple[Payment, int]],
    params: dict[str, Any],
) -> Finding | None:
    """One finding for payments charged more than ``expected`` (fen)."""
    hits = [(p, expected) for p, expected in items if (p.fee or 0) > expected]
    if not hits:
        return None
    start, end = hits[0][0].time.date(), hits[-1][0].time.date()
    amount = sum((p.fee or 0) - expected for p, expected in hits)
    return Finding(code, method, start, end, len(hits), yuan(amount), params)


def _month(start: tuple[int, int], day: dt.date) -> int:
    return (day.year - start[0]) * 12 + day.month - start[1] + 1


def audit(
    payments: Sequence[Payment],
    deductions: Sequence[Deduction] = (),
    *,
    contract: PlanTerms | None = None,
) -> list[Finding]:
    """The findings on a statement's payments (in time order) and fee rows."""
    found: list[Finding] = []
    pays = sorted(payments, key=lambda p: p.time)
    by_method: dict[str, list[Payment]] = defaultdict(list)
    for p in pays:
        by_method[p.method].append(p)
    with_fee = any(p.fee is not None for p in pays)
    start = (pays[0].time.year, pays[0].time.month) if pays else (1, 1)
    for method, items in by_method.items():
        if not with_fee:
            break
        fixed, finding = _fixed_fee(method, items)
        if finding:
            found.append(finding)
        change = _rate_change(method, items, fixed)
        if change:
            found.append(change)
        charged = [p for p in items if p.fee is not None]
        if contract is not None:
            month_rates = [
                (p, contract.rate_in_month(method, _month(start, p.time.date()))) for p in charged
            ]
            if all(rate is not None for _p, rate in month_rates):
                over = _over(
                    "above_contract",
                    method,
                    ((p, _fee_of(rate, p.amount)) for p, rate in month_rates if rate),
                    {},
                )
                if over:
                    found.append(over)
        own = contract.rates.get(method) if contract is not None else None
        if method == "debit_card":
            cap = own.cap if own is not None and own.cap is not None else MARKET_DEBIT_CAP
            capped = _over(
                "cap_not_applied",
                method,
                ((p, _fen(cap) + fixed) for p in charged),
                {"cap": cap},
            )
            if capped:
                found.append(capped)
        if method in ("unionpay_qr", "contactless"):
            rate = own.percent if own is not None else SMALL_RATE
            small = _over(
                "small_amount",
                method,
                (
                    (p, _fen(Decimal(p.amount) * rate / 10000) + fixed)
                    for p in charged
                    if p.amount <= SMALL_LIMIT
                ),
                {"rate": rate},
            )
            if small:
                found.append(small)
        if method in ("debit_card", "credit_card"):
            floor = DEBIT_FLOOR if method == "debit_card" else CREDIT_FLOOR
            under = []
            gap = 0
            for p in charged:
                cost = Decimal(p.amount) * floor / 100  # fen
                if method == "debit_card":
                    cost = min(cost, DEBIT_COST_CAP * 100)
                # Below the floor by more than the fee's rounding.
                if Decimal((p.fee or 0) - fixed) + Decimal("0.5") < cost:
                    under.append(p)
                    gap += int(cost) - ((p.fee or 0) - fixed)
            if under:
                found.append(
                    Finding(
                        "below_cost_floor",
                        method,
                        under[0].time.date(),
                        under[-1].time.date(),
                        len(under),
                        yuan(gap),
                        {"floor": floor},
                    )
                )
    found.extend(_merchant_numbers(pays))
    found.extend(_deductions(deductions))
    return found


def _merchant_numbers(pays: Sequence[Payment]) -> list[Finding]:
    numbers = Counter(p.merchant for p in pays if p.merchant)
    if len(numbers) < 2:
        return []
    main = numbers.most_common(1)[0][0]
    mcc = main[7:11] if len(main) == 15 and main.isdigit() else None
    others = [p for p in pays if p.merchant and p.merchant != main]
    mccs = sorted(
        {p.merchant[7:11] for p in others if len(p.merchant) == 15 and p.merchant.isdigit()}
        - ({mcc} if mcc else set())
    )
    start, end = _span(others)
    return [
        Finding(
            "merchant_number",
            None,
            start,
            end,
            len(others),
            yuan(sum(p.amount for p in others)),
            {
                "main": main,
                "others": sorted(set(p.merchant for p in others)),
                "mcc": mcc,
                "other_mccs": mccs,
            },
        )
    ]


def _deductions(rows: Sequence[Deduction]) -> list[Finding]:
    by_label: dict[str, list[Deduction]] = defaultdict(list)
    for row in sorted(rows, key=lambda d: d.time):
        by_label[row.label or "—"].append(row)
    return [
        Finding(
            "deduction",
            None,
            items[0].time.date(),
            items[-1].time.date(),
            len(items),
            yuan(sum(d.amount for d in items)),
            {
                "label": label,
                "repeated": len(items) > 1,
                "dates": [d.time.date() for d in items][:12],
            },
        )
        for label, items in by_label.items()
    ]
