"""Cost-of-ownership engine for payment terminals. Pure Python and Decimal; no Django import.

The rules are DESIGN.md's "Calculator semantics", restated with the names used here.
V = monthly volume, s_m = share of method m, A_m = average ticket of m, N = months.

1. Fee of one transaction of m: ``round2(min(max(A_m·p_m/100, minimum_m or 0), cap_m or ∞)
   + fixed_m)`` where p_m is ``above_percent`` when ``limit`` is set and A_m > limit, else
   ``percent``. In months 1..promo_months a method with an entry in ``promo_rates`` uses it.
   (Extension: ``rate_changes`` replace a method's rate from a given month on — the rate-rise
   stress test; promo rates still win inside the promo months.)
2. Transactions of m per month: ``k_m = V·s_m / A_m`` (exact, fractional).
3. Transaction fees of a month: Σ_m k_m·fee_m. Settlement fees of a month when instant
   settlement is wanted: ``V·instant_percent/100 + settlements_per_month·instant_fixed``.
4. Monthly fee every month unless ``monthly_fee_waived_at`` is set and V ≥ it. Annual fee in
   months 1, 13, 25, … SIM fee in months F+1, F+13, … (F = sim_free_months).
5. Device price and deposit are paid in month 1. The deposit is refunded iff
   ``deposit_refund_volume`` is set and ``V·deposit_refund_days/30 ≥ deposit_refund_volume``;
   it comes back in month ``max(1, ceil(deposit_refund_volume / V))`` — if that month is
   inside the horizon. ``one_off`` = device price + deposit not refunded.
6. ``total`` = sum of all months; ``cumulative[i]`` = sum of months 1..i+1. Only reported
   figures are rounded (0.01 元, ROUND_HALF_UP), each from the exact sum.

A plan that has no rate for a method the merchant uses (share > 0), or no instant settlement
when the merchant wants it, cannot serve the merchant: its estimate is ``supported=False``
with the reasons in ``unsupported`` and no money figures — it is never priced as zero.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cached_property
from types import MappingProxyType
from typing import Any

CENT = Decimal("0.01")
RATE_QUANTUM = Decimal("0.0001")
ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
DAYS_PER_MONTH = Decimal("30")
PRECISION = 60  # digits for the exact arithmetic; results are rounded only when reported

METHODS: tuple[str, ...] = (
    "debit_card",
    "credit_card",
    "wechat",
    "alipay",
    "unionpay_qr",
    "contactless",
)
INSTANT_SETTLEMENT = "instant_settlement"

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def round2(value: Decimal) -> Decimal:
    """Round money to 0.01 元, half up (never Decimal's default half-even)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def round_rate(value: Decimal) -> Decimal:
    """Round a percentage to four decimals, half up."""
    return value.quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def _dec(name: str, value: object, *, optional: bool = False) -> Decimal | None:
    if type(value) is Decimal and value.is_finite():  # the common case, checked first
        return value
    if value is None:
        if optional:
            return None
        raise ValueError(f"{name} is required")
    if isinstance(value, bool | float):
        raise ValueError(f"{name} must be a Decimal (or int), not {type(value).__name__}")
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Decimal):
        raise ValueError(f"{name} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite number")
    return value


def _non_negative(name: str, value: object, *, optional: bool = False) -> Decimal | None:
    if type(value) is Decimal and value.is_finite() and value >= 0:  # the common case
        return value
    d = _dec(name, value, optional=optional)
    if d is not None and d < 0:
        raise ValueError(f"{name} must not be negative (got {d})")
    return d


def _check_method(code: str, where: str) -> None:
    if code not in METHODS:
        raise ValueError(f"unknown payment method {code!r} in {where}")


