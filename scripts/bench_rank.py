"""Benchmark: rank 1,000 synthetic plans for one merchant profile.

    python scripts/bench_rank.py                 # engine only, plus through the adapter
    python scripts/bench_rank.py --plans 1000 --repeat 25 --months 12

Reports the median time of one ranking over repeated runs (goal: ≤ 50 ms for 1,000 plans).
The plans are generated from a fixed seed, so every run prices the same plans. ``--adapter``
(on by default) also times the ORM → engine step: unsaved ``Plan`` rows with their rates in the
prefetch cache are turned into ``PlanTerms`` by ``catalog.terms.plan_terms`` and ranked.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculator.engine import METHODS, PlanTerms, Profile, Rate, rank  # noqa: E402

if TYPE_CHECKING:
    from catalog.models import Plan  # imported at run time once Django is set up


def _d(rng: random.Random, low: int, high: int, scale: int = 100) -> Decimal:
    """A Decimal drawn from [low, high] / scale (integers only: no float ever becomes money)."""
    return Decimal(rng.randint(low, high)) / scale


def synthetic_rate(rng: random.Random) -> dict[str, Decimal | None]:
    limited = rng.random() < 0.3
    return {
        "percent": _d(rng, 30, 70),
        "fixed": Decimal(rng.choice([0, 0, 0, 1, 3])),
        "cap": Decimal(rng.choice([20, 25])) if rng.random() < 0.3 else None,
        "minimum": None,
        "limit": Decimal("1000") if limited else None,
        "above_percent": _d(rng, 50, 70) if limited else None,
    }


def synthetic_plan(rng: random.Random, key: int) -> dict[str, object]:
    """One plan's terms as plain values (shared by the engine and the ORM variants)."""
    methods = [m for m in METHODS if rng.random() < 0.9] or ["credit_card"]
    refund = rng.random() < 0.6
    promo = rng.random() < 0.3
    return {
        "key": key,
        "rates": {m: synthetic_rate(rng) for m in methods},
        "promo_rates": {"credit_card": synthetic_rate(rng)} if promo else {},
        "promo_months": rng.randint(1, 6) if promo else 0,
        "device_price": Decimal(rng.choice([0, 0, 59, 99, 299])),
        "deposit": Decimal(rng.choice([0, 99, 118, 199])),
        "deposit_refund_volume": Decimal(rng.choice([15000, 50000, 100000])) if refund else None,
        "deposit_refund_days": rng.choice([30, 90, 180]) if refund else None,
        "monthly_fee": Decimal(rng.choice([0, 0, 0, 10])),
        "monthly_fee_waived_at": Decimal("20000") if rng.random() < 0.2 else None,
        "annual_fee": Decimal(rng.choice([0, 0, 99])),
        "sim_fee_annual": Decimal(rng.choice([0, 36, 48, 60])),
        "sim_free_months": rng.choice([0, 1, 3, 12]),
        "instant_available": rng.random() < 0.9,
        "instant_percent": Decimal(rng.choice([0, 0, 5])) / 100,
        "instant_fixed": Decimal(rng.choice([0, 0, 1, 3])),
    }


def engine_terms(spec: dict[str, object]) -> PlanTerms:
    values = dict(spec)
    rates = values.pop("rates")
    promo = values.pop("promo_rates")
    assert isinstance(rates, dict) and isinstance(promo, dict)
    return PlanTerms(
        rates={m: Rate(**r) for m, r in rates.items()},
        promo_rates={m: Rate(**r) for m, r in promo.items()},
        **values,  # type: ignore[arg-type]  # the spec's values are typed object
    )


def orm_rows(specs: list[dict[str, object]]) -> list[Plan]:
    """Unsaved catalog rows with their rates in the prefetch cache (what a view gets)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from catalog.models import Plan
    from catalog.models import Rate as RateRow

    rows = []
    for spec in specs:
        values = dict(spec)
        key = values.pop("key")
        rates = values.pop("rates")
        promo = values.pop("promo_rates")
        assert isinstance(rates, dict) and isinstance(promo, dict)
        plan = Plan(pk=key, name="bench", **values)  # type: ignore[misc]  # values typed object
        children = [RateRow(method=m, is_promo=False, **r) for m, r in rates.items()]
        children += [RateRow(method=m, is_promo=True, **r) for m, r in promo.items()]
        cache = {"rates": _FakeManagerResult(children)}
        plan._prefetched_objects_cache = cache  # type: ignore[attr-defined]  # Django's, private
        rows.append(plan)
    return rows


class _FakeManagerResult(list[Any]):
    """Stands in for a prefetched queryset: ``plan.rates.all()`` returns the cached list."""

    def all(self) -> _FakeManagerResult:
        return self


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median wall time, best wall time and median CPU time of one call, in ms.

    The CPU time (this process only) is the steadier figure on a machine shared with others.
    """
    fn()  # warm-up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--no-adapter", action="store_true", help="time the engine only")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    specs = [synthetic_plan(rng, key) for key in range(1, args.plans + 1)]
    plans = [engine_terms(s) for s in specs]
    profile = Profile(
        monthly_volume=Decimal("30000"),
        mix={
            "debit_card": Decimal("0.25"),
            "credit_card": Decimal("0.25"),
            "wechat": Decimal("0.22"),
            "alipay": Decimal("0.18"),
            "unionpay_qr": Decimal("0.05"),
            "contactless": Decimal("0.05"),
        },
        average_ticket=Decimal("120"),
        months=args.months,
    )
    ranked = rank(plans, profile)
    print(
        f"{args.plans} plans, {args.months} months, all six methods: "
        f"{len(ranked)} can serve the merchant; cheapest total {ranked[0].total} 元"
    )
    med, best, cpu = median_ms(lambda: rank(plans, profile), args.repeat)
    print(
        f"engine rank():              median {med:6.1f} ms  (best {best:.1f} ms, "
        f"CPU median {cpu:.1f} ms, n={args.repeat})"
    )
    if not args.no_adapter:
        rows = orm_rows(specs)  # sets Django up first
        from catalog.terms import plan_terms

        med2, best2, cpu2 = median_ms(
            lambda: rank([plan_terms(row) for row in rows], profile), args.repeat
        )
        print(
            f"adapter + rank() from rows: median {med2:6.1f} ms  (best {best2:.1f} ms, "
            f"CPU median {cpu2:.1f} ms, n={args.repeat})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
