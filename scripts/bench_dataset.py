"""Benchmark (not a test): the open dataset's size and build time.

    python scripts/bench_dataset.py [--repeat 5]     (or: make bench-dataset)

On the seeded catalog (the database the environment names, SQLite by default): builds
``/data/fees.json`` and ``/data/fees.csv`` from the database ``--repeat`` times (each build reads
every brand, product, plan version and rate, serialises them and digests them; the release row
is written once) and reports the median build time, the queries one build makes, and the size of
both files, raw and gzip-compressed (how they travel: GZipMiddleware).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from api import dataset
    from api.models import DatasetRelease
    from catalog.models import Plan, Product, Rate

    times = []
    queries = 0
    release = None
    for _ in range(args.repeat):
        DatasetRelease.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            release = dataset.build()
            times.append(time.perf_counter() - start)
        queries = len(captured)
    assert release is not None
    json_bytes = release.content.encode()
    csv_bytes = release.csv.encode()
    print(
        f"catalog: {Product.objects.count()} products, {Plan.objects.count()} plan versions, "
        f"{Rate.objects.count()} rates"
    )
    print(
        f"build (median of {args.repeat}): {statistics.median(times) * 1000:.0f} ms, "
        f"{queries} queries"
    )
    for name, body in (("fees.json", json_bytes), ("fees.csv", csv_bytes)):
        print(f"{name}: {len(body) / 1024:.1f} KB, gzip {len(gzip.compress(body)) / 1024:.1f} KB")
    print(f"version {release.version}, data as of {release.data_date}")


if __name__ == "__main__":
    main()