@dataclass(frozen=True)
class Rate:
    """Price of one payment method: percent of the amount, plus a fixed fee per transaction.

    ``cap``/``minimum`` bound the percentage part of one transaction's fee; ``limit`` with
    ``above_percent`` prices transactions above ``limit`` 元 differently (e.g. 闪付 0.38 % up to
    1,000 元, 0.60 % above).
    """

    percent: Decimal
    fixed: Decimal = ZERO
    cap: Decimal | None = None
    minimum: Decimal | None = None
    limit: Decimal | None = None
    above_percent: Decimal | None = None
    # The largest single payment the terminal accepts for this method (e.g. 单笔1000元); not a
    # price: the estimate only warns when the average payment is above it.
    max_amount: Decimal | None = None

    def __post_init__(self) -> None:
        for name in ("percent", "fixed", "cap", "minimum", "limit", "above_percent", "max_amount"):
            value = getattr(self, name)
            checked = _non_negative(name, value, optional=name not in ("percent", "fixed"))
            if checked is not value:
                object.__setattr__(self, name, checked)
        if (self.limit is None) != (self.above_percent is None):
            raise ValueError("limit and above_percent must be given together")
        if self.cap is not None and self.minimum is not None and self.cap < self.minimum:
            raise ValueError(f"cap {self.cap} is below minimum {self.minimum}")

    def percent_for(self, amount: Decimal) -> Decimal:
        if self.limit is not None and self.above_percent is not None and amount > self.limit:
            return self.above_percent
        return self.percent

    def fee(self, amount: Decimal) -> Decimal:
        """Rule 1: the fee of one transaction of ``amount`` 元, rounded to 0.01 元."""
        with localcontext() as ctx:
            ctx.prec = PRECISION
            variable = amount * self.percent_for(amount) / HUNDRED
            if self.minimum is not None:
                variable = max(variable, self.minimum)
            if self.cap is not None:
                variable = min(variable, self.cap)
            return round2(variable + self.fixed)

    def raised(
        self,
        *,
        add_percent: Decimal = ZERO,
        to_percent: Decimal | None = None,
        fixed: Decimal | None = None,
    ) -> Rate:
        """This rate after a rise: ``add_percent`` points more (also above the limit), or a
        new flat ``to_percent``; ``fixed`` replaces the fixed fee when given."""
        if to_percent is not None:
            return Rate(percent=to_percent, fixed=self.fixed if fixed is None else fixed)
        return replace(
            self,
            percent=self.percent + add_percent,
            above_percent=None if self.above_percent is None else self.above_percent + add_percent,
            fixed=self.fixed if fixed is None else fixed,
        )


def _freeze_rates(name: str, rates: Mapping[str, Rate]) -> Mapping[str, Rate]:
    for code, rate in rates.items():
        _check_method(code, name)
        if not isinstance(rate, Rate):
            raise ValueError(f"{name}[{code!r}] must be a Rate")
    return MappingProxyType(dict(rates))


