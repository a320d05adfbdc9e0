"""Environment for the test run, loaded by pytest before Django (``-p tests.testenv``).

Tests use the development defaults (no secret key needed, plain static storage); the production
settings are tested separately by running ``manage.py check --deploy`` with production values.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls in browser tests
# are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
