"""Start the production configuration (gunicorn, DEBUG off) for scripts: benchmarks, page weight,
the two-server check. One place that knows how to prepare a database and run app servers.

    with prepared_env(db="sqlite") as env:            # migrate + seed + collectstatic
        with app_server(env, port=8301) as server:    # gunicorn -c config/gunicorn.conf.py
            ...server.url, server.worker_pids()...
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_BASE = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")


def production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CACHE_URL"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        GUNICORN_MAX_REQUESTS="0",  # no worker recycling: keeps the CPU accounting whole
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, capture: bool = True) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout if capture else ""


@contextlib.contextmanager
def prepared_env(
    *, db: str, name: str = "poscompare_bench", redis_db: int = 9
) -> Iterator[dict[str, str]]:
    """A production environment on a fresh database ("sqlite" or "postgres"), seeded."""
    if db == "sqlite":
        path = Path("/tmp") / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        env = production_env(DATABASE_URL=f"sqlite:///{path}")
    elif db == "postgres":
        subprocess.run(
            ["psql", PG_ADMIN_URL + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["psql", PG_ADMIN_URL + "/postgres", "-qc", f"CREATE DATABASE {name}"],
            check=True,
            capture_output=True,
        )
        env = production_env(
            DATABASE_URL=f"{PG_ADMIN_URL}/{name}", REDIS_URL=f"{REDIS_BASE}/{redis_db}"
        )
        subprocess.run(
            ["redis-cli", "-n", str(redis_db), "flushdb"], check=True, capture_output=True
        )
    else:
        raise ValueError(db)
    manage(env, "migrate", "--noinput")
    manage(env, "seed")
    manage(env, "collectstatic", "--noinput")
    yield env


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the master and its workers."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in [self.process.pid, *self.worker_pids()]:
            with contextlib.suppress(FileNotFoundError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / tick


@contextlib.contextmanager
def app_server(env: dict[str, str], *, port: int, workers: int = 2) -> Iterator[Server]:
    process = subprocess.Popen(
        [GUNICORN, "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)},
    )
    server = Server(url=f"http://127.0.0.1:{port}", process=process)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(server.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn on port {port} did not start") from None
                time.sleep(0.3)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