@dataclass(frozen=True)
class PlanTerms:
    """One fee schedule, as the engine sees it. ``key`` identifies it for the caller."""

    rates: Mapping[str, Rate]
    device_price: Decimal = ZERO
    deposit: Decimal = ZERO
    deposit_refund_volume: Decimal | None = None
    deposit_refund_days: int | None = None
    monthly_fee: Decimal = ZERO
    monthly_fee_waived_at: Decimal | None = None
    annual_fee: Decimal = ZERO
    sim_fee_annual: Decimal = ZERO
    sim_free_months: int = 0
    instant_available: bool = True
    instant_percent: Decimal = ZERO
    instant_fixed: Decimal = ZERO
    promo_rates: Mapping[str, Rate] = field(default_factory=lambda: _EMPTY)
    promo_months: int = 0
    rate_changes: tuple[tuple[int, Mapping[str, Rate]], ...] = ()
    key: Any = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "rates", _freeze_rates("rates", self.rates))
        object.__setattr__(self, "promo_rates", _freeze_rates("promo_rates", self.promo_rates))
        for name in (
            "device_price",
            "deposit",
            "monthly_fee",
            "annual_fee",
            "sim_fee_annual",
            "instant_percent",
            "instant_fixed",
        ):
            object.__setattr__(self, name, _non_negative(name, getattr(self, name)))
        for name in ("deposit_refund_volume", "monthly_fee_waived_at"):
            object.__setattr__(self, name, _non_negative(name, getattr(self, name), optional=True))
        if self.deposit_refund_volume is not None and self.deposit_refund_volume <= 0:
            raise ValueError("deposit_refund_volume must be positive")
        if (self.deposit_refund_volume is None) != (self.deposit_refund_days is None):
            raise ValueError("deposit_refund_volume and deposit_refund_days go together")
        if self.deposit_refund_days is not None and self.deposit_refund_days <= 0:
            raise ValueError("deposit_refund_days must be positive")
        for name in ("sim_free_months", "promo_months"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        changes = []
        for from_month, rates in self.rate_changes:
            if from_month < 1:
                raise ValueError("a rate change must start in month 1 or later")
            changes.append((from_month, _freeze_rates("rate_changes", rates)))
        object.__setattr__(self, "rate_changes", tuple(sorted(changes, key=lambda c: c[0])))

    def rate_in_month(self, method: str, month: int) -> Rate | None:
        """The rate that prices ``method`` in ``month`` (1-based), or None when there is none."""
        if month <= self.promo_months and method in self.promo_rates:
            return self.promo_rates[method]
        rate = self.rates.get(method)
        for from_month, rates in self.rate_changes:
            if from_month <= month and method in rates:
                rate = rates[method]
        return rate

    def with_rate_rise(
        self,
        *,
        after_month: int,
        add_percent: Decimal = ZERO,
        to_percent: Decimal | None = None,
        fixed: Decimal | None = None,
    ) -> PlanTerms:
        """These terms as if every rate rose after ``after_month`` (the 涨价 stress test)."""
        if after_month < 0:
            raise ValueError("after_month must not be negative")
        raised = {
            code: rate.raised(add_percent=add_percent, to_percent=to_percent, fixed=fixed)
            for code, rate in self.rates.items()
        }
        return replace(self, rate_changes=(*self.rate_changes, (after_month + 1, raised)))


@dataclass(frozen=True)
class Profile:
    """The merchant: monthly volume (元), payment mix (shares summing to 1), average ticket."""

    monthly_volume: Decimal
    mix: Mapping[str, Decimal]
    average_ticket: Decimal
    months: int = 12
    instant_settlement: bool = False
    settlements_per_month: int = 30
    average_tickets: Mapping[str, Decimal] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "monthly_volume", _non_negative("monthly_volume", self.monthly_volume)
        )
        ticket = _dec("average_ticket", self.average_ticket)
        if ticket is None or ticket <= 0:
            raise ValueError(f"average_ticket must be positive (got {ticket})")
        object.__setattr__(self, "average_ticket", ticket)
        if isinstance(self.months, bool) or not isinstance(self.months, int) or self.months < 1:
            raise ValueError(f"months must be a whole number of at least 1 (got {self.months})")
        if not isinstance(self.settlements_per_month, int) or self.settlements_per_month < 0:
            raise ValueError("settlements_per_month must be a whole number, not negative")
        mix: dict[str, Decimal] = {}
        for code, share in self.mix.items():
            _check_method(code, "mix")
            value = _non_negative(f"share of {code}", share)
            assert value is not None
            mix[code] = value
        if sum(mix.values(), ZERO) != ONE:
            raise ValueError(
                f"the payment mix must sum to 1 (100 %), got {sum(mix.values(), ZERO)}"
            )
        object.__setattr__(self, "mix", MappingProxyType(mix))
        if self.average_tickets is not None:
            tickets: dict[str, Decimal] = {}
            for code, value in self.average_tickets.items():
                _check_method(code, "average_tickets")
                t = _dec(f"average ticket of {code}", value)
                if t is None or t <= 0:
                    raise ValueError(f"average ticket of {code} must be positive (got {t})")
                tickets[code] = t
            object.__setattr__(self, "average_tickets", MappingProxyType(tickets))

    def ticket(self, method: str) -> Decimal:
        if self.average_tickets and method in self.average_tickets:
            return self.average_tickets[method]
        return self.average_ticket

    @property
    def used_methods(self) -> tuple[str, ...]:
        return tuple(code for code in METHODS if self.mix.get(code, ZERO) > 0)


@dataclass(frozen=True)
class MonthCost:
    """One month's charges, rounded for display (exact sums are kept for the totals)."""

    month: int
    transaction_fees: Decimal
    settlement_fees: Decimal
    monthly_fee: Decimal
    annual_fee: Decimal
    sim_fee: Decimal
    device_price: Decimal
    deposit: Decimal  # paid (+) in month 1, refunded (−) in the refund month
    total: Decimal


