"""Break-even volume: the monthly volume at which the cheaper of two plans stops being cheaper.

Pure Python on top of the engine (no Django). Everything else about the merchant (payment mix,
tickets, months, settlement) stays as it is; only the monthly volume V moves, within
``[0, reach × V₀]`` where V₀ is the merchant's volume.

How it is found, and how precisely:

* ``f(V) = total_A(V) − total_B(V)`` from the engine's own reported totals (exact sums rounded
  to 0.01 元, the figures the page shows). B is cheaper at V when ``f(V) > 0``.
* Between the plans' thresholds f is a straight line: fees are a fixed amount per payment and
  payments grow in proportion to V, while monthly-fee waivers and deposit refunds switch on at
  fixed volumes (rules 4 and 5). So f is sampled at V₀, at the ends of the range, at every
  threshold of either plan and one 元 below it, and on an even grid (a safety net); between
  neighbouring samples it changes sign at most once.
* Walking outwards from V₀, the first pair of samples where B's being cheaper flips is
  bisected over whole 元: the result is the smallest whole-元 volume above V₀ from which B is
  cheaper (or the largest below V₀ up to which it is) — exact to 1 元, in about
  log₂(reach × V₀) engine runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from calculator.engine import DAYS_PER_MONTH, PlanTerms, Profile, estimate

REACH = 10  # look up to 10 × the merchant's volume
GRID = 20  # evenly spaced samples, besides the thresholds
ABOVE, BELOW = "above", "below"


@dataclass(frozen=True)
class Crossing:
    """From ``volume`` 元 a month up (``side`` ABOVE), or up to it (BELOW), B is cheaper."""

    volume: Decimal
    side: str


def _whole(value: Decimal, rounding: str) -> Decimal:
    return value.to_integral_value(rounding=rounding)


def thresholds(plan: PlanTerms, months: int) -> list[Decimal]:
    """Volumes at which a plan's total jumps: its monthly fee is waived, or its deposit starts
    coming back within ``months`` (``V·days/30 ≥ R`` and ``ceil(R/V) ≤ months``)."""
    found = []
    if plan.monthly_fee and plan.monthly_fee_waived_at is not None:
        found.append(plan.monthly_fee_waived_at)
    if plan.deposit and plan.deposit_refund_volume is not None and plan.deposit_refund_days:
        needed = plan.deposit_refund_volume
        found.append(max(needed * DAYS_PER_MONTH / plan.deposit_refund_days, needed / months))
    return found


def _samples(low: Decimal, high: Decimal, points: Iterable[Decimal]) -> list[Decimal]:
    values = {low, high}
    step = (high - low) / GRID
    values.update(_whole(low + step * i, ROUND_FLOOR) for i in range(1, GRID))
    for point in points:
        whole = _whole(point, ROUND_CEILING)
        values.update({whole, whole - 1})
    return sorted(v for v in values if low <= v <= high)


def _bisect(cheaper: Callable[[Decimal], bool], lo: Decimal, hi: Decimal) -> Decimal:
    """``cheaper(lo) != cheaper(hi)``; narrow to neighbouring whole 元 and return the end
    where B is cheaper."""
    want = cheaper(hi)
    while hi - lo > 1:
        mid = _whole((lo + hi) / 2, ROUND_FLOOR)
        if mid <= lo or mid >= hi:
            break
        if cheaper(mid) == want:
            hi = mid
        else:
            lo = mid
    return hi if want else lo


def break_even_volumes(
    a: PlanTerms, b: PlanTerms, profile: Profile, *, reach: int = REACH
) -> tuple[Crossing | None, Crossing | None]:
    """Where ``b`` becomes cheaper than ``a`` (the cheaper of the two at the merchant's
    volume), nearest to that volume: ``(above, below)``, each None when it does not happen
    within ``[0, reach × volume]``. Plans that cannot serve the profile give ``(None, None)``.
    """
    volume = profile.monthly_volume
    cache: dict[Decimal, bool] = {}

    def cheaper(v: Decimal) -> bool:
        if v not in cache:
            at = replace(profile, monthly_volume=v)
            ea, eb = estimate(a, at), estimate(b, at)
            if not (ea.supported and eb.supported):
                raise ValueError("both plans must serve the profile")
            assert ea.total is not None and eb.total is not None
            cache[v] = eb.total < ea.total
        return cache[v]

    try:
        if volume <= 0 or cheaper(volume):
            return None, None
    except ValueError:
        return None, None
    high = _whole(volume * reach, ROUND_FLOOR)
    points = thresholds(a, profile.months) + thresholds(b, profile.months)
    samples = _samples(Decimal(0), high, points)
    above_samples = [volume] + [v for v in samples if v > volume]
    below_samples = [volume] + [v for v in reversed(samples) if v < volume]

    above = None
    for lo, hi in zip(above_samples, above_samples[1:], strict=False):
        if cheaper(hi):
            above = Crossing(_bisect(cheaper, lo, hi), ABOVE)
            break
    below = None
    for hi, lo in zip(below_samples, below_samples[1:], strict=False):
        if cheaper(lo):
            below = Crossing(_bisect(cheaper, lo, hi), BELOW)
            break
    return above, below
