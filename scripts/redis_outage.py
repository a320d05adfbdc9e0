"""Redis dies mid-traffic: public pages keep answering, share posts are refused with 503 +
Retry-After, and everything comes back when Redis does.

    python scripts/redis_outage.py            (or: make redis-outage; CI runs it)

Starts its own redis-server (port 8531) and the production configuration (gunicorn, 2 workers,
port 8532) on a fresh SQLite database with REDIS_URL pointing at that Redis. Four clients
request public pages in a loop while the script

1. lets them run with Redis up (phase "before");
2. kills Redis (SIGKILL) and keeps the traffic going ("during"), posting share links too;
3. starts Redis again ("after") and checks recovery: /healthz says the cache is ok again,
   a share post makes a link, pages are cached in Redis again.

Exit status 0 when no public page answered 500 in any phase and every check holds.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.prodserver import app_server, manage, prepared_env  # noqa: E402
from scripts.two_servers import Browser, check, form_fields  # noqa: E402

REDIS_PORT = int(os.environ.get("OUTAGE_REDIS_PORT", "8531"))
APP_PORT = int(os.environ.get("OUTAGE_APP_PORT", "8532"))
PHASE_SECONDS = float(os.environ.get("OUTAGE_PHASE_SECONDS", "6"))
CLIENTS = 4


def start_redis(port: int = REDIS_PORT) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        ping = subprocess.run(
            ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True
        )
        if ping.stdout.strip() == "PONG":
            return process
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"redis-server did not start on port {port}")


def redis_keys() -> int:
    out = subprocess.run(
        ["redis-cli", "-p", str(REDIS_PORT), "dbsize"], capture_output=True, text=True
    )
    return int(out.stdout.strip() or 0)


class Traffic:
    """CLIENTS threads requesting ``paths`` round-robin; counts statuses per phase."""

    def __init__(self, base: str, paths: list[str]) -> None:
        self.base = base
        self.paths = paths
        self.phase = "before"
        self.counts: dict[str, collections.Counter[int]] = collections.defaultdict(
            collections.Counter
        )
        self.failures: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(CLIENTS)]

    def run(self, offset: int) -> None:
        client = Browser()
        i = offset
        while not self.stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            try:
                status, _, _ = client.request(self.base + path)
            except Exception as exc:  # the app server itself did not answer
                status = 599
                detail = f"{path}: {exc.__class__.__name__}"
            else:
                detail = path
            with self.lock:
                self.counts[self.phase][status] += 1
                if status >= 500:
                    self.failures.append(f"{self.phase} {status} {detail}")

    def __enter__(self) -> Traffic:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()


def share(base: str, slugs: str) -> tuple[int, str, str]:
    """Post a share link as a visitor would; (status, Retry-After, Location)."""
    visitor = Browser()
    query = f"?products={slugs}&volume=40000"
    _, _, page = visitor.request(base + "/compare/share/" + query)
    fields = form_fields(page, "share-form")
    status, headers, _ = visitor.request(
        base + "/compare/share/", fields, referer=base + "/compare/" + query
    )
    return status, headers.get("Retry-After", ""), headers.get("Location", "")


def health(base: str) -> dict[str, object]:
    _, _, body = Browser().request(base + "/healthz")
    return dict(json.loads(body))


def main() -> int:
    results: list[bool] = []
    redis = start_redis()
    try:
        with prepared_env(db="sqlite", name="poscompare_redis_outage") as env:
            env = {**env, "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0"}
            slugs = (
                manage(
                    env,
                    "shell",
                    "-c",
                    "from catalog.models import Product; print(','.join(Product.objects.active()"
                    ".order_by('slug').values_list('slug', flat=True)[:3]))",
                )
                .strip()
                .splitlines()[-1]
            )
            with app_server(env, port=APP_PORT) as server:
                status, _, location = share(server.url, slugs)
                shared = urllib.parse.urlsplit(location).path
                results.append(check("a share link is made with Redis up", status == 303))
                paths = [
                    "/",
                    "/products/",
                    f"/products/{slugs.split(',')[0]}/",
                    "/brands/",
                    "/calculator/?volume=50000&preset=retail",
                    f"/compare/?products={slugs}",
                    f"/en/compare/?products={slugs}&volume=3%E4%B8%87",
                    shared,
                    "/guides/codes/",
                    "/guides/codes/51/",
                    "/en/guides/troubleshooting/",
                    "/healthz",
                ]
                with Traffic(server.url, paths) as traffic:
                    time.sleep(PHASE_SECONDS)
                    traffic.phase = "during"
                    redis.send_signal(signal.SIGKILL)
                    redis.wait()
                    time.sleep(1)
                    status, retry, _ = share(server.url, slugs)
                    results.append(
                        check(
                            "with Redis down a share post is refused: 503 with Retry-After",
                            status == 503 and retry.isdigit(),
                            f"{status} Retry-After={retry!r}",
                        )
                    )
                    down = health(server.url)
                    results.append(
                        check(
                            "with Redis down /healthz answers 200 'degraded', cache unavailable",
                            down.get("status") == "degraded" and down.get("cache") == "unavailable",
                            str(down),
                        )
                    )
                    time.sleep(PHASE_SECONDS)
                    traffic.phase = "after"
                    redis = start_redis()
                    time.sleep(PHASE_SECONDS)
                up = health(server.url)
                results.append(
                    check("after: /healthz says the cache is ok", up.get("cache") == "ok", str(up))
                )
                status, _, location = share(server.url, slugs)
                results.append(
                    check("after: a share post makes a link again", status == 303, str(status))
                )
                keys = redis_keys()
                results.append(check("after: pages are cached in Redis again", keys > 3, str(keys)))
                for phase in ("before", "during", "after"):
                    counts = traffic.counts[phase]
                    print(
                        f"{phase:>6}: {sum(counts.values()):5d} requests, statuses "
                        + ", ".join(f"{s}×{n}" for s, n in sorted(counts.items()))
                    )
                results.append(
                    check(
                        "no public page answered 500 before, during or after the outage",
                        not traffic.failures,
                        "; ".join(traffic.failures[:5]),
                    )
                )
                results.append(
                    check(
                        "traffic ran in every phase",
                        all(
                            sum(traffic.counts[p].values()) > 20
                            for p in ("before", "during", "after")
                        ),
                    )
                )
    finally:
        if redis.poll() is None:
            redis.terminate()
            redis.wait(timeout=10)
    print("redis outage:", "all checks hold" if all(results) else "FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