# One month of a ledger, exact (unrounded): transaction, settlement, monthly fee, annual fee,
# SIM fee, device price, deposit (+ paid / − refunded), the month's total.
_LedgerRow = tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]


@dataclass(frozen=True, eq=False)
class Estimate:
    """What a plan costs a merchant. ``per_method``, ``cumulative`` and ``months`` are derived
    on first use from the exact ledger (ranking a thousand plans never needs them)."""

    plan: PlanTerms
    profile: Profile
    supported: bool
    unsupported: tuple[str, ...] = ()
    total: Decimal | None = None
    one_off: Decimal | None = None
    transaction_fees: Decimal | None = None
    settlement_fees: Decimal | None = None
    recurring_fees: Decimal | None = None
    deposit_refunded: bool = False
    deposit_refund_month: int | None = None
    effective_rate: Decimal | None = None
    monthly_average: Decimal | None = None
    transactions_per_month: Mapping[str, Decimal] = field(default_factory=lambda: _EMPTY)
    fee_per_transaction: Mapping[str, Decimal] = field(default_factory=lambda: _EMPTY)
    ledger: tuple[_LedgerRow, ...] = field(default=(), repr=False)
    running_totals: tuple[Decimal, ...] = field(default=(), repr=False)  # exact, per month
    # The month each stretch of equal rates starts, with its (method, exact amount) per month.
    stretches: tuple[tuple[int, tuple[tuple[str, Decimal], ...]], ...] = field(
        default=(), repr=False
    )

    @property
    def key(self) -> Any:
        return self.plan.key

    @cached_property
    def per_method(self) -> Mapping[str, Decimal]:
        """Transaction fees of each method over the horizon, rounded (from the exact sums)."""
        if not self.supported:
            return _EMPTY
        with localcontext() as ctx:
            ctx.prec = PRECISION
            starts = dict(self.stretches)
            amounts = starts[1]
            sums = {method: ZERO for method, _amount in amounts}
            for month in range(1, self.profile.months + 1):
                amounts = starts.get(month, amounts)
                for method, amount in amounts:
                    sums[method] += amount
            return MappingProxyType({m: round2(v) for m, v in sums.items()})

    @cached_property
    def cumulative(self) -> tuple[Decimal, ...]:
        """Cumulative cost at the end of each month (one per month), rounded."""
        return tuple(round2(running) for running in self.running_totals)

    @cached_property
    def months(self) -> tuple[MonthCost, ...]:
        """Each month's charges, rounded for display."""
        return tuple(
            MonthCost(
                month=index,
                transaction_fees=round2(row[0]),
                settlement_fees=round2(row[1]),
                monthly_fee=round2(row[2]),
                annual_fee=round2(row[3]),
                sim_fee=round2(row[4]),
                device_price=round2(row[5]),
                deposit=round2(row[6]),
                total=round2(row[7]),
            )
            for index, row in enumerate(self.ledger, start=1)
        )


def _deposit_refund_month(plan: PlanTerms, volume: Decimal) -> int | None:
    """Rule 5: the month the deposit comes back, or None when the condition is never met."""
    if plan.deposit_refund_volume is None or plan.deposit_refund_days is None or volume <= 0:
        return None
    reachable = volume * Decimal(plan.deposit_refund_days) / DAYS_PER_MONTH
    if reachable < plan.deposit_refund_volume:
        return None
    return max(1, math.ceil(plan.deposit_refund_volume / volume))


