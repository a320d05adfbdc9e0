"""Benchmark: a year of a busy shop's statement — 100,000 payments — read, priced under every plan
in force and audited (goal: ≤ 5 s wall time, peak memory ≤ 300 MB).

    python scripts/bench_statement.py              # after `make setup` (the seeded database)
    python scripts/bench_statement.py --payments 100000 --seed 15

The file is generated from a fixed seed in our template's columns (GBK, with a preamble and a
totals line, like the files merchants download): six methods, tickets from 5 元 to 20,000 元,
the fee charged per payment with a credit-card rate rise on 1 July and a 流量费 row each month.
The time is of ``statements.services.analyse`` on the file's bytes (decode, detect, read,
describe, price every plan, audit), median of ``--repeat`` runs; the memory is the peak traced
by tracemalloc during one more run (and the process's maximum resident set size).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 5.0
GOAL_MB = 300.0
METHOD_TEXT = {
    "debit_card": ("刷卡", "借记卡", 50, None),  # percent ×100, cap 元
    "credit_card": ("刷卡", "贷记卡", 60, None),
    "wechat": ("微信", "", 38, None),
    "alipay": ("支付宝", "", 38, None),
    "unionpay_qr": ("云闪付", "", 38, None),
    "contactless": ("闪付", "", 38, None),
}
WEIGHTS = (15, 15, 35, 25, 6, 4)


def statement_file(payments: int, seed: int) -> bytes:
    """A GBK CSV statement of ``payments`` payments over 2025 (fees in whole fen)."""
    rng = random.Random(seed)
    methods = list(METHOD_TEXT)
    lines = [
        "交易明细导出",
        "商户名称：某某超市",
        "",
        "交易时间,交易金额（元）,支付方式,卡类型,手续费（元）,交易状态,商户编号,参考号",
    ]
    seconds = 365 * 24 * 3600
    times = sorted(rng.randrange(seconds) for _ in range(payments))
    base = 1735689600  # 2025-01-01 00:00:00 UTC, written as a local time
    july = 1751328000 - base
    for n, t in enumerate(times):
        method = rng.choices(methods, WEIGHTS)[0]
        text, card, bp, _cap = METHOD_TEXT[method]
        band = rng.random()
        if band < 0.7:
            fen = rng.randint(500, 20000)
        elif band < 0.95:
            fen = rng.randint(20000, 200000)
        else:
            fen = rng.randint(200000, 2000000)
        if method == "credit_card" and t >= july:
            bp = 99
        fee = (fen * bp + 5000) // 10000
        if method == "debit_card":
            fee = min(fee, 2000)
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(base + t))
        status = "退货" if n % 500 == 0 else "成功"
        lines.append(
            f"{when},{fen // 100}.{fen % 100:02d},{text},{card},{fee // 100}.{fee % 100:02d},"
            f"{status},898310058120001,{n:012d}"
        )
    for month in range(1, 13):
        lines.append(f"2025-{month:02d}-28 23:00:00,99.00,流量费,,,扣款,898310058120001,")
    lines.append(f"合计,{payments}")
    return ("\n".join(lines) + "\n").encode("gbk")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from django.utils import timezone, translation

    from calculator.selectors import ranking_plans
    from statements.services import Analysis, analyse

    translation.activate("zh-hans")
    found = ranking_plans(on=timezone.localdate())
    data = statement_file(args.payments, args.seed)
    print(
        f"file: {len(data) / 1e6:.1f} MB, {args.payments:,} payments; "
        f"{len(found.plans)} plans in force"
    )

    def run() -> Analysis:
        return analyse(data, plans=found.plans, terms=found.terms)

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    wall = statistics.median(times)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before tracing
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 1e6
    a = result
    print(
        f"read {a.rows:,} rows, {a.payments:,} payments, {len(a.plans)} plans ranked, "
        f"{len(a.findings)} findings"
    )
    print(
        f"wall time: median {wall:.2f} s of {args.repeat} (goal ≤ {GOAL_SECONDS:.0f} s); "
        f"runs: {', '.join(f'{t:.2f}' for t in times)}"
    )
    print(
        f"peak memory: {peak_mb:.0f} MB traced (goal ≤ {GOAL_MB:.0f} MB); "
        f"process max RSS {maxrss_mb:.0f} MB"
    )
    ok = wall <= GOAL_SECONDS and peak_mb <= GOAL_MB
    print("OK" if ok else "OVER GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
