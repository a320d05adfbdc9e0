"""Settings come from the environment: each case runs a fresh interpreter with its own variables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "test-only-" + "k3y-" * 14,
    "DJANGO_ALLOWED_HOSTS": "pos.example.cn",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://pos.example.cn",
}


def run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CACHE_URL"))
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


DUMP = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST'), "
    "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'csrf': s.CSRF_TRUSTED_ORIGINS, 'session_cookie': s.SESSION_COOKIE_NAME}))"
)


def dump(**env: str) -> dict:
    result = run(DUMP, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_sqlite_in_repo_and_local_memory_cache():
    conf = dump(DJANGO_DEBUG="1")
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"] == str(ROOT / "db.sqlite3")
    assert conf["cache"].endswith("LocMemCache")
    assert conf["debug"] is True


def test_database_url_and_redis_url_are_honoured():
    conf = dump(
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://pos:secret@db.internal:5433/poscompare",
        REDIS_URL="redis://cache.internal:6379/2",
    )
    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["name"] == "poscompare"
    assert conf["host"] == "db.internal"
    assert conf["cache"].endswith("RedisCache")


def test_debug_defaults_off_and_secret_key_is_required_to_serve():
    assert dump()["debug"] is False
    for app in ("config.wsgi", "config.asgi"):
        result = run(f"import {app}")
        assert result.returncode != 0, app
        assert "DJANGO_SECRET_KEY must be set" in result.stderr, app
    assert run("import config.wsgi", **PRODUCTION_ENV).returncode == 0


def test_commands_that_need_no_key_run_without_one():
    result = run(
        "from django.core.management import execute_from_command_line as run; "
        "run(['manage.py', 'makemigrations', '--check', '--dry-run'])"
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_production_values_are_read():
    conf = dump(**PRODUCTION_ENV)
    assert conf["debug"] is False
    assert conf["hosts"] == ["pos.example.cn"]
    assert conf["csrf"] == ["https://pos.example.cn"]
    assert conf["session_cookie"] == "__Host-sessionid"


def test_check_deploy_is_clean_with_production_values():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