def estimate(plan: PlanTerms, profile: Profile) -> Estimate:
    """The cost of ``plan`` for ``profile`` over ``profile.months`` months."""
    used = profile.used_methods
    missing = [m for m in used if m not in plan.rates]
    if profile.instant_settlement and not plan.instant_available:
        missing.append(INSTANT_SETTLEMENT)
    if missing:
        return Estimate(plan=plan, profile=profile, supported=False, unsupported=tuple(missing))

    V = profile.monthly_volume
    N = profile.months
    with localcontext() as ctx:
        ctx.prec = PRECISION
        tickets = {m: profile.ticket(m) for m in used}
        counts = {m: V * profile.mix[m] / tickets[m] for m in used}
        refund_month = _deposit_refund_month(plan, V)
        refunded = refund_month is not None and refund_month <= N
        fee_cache: dict[tuple[str, int], Decimal] = {}

        def fee(method: str, rate: Rate | None) -> Decimal:
            assert rate is not None  # supported: every used method has a rate
            key = (method, id(rate))
            value = fee_cache.get(key)
            if value is None:
                value = fee_cache[key] = rate.fee(tickets[method])
            return value

        # Rule 3. A month's rates can only change where a promo ends or a rate change starts:
        # between those months every month has the same transaction fees, so the amounts are
        # worked out once per stretch and the same exact sums are made each month.
        starts = {1}
        if plan.promo_rates and plan.promo_months > 0:
            starts.add(plan.promo_months + 1)
        starts.update(from_month for from_month, _rates in plan.rate_changes)
        stretches: dict[int, tuple[list[tuple[str, Decimal]], Decimal]] = {}
        for start in starts:
            if start <= N:
                amounts = [(m, counts[m] * fee(m, plan.rate_in_month(m, start))) for m in counts]
                month_fees = ZERO
                for _method, amount in amounts:
                    month_fees += amount
                stretches[start] = (amounts, month_fees)

        settlement = (
            V * plan.instant_percent / HUNDRED
            + Decimal(profile.settlements_per_month) * plan.instant_fixed
            if profile.instant_settlement
            else ZERO
        )
        monthly_fee = (
            ZERO
            if plan.monthly_fee_waived_at is not None and plan.monthly_fee_waived_at <= V
            else plan.monthly_fee
        )
        sim_from = plan.sim_free_months + 1
        # Months with a one-off or yearly charge; every other month of a stretch costs the same
        # (its total is transaction + settlement + monthly fee: adding zeros changes nothing).
        special = {1}
        if plan.annual_fee:
            special.update(range(1, N + 1, 12))
        if plan.sim_fee_annual:
            special.update(range(sim_from, N + 1, 12))
        if refunded and refund_month is not None:
            special.add(refund_month)

        running = ZERO
        sum_transaction = ZERO
        sum_settlement = ZERO
        sum_recurring = ZERO
        ledger: list[_LedgerRow] = []
        running_totals: list[Decimal] = []
        transaction = stretches[1][1]
        plain_total = transaction + settlement + monthly_fee
        plain_row = (transaction, settlement, monthly_fee, ZERO, ZERO, ZERO, ZERO, plain_total)
        for month in range(1, N + 1):
            if month in stretches:
                transaction = stretches[month][1]
                plain_total = transaction + settlement + monthly_fee
                plain_row = (
                    transaction,
                    settlement,
                    monthly_fee,
                    ZERO,
                    ZERO,
                    ZERO,
                    ZERO,
                    plain_total,
                )
            if month in special:
                annual = plan.annual_fee if (month - 1) % 12 == 0 else ZERO
                sim = (
                    plan.sim_fee_annual
                    if month >= sim_from and (month - sim_from) % 12 == 0
                    else ZERO
                )
                device = plan.device_price if month == 1 else ZERO
                deposit = plan.deposit if month == 1 else ZERO
                if refunded and month == refund_month:
                    deposit -= plan.deposit
                month_total = (
                    transaction + settlement + monthly_fee + annual + sim + device + deposit
                )
                sum_recurring += monthly_fee + annual + sim
                row = (
                    transaction,
                    settlement,
                    monthly_fee,
                    annual,
                    sim,
                    device,
                    deposit,
                    month_total,
                )
            else:
                month_total = plain_total
                sum_recurring += monthly_fee
                row = plain_row
            running += month_total
            sum_transaction += transaction
            sum_settlement += settlement
            ledger.append(row)
            running_totals.append(running)

        total = round2(running)
        volume = V * N
        effective = round_rate(total / volume * HUNDRED) if volume > 0 else None
        return Estimate(
            plan=plan,
            profile=profile,
            supported=True,
            total=total,
            one_off=round2(plan.device_price + (ZERO if refunded else plan.deposit)),
            transaction_fees=round2(sum_transaction),
            settlement_fees=round2(sum_settlement),
            recurring_fees=round2(sum_recurring),
            deposit_refunded=refunded,
            deposit_refund_month=refund_month,
            effective_rate=effective,
            monthly_average=round2(running / N),
            stretches=tuple(sorted((start, tuple(a)) for start, (a, _t) in stretches.items())),
            transactions_per_month=MappingProxyType(counts),
            fee_per_transaction=MappingProxyType({m: fee(m, plan.rates[m]) for m in counts}),
            ledger=tuple(ledger),
            running_totals=tuple(running_totals),
        )


