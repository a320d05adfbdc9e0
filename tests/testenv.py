"""Environment for the test run, loaded by pytest before Django (``-p tests.testenv``).

Tests use the development defaults (no secret key needed, plain static storage); the production
settings are tested separately by running ``manage.py check --deploy`` with production values.
"""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "1")
# Canonical links and share URLs name the site from this setting (never the Host header).
os.environ.setdefault("DJANGO_SITE_URL", "http://testserver")
# Playwright's sync API runs an event loop in the test thread; the ORM calls in browser tests
# are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# WhiteNoise warns when STATIC_ROOT does not exist yet (collectstatic has not run): tests serve
# static files from the finders, so an empty folder is all it needs.
(Path(__file__).resolve().parents[1] / "staticfiles").mkdir(exist_ok=True)


# Tests empty the cache before each test (tests/conftest.py), and on Redis that empties the
# whole database: give each pytest-xdist worker a database of its own (REDIS_URL's and the ones
# below it), so one worker's clean-up never wipes another's fee-data version or pages mid-test.
def worker_redis_url(url: str, worker: str) -> str:
    """The Redis URL for xdist worker ``gwN``: database N below the given one (above it when
    that would be negative)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0)
    n = int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{db - n if db - n >= 0 else db + n}"))


if os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw") and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = worker_redis_url(
        os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"]
    )
