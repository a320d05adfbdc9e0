"""Load benchmark of the production configuration (gunicorn, 2 workers) with wrk.

    python scripts/bench_load.py                      (or: make bench-load)
    python scripts/bench_load.py --db sqlite --duration 5 --connections 8

For each database set-up (SQLite; PostgreSQL + Redis) it starts gunicorn, warms every page, then
drives each page for a fixed time at each connection count and prints requests/s, p50, p99 and
errors, the page's throughput as a ratio of the trivial view's in the same run, and the server's
CPU time per request (master + workers, from /proc) as a ratio of the trivial view's — steadier
than throughput on a shared machine, since wrk competes for the same cores.

"uncached" rows send a different monthly volume with every request (a wrk Lua script), so every
request computes its ranking or comparison; "cached" rows repeat one URL.
Goals: cached comparison/calculator ≥ 0.5 of the trivial view's throughput, uncached ≥ 0.25,
p99 < 100 ms at 32 connections, no errors.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.prodserver import ROOT, Server, app_server, manage, prepared_env  # noqa: E402

UNCACHED_LUA = """
local counter = 0
math.randomseed(os.time())
function setup(thread)
  thread:set("salt", math.random(1, 1000000))
end
function request()
  counter = counter + 1
  local volume = 10000 + (salt * 7919 + counter * 13) % 90000000
  return wrk.format("GET", wrk.path .. "&volume=" .. volume)
end
"""

# Prepares what the pages need (four product slugs, a shared comparison) and prints JSON.
FIXTURE_CODE = """
import json
from django.utils import timezone
from compare.services import comparison_share
from catalog.models import Product
slugs = list(Product.objects.active().order_by("slug").values_list("slug", flat=True)[:4])
code = comparison_share(slugs=slugs, params={}, user=None, on=timezone.localdate()).code
print(json.dumps({"slugs": slugs, "share_code": code}))
"""


@dataclass
class Target:
    name: str
    path: str
    uncached: bool = False
    kind: str = "page"  # "trivial", "static" or "page"
    goal_ratio: float | None = None  # minimum throughput ratio to the trivial view
    headers: tuple[str, ...] = ()  # extra request headers, e.g. an htmx request's


@dataclass
class Result:
    target: Target
    connections: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    cpu_ms_per_request: float


HTMX = ("HX-Request: true", "HX-Current-URL: http://127.0.0.1/")


def targets(fixture: dict[str, Any], static_path: str) -> list[Target]:
    four = ",".join(fixture["slugs"])
    result = [
        Target("trivial view", "/ping", kind="trivial"),
        Target("static file (css)", static_path, kind="static"),
        Target("home", "/"),
        Target("products, filtered", "/products/?kind=esign&features=nfc&max_deposit=100"),
        Target("calculator (cached)", "/calculator/?volume=50000&preset=retail", goal_ratio=0.5),
        Target("calculator (uncached)", "/calculator/?preset=retail", True, goal_ratio=0.25),
        Target("compare 4 (cached)", f"/compare/?products={four}&volume=50000", goal_ratio=0.5),
        Target("compare 4 (uncached)", f"/compare/?products={four}", True, goal_ratio=0.25),
        # What the live forms send while a merchant types: the results fragment alone.
        Target(
            "calculator update (htmx, uncached)", "/calculator/?preset=retail", True, headers=HTMX
        ),
        Target("compare update (htmx, uncached)", f"/compare/?products={four}", True, headers=HTMX),
        Target("guides: code 51", "/guides/codes/51/"),
    ]
    if fixture.get("share_code"):
        result.insert(-1, Target("shared link", f"/s/{fixture['share_code']}/"))
    return result


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        raise ValueError(f"unexpected wrk latency {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wait_idle(server: Server, timeout: float = 15.0) -> None:
    """Wait until the workers have finished what the previous row left queued.

    wrk stops at its deadline, but gunicorn still owes answers to the requests already sent: with
    32 connections on a slow page that is up to half a second of work, which would otherwise land
    on the next row as a latency stall (and as CPU time it did not cause).
    """
    deadline = time.monotonic() + timeout
    last = server.cpu_seconds()
    quiet = 0
    while quiet < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
        now = server.cpu_seconds()
        quiet = quiet + 1 if now - last < 0.005 else 0
        last = now


def wrk_figure(pattern: str, out: str, flags: int = 0) -> str:
    """The first group of ``pattern`` in wrk's report, which gives every figure read from it."""
    return re.search(pattern, out, flags).group(1)  # type: ignore[union-attr]  # always there