def rank(plans: Iterable[PlanTerms], profile: Profile) -> list[Estimate]:
    """Estimates of the plans that can serve ``profile``, cheapest total first (stable)."""
    estimates = [estimate(plan, profile) for plan in plans]
    supported = [e for e in estimates if e.supported]
    supported.sort(key=lambda e: e.total if e.total is not None else ZERO)
    return supported


def break_even_month(a: Estimate, b: Estimate) -> int | None:
    """First month from which ``a``'s cumulative cost stays at or below ``b``'s, or None."""
    if not (a.supported and b.supported):
        return None
    if len(a.cumulative) != len(b.cumulative):
        raise ValueError("estimates over different horizons cannot be compared")
    month: int | None = None
    for index, (cost_a, cost_b) in enumerate(zip(a.cumulative, b.cumulative, strict=True)):
        if cost_a <= cost_b:
            if month is None:
                month = index + 1
        else:
            month = None
    return month


# ---------------------------------------------------------------------------------------------
# Statement pricing (DESIGN.md "Statement pricing"): the same plans priced on real payments.
#
# 1. Each payment's fee is rule 1 with its own amount A (its method's rate in force in its
#    month: promo rates in months 1..promo_months, rate changes from their month on), 0.01 元.
# 2. A month's transaction fees are the sum of its payments' fees; ``per_method`` per method.
# 3. With instant settlement, a month's settlement fees are V_i·instant_percent/100 +
#    d_i·instant_fixed (V_i the month's volume, d_i its calendar days with a payment).
# 4. Monthly fee in month i unless waived_at is set and V_i ≥ it; annual and SIM fees as rule 4.
# 5. Device price and deposit in month 1; the deposit comes back iff the payments of the first
#    ``deposit_refund_days`` days (the first payment's day is day 1) reach
#    ``deposit_refund_volume``, in the month of the payment that reaches it.
# 6. Totals, cumulative and effective rate as rule 6 (over the statement's volume).
# Month 1 is the calendar month of the first payment; months run to the last payment's month.
#
# Amounts are whole fen (分) here: a fee is then exact integer arithmetic (A in fen times the
# percent in ten-thousandths is in 10⁻⁶ fen), which prices 100,000 payments under every plan
# in well under a second — with a Decimal fallback for terms finer than that.
# ---------------------------------------------------------------------------------------------

_U = 10**6  # 10⁻⁶ fen per fen
_HALF = _U // 2


@dataclass(frozen=True)
class Transactions:
    """Successful payments, grouped for pricing: ``groups[(month, method)]`` is a tuple of
    (amount in fen, number of payments) — month 1 is the first payment's calendar month."""

    start: tuple[int, int]  # (year, month) of month 1
    months: int
    groups: Mapping[tuple[int, str], tuple[tuple[int, int], ...]]
    volume: tuple[int, ...]  # fen, per month
    payments: tuple[int, ...]  # per month
    days: tuple[int, ...]  # calendar days with at least one payment, per month
    daily: tuple[tuple[dt.date, int], ...]  # (date, fen) in date order
    methods: tuple[str, ...]

    @property
    def total_volume(self) -> int:
        return sum(self.volume)

    def month_of(self, day: dt.date) -> int:
        return (day.year - self.start[0]) * 12 + day.month - self.start[1] + 1


def transactions(payments: Iterable[tuple[dt.date, int, str]]) -> Transactions:
    """Group ``(date or datetime, amount in fen > 0, method)`` triples for ``price_statement``."""
    by_day: dict[dt.date, int] = {}
    raw: dict[tuple[tuple[int, int], str], dict[int, int]] = {}
    for when, amount, method in payments:
        if amount <= 0:
            raise ValueError("a payment's amount must be positive")
        day = when.date() if isinstance(when, dt.datetime) else when
        by_day[day] = by_day.get(day, 0) + amount
        key = ((day.year, day.month), method)
        counts = raw.get(key)
        if counts is None:
            _check_method(method, "payments")
            counts = raw[key] = {}
        counts[amount] = counts.get(amount, 0) + 1
    if not by_day:
        raise ValueError("a statement needs at least one payment")
    days = sorted(by_day)
    first, last = days[0], days[-1]
    n = (last.year - first.year) * 12 + last.month - first.month + 1

    def index(ym: tuple[int, int]) -> int:
        return (ym[0] - first.year) * 12 + ym[1] - first.month + 1

    volume = [0] * n
    count = [0] * n
    active = [0] * n
    for day, amount in by_day.items():
        i = index((day.year, day.month)) - 1
        volume[i] += amount
        active[i] += 1
    groups: dict[tuple[int, str], tuple[tuple[int, int], ...]] = {}
    for (ym, method), counts in raw.items():
        groups[(index(ym), method)] = tuple(counts.items())
        count[index(ym) - 1] += sum(counts.values())
    return Transactions(
        start=(first.year, first.month),
        months=n,
        groups=MappingProxyType(groups),
        volume=tuple(volume),
        payments=tuple(count),
        days=tuple(active),
        daily=tuple((day, by_day[day]) for day in days),
        methods=tuple(m for m in METHODS if any(k[1] == m for k in groups)),
    )


def _scaled(value: Decimal | None, places: int) -> int | None:
    """``value``·10^places as an int when that is exact, else None (use Decimal instead)."""
    if value is None:
        return None
    scaled = value.scaleb(places)
    return int(scaled) if scaled == scaled.to_integral_value() else None


def _fee_function(rate: Rate) -> Callable[[int], int]:
    """A function amount (fen) → fee (fen) equal to ``Rate.fee`` (rule 1), in integers."""
    q = _scaled(rate.percent, 4)
    qa = _scaled(rate.above_percent, 4) if rate.above_percent is not None else None
    fixed = _scaled(rate.fixed, 8)
    low = _scaled(rate.minimum, 8) if rate.minimum is not None else None
    high = _scaled(rate.cap, 8) if rate.cap is not None else None
    limit = _scaled(rate.limit, 2) if rate.limit is not None else None
    exact = (
        q is not None
        and fixed is not None
        and (rate.above_percent is None or qa is not None)
        and (rate.minimum is None or low is not None)
        and (rate.cap is None or high is not None)
        and (rate.limit is None or limit is not None)
    )
    if not exact:
        return lambda fen: int(rate.fee(Decimal(fen).scaleb(-2)).scaleb(2))
    assert q is not None and fixed is not None
    if low is None and high is None and limit is None:
        return lambda fen: (fen * q + fixed + _HALF) // _U

    def fee(fen: int) -> int:
        p = qa if limit is not None and qa is not None and fen > limit else q
        assert p is not None
        variable = fen * p
        if low is not None and variable < low:
            variable = low
        if high is not None and variable > high:
            variable = high
        return (variable + fixed + _HALF) // _U

    return fee


@dataclass(frozen=True, eq=False)
class StatementEstimate:
    """What a plan would have cost on a statement's payments (DESIGN.md "Statement pricing")."""

    plan: PlanTerms
    supported: bool
    unsupported: tuple[str, ...] = ()
    total: Decimal | None = None
    one_off: Decimal | None = None
    transaction_fees: Decimal | None = None
    settlement_fees: Decimal | None = None
    recurring_fees: Decimal | None = None
    deposit_refunded: bool = False
    deposit_refund_month: int | None = None
    effective_rate: Decimal | None = None
    per_method: Mapping[str, Decimal] = field(default_factory=lambda: _EMPTY)
    months: tuple[MonthCost, ...] = ()
    cumulative: tuple[Decimal, ...] = ()

    @property
    def key(self) -> Any:
        return self.plan.key


def _statement_refund_month(plan: PlanTerms, tx: Transactions) -> int | None:
    """Rule 5 on real payments: the month of the payment that reaches the refund volume within
    the first ``deposit_refund_days`` days, or None."""
    if plan.deposit_refund_volume is None or plan.deposit_refund_days is None:
        return None
    target = plan.deposit_refund_volume.scaleb(2)  # fen
    first = tx.daily[0][0]
    reached = 0
    for day, fen in tx.daily:
        if (day - first).days >= plan.deposit_refund_days:
            break
        reached += fen
        if reached >= target:
            return tx.month_of(day)
    return None