def run_wrk(server: Server, target: Target, connections: int, duration: int, lua: Path) -> Result:
    url = server.url + target.path
    wait_idle(server)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    command += ["-H", "Accept-Encoding: gzip, deflate, br"]  # as a browser asks
    for header in target.headers:
        command += ["-H", header]
    if target.uncached:
        command += ["-s", str(lua)]
    cpu_before = server.cpu_seconds()
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    cpu = server.cpu_seconds() - cpu_before
    if "Latency Distribution" not in out:
        raise RuntimeError(f"wrk gave no latency for {url}:\n{out}")
    requests = int(wrk_figure(r"(\d+) requests in", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(x) for x in sock.groups()) if sock else 0
    )
    return Result(
        target=target,
        connections=connections,
        rps=float(wrk_figure(r"Requests/sec:\s+([\d.]+)", out)),
        p50_ms=to_ms(wrk_figure(r"^\s+50%\s+(\S+)", out, re.M)),
        p99_ms=to_ms(wrk_figure(r"^\s+99%\s+(\S+)", out, re.M)),
        errors=errors,
        requests=requests,
        cpu_ms_per_request=cpu * 1000 / requests if requests else float("nan"),
    )


def warm(server: Server, target: Target) -> None:
    path = target.path + ("&volume=12345" if target.uncached else "")
    headers = dict(h.split(": ", 1) for h in target.headers)
    for _ in range(3):
        request = urllib.request.Request(server.url + path, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            response.read()


def static_css_path() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    css: str = manifest["paths"]["css/site.css"]
    return "/static/" + css


def report(db: str, results: list[Result]) -> list[str]:
    lines = [
        f"### {db}",
        "",
        "| page | conns | req/s | p50 ms | p99 ms | errors | throughput ÷ trivial "
        "| CPU ms/req | CPU ÷ trivial | goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for conns in sorted({r.connections for r in results}):
        rows = [r for r in results if r.connections == conns]
        trivial = next(r for r in rows if r.target.kind == "trivial")
        for r in rows:
            ratio = r.rps / trivial.rps if trivial.rps else float("nan")
            cpu_ratio = r.cpu_ms_per_request / trivial.cpu_ms_per_request
            checks = []
            if r.target.goal_ratio is not None:
                checks.append(
                    "≥"
                    + f"{r.target.goal_ratio:g} "
                    + ("✓" if ratio >= r.target.goal_ratio else "✗")
                )
            if conns >= 32:
                checks.append("p99<100 " + ("✓" if r.p99_ms < 100 else "✗"))
            if r.errors:
                checks.append("ERRORS")
            lines.append(
                f"| {r.target.name} | {conns} | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} "
                f"| {r.errors} | {ratio:.2f} | {r.cpu_ms_per_request:.2f} | {cpu_ratio:.1f} "
                f"| {' '.join(checks)} |"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and load")
    parser.add_argument("--connections", default="8,32")
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--only", default="", help="comma-separated words: run only matching pages")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install -y wrk)", file=sys.stderr)
        return 2
    connections = [int(c) for c in args.connections.split(",")]
    output = [
        f"Load benchmark, {time.strftime('%Y-%m-%d')}, {platform.node()}: "
        f"{platform.processor() or platform.machine()}, {subprocess.getoutput('nproc')} cores, "
        f"gunicorn 2 sync workers, wrk -t2, {args.duration}s per row.",
        "",
    ]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        lua = Path(tmp) / "uncached.lua"
        lua.write_text(UNCACHED_LUA)
        for db in args.db.split(","):
            with prepared_env(db=db) as env:
                fixture = json.loads(
                    manage(env, "shell", "-c", FIXTURE_CODE).strip().splitlines()[-1]
                )
                with app_server(env, port=args.port) as server:
                    pages = targets(fixture, static_css_path())
                    if args.only:
                        words = args.only.split(",")
                        pages = [
                            t
                            for t in pages
                            if t.kind == "trivial" or any(w in t.name for w in words)
                        ]
                    for target in pages:
                        warm(server, target)
                    results = [
                        run_wrk(server, target, c, args.duration, lua)
                        for c in connections
                        for target in pages
                    ]
            table = report("SQLite" if db == "sqlite" else "PostgreSQL + Redis", results)
            failed |= any("✗" in line or "ERRORS" in line for line in table)
            output += [*table, ""]
            print("\n".join(table) + "\n", flush=True)
    print("\n".join(output))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