def price_statement(
    plan: PlanTerms, tx: Transactions, *, instant_settlement: bool = False
) -> StatementEstimate:
    """The cost of ``plan`` on the payments of ``tx`` (rules above)."""
    missing = [m for m in tx.methods if m not in plan.rates]
    if instant_settlement and not plan.instant_available:
        missing.append(INSTANT_SETTLEMENT)
    if missing:
        return StatementEstimate(plan=plan, supported=False, unsupported=tuple(missing))
    N = tx.months
    functions: dict[int, Callable[[int], int]] = {}
    month_fen = [0] * N
    method_fen = dict.fromkeys(tx.methods, 0)
    for (month, method), amounts in tx.groups.items():
        rate = plan.rate_in_month(method, month)
        assert rate is not None
        fee = functions.get(id(rate))
        if fee is None:
            fee = functions[id(rate)] = _fee_function(rate)
        fen = sum(fee(amount) * count for amount, count in amounts)
        month_fen[month - 1] += fen
        method_fen[method] += fen
    refund_month = _statement_refund_month(plan, tx)
    refunded = refund_month is not None
    sim_from = plan.sim_free_months + 1
    with localcontext() as ctx:
        ctx.prec = PRECISION
        rows: list[MonthCost] = []
        cumulative: list[Decimal] = []
        running = sum_transaction = sum_settlement = sum_recurring = ZERO
        for month in range(1, N + 1):
            volume = Decimal(tx.volume[month - 1]).scaleb(-2)
            transaction = Decimal(month_fen[month - 1]).scaleb(-2)
            settlement = (
                volume * plan.instant_percent / HUNDRED
                + Decimal(tx.days[month - 1]) * plan.instant_fixed
                if instant_settlement
                else ZERO
            )
            waived = plan.monthly_fee_waived_at is not None and volume >= plan.monthly_fee_waived_at
            monthly = ZERO if waived else plan.monthly_fee
            annual = plan.annual_fee if (month - 1) % 12 == 0 else ZERO
            sim = (
                plan.sim_fee_annual if month >= sim_from and (month - sim_from) % 12 == 0 else ZERO
            )
            device = plan.device_price if month == 1 else ZERO
            deposit = plan.deposit if month == 1 else ZERO
            if refunded and month == refund_month:
                deposit -= plan.deposit
            month_total = transaction + settlement + monthly + annual + sim + device + deposit
            running += month_total
            sum_transaction += transaction
            sum_settlement += settlement
            sum_recurring += monthly + annual + sim
            rows.append(
                MonthCost(
                    month=month,
                    transaction_fees=round2(transaction),
                    settlement_fees=round2(settlement),
                    monthly_fee=round2(monthly),
                    annual_fee=round2(annual),
                    sim_fee=round2(sim),
                    device_price=round2(device),
                    deposit=round2(deposit),
                    total=round2(month_total),
                )
            )
            cumulative.append(round2(running))
        volume_total = Decimal(tx.total_volume).scaleb(-2)
        total = round2(running)
        return StatementEstimate(
            plan=plan,
            supported=True,
            total=total,
            one_off=round2(plan.device_price + (ZERO if refunded else plan.deposit)),
            transaction_fees=round2(sum_transaction),
            settlement_fees=round2(sum_settlement),
            recurring_fees=round2(sum_recurring),
            deposit_refunded=refunded,
            deposit_refund_month=refund_month,
            effective_rate=round_rate(total / volume_total * HUNDRED) if volume_total else None,
            per_method=MappingProxyType(
                {m: round2(Decimal(v).scaleb(-2)) for m, v in method_fen.items()}
            ),
            months=tuple(rows),
            cumulative=tuple(cumulative),
        )


def rank_statement(
    plans: Iterable[PlanTerms], tx: Transactions, *, instant_settlement: bool = False
) -> list[StatementEstimate]:
    """Statement estimates of the plans that can serve these payments, cheapest first."""
    found = [price_statement(p, tx, instant_settlement=instant_settlement) for p in plans]
    supported = [e for e in found if e.supported]
    supported.sort(key=lambda e: e.total if e.total is not None else ZERO)
    return supported
