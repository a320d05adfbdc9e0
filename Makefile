# POS Compare — the one entry point. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k engine"`.
PYTEST_ARGS ?= -n 2
# The lock file: every package (and its hash) that CI tested; pyproject.toml keeps the ranges.
LOCK   := requirements.lock
PG_URL ?= postgres://postgres@127.0.0.1:5432/poscompare_ci
CI_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: help setup run serve-prod test test-fast ci lint format lock check-messages messages \
	page-weight bench-load bench-rank two-servers api-schema bench-dataset check-data bench-statement \
	redis-outage behind-nginx clean

help:
	@echo "make run    - set up (venv, install, migrate, seed) and serve on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test   - set up and run every test (unit, integration, browser)"
	@echo "make setup  - the set-up part alone (idempotent)"
	@echo "make serve-prod - the production configuration (gunicorn, DEBUG off) on http://$(HOST):$(PORT)"
	@echo "make test-fast - everything but the browser and fuzz tests (under 2 minutes)"
	@echo "make ci     - what CI runs once services are up: tests on SQLite and on PostgreSQL +"
	@echo "              Redis, two app servers, page weight, lint and the other static checks"
	@echo "make lint   - ruff (lint + format), mypy (strict), djLint, migrations and messages checks"
	@echo "make lock   - re-resolve $(LOCK) from pyproject.toml (needs network)"
	@echo "make bench-rank - time ranking 1,000 synthetic plans for one profile (goal <= 50 ms)"
	@echo "make bench-statement - read, price and audit a 100,000-payment statement (<= 5 s, <= 300 MB)"

# Installs exactly what the lock names, checked against its hashes (no resolver, no surprises).
$(STAMP): $(LOCK)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	touch $(STAMP)

# The lock is made by uv from pyproject.toml's ranges (all extras, for Python 3.11 on Linux).
lock:
	test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --no-header --quiet -o $(LOCK)

setup: $(STAMP)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py setup_roles

run: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

# The production configuration, locally: DEBUG off, hashed + compressed static files served by
# WhiteNoise, gunicorn with config/gunicorn.conf.py. Plain HTTP on localhost, so the HTTPS
# redirect is off; everything else is as in production. Pass DATABASE_URL / REDIS_URL to use
# PostgreSQL and Redis.
PROD_ENV = DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}

serve-prod: setup
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(PROD_ENV) $(PY) manage.py check --deploy
	$(PROD_ENV) GUNICORN_BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.conf.py config.wsgi

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# The fast lane: no browser, no fuzzing.
test-fast: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS) -m "not e2e and not fuzz"

# Everything CI checks once PostgreSQL and Redis run (.ci/run starts them, then calls this).
ci: $(STAMP)
	$(MAKE) test
	DATABASE_URL="$(PG_URL)" REDIS_URL="$(CI_REDIS_URL)" $(MAKE) test
	$(MAKE) two-servers
	$(MAKE) redis-outage
	$(MAKE) behind-nginx
	$(MAKE) page-weight
	$(MAKE) api-schema
	$(MAKE) lint
	$(MAKE) check-data

# Load benchmark (wrk; gunicorn 2 workers) on SQLite and on PostgreSQL + Redis. Not a test.
bench-load: $(STAMP)
	$(PY) scripts/bench_load.py $(BENCH_ARGS)

# Two app servers on one PostgreSQL and one Redis: shared links, fee changes and rate limits
# cross between them (needs the local PostgreSQL and Redis; CI runs it).
two-servers: $(STAMP)
	$(PY) scripts/two_servers.py

# Schemathesis over every API operation against the live schema (production configuration).
api-schema: $(STAMP)
	$(PY) scripts/api_schema_check.py

# Benchmark (not a test): the open dataset's build time and the size of fees.json / fees.csv.
bench-dataset: $(STAMP)
	$(PY) scripts/bench_dataset.py

# Redis killed mid-traffic (its own redis-server on port 8531, gunicorn on 8532): no 500 on public
# pages, share posts 503 + Retry-After while it is down, recovery when it is back (~30 s).
redis-outage: $(STAMP)
	$(PY) scripts/redis_outage.py

# Two app servers behind deploy/nginx.conf (nginx-light, self-signed TLS, ports 8536-8540): HSTS,
# static files, the client's address, slowloris (~70 s).
behind-nginx: $(STAMP)
	$(PY) scripts/behind_nginx.py

# First-visit page weight in Chromium against the production configuration (goal ≤ 150 KB).
page-weight: $(STAMP)
	$(PY) scripts/page_weight.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_DEBUG=1 $(PY) -m mypy
	$(VENV)/bin/djlint templates --lint
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_messages.py

# The data check on a fresh copy of the fixtures: a tier per figure, honest dates, no current
# plan of a discontinued product (catalog/datacheck.py); --audit prints the figures by tier.
CHECK_DB := $(CURDIR)/.check-data.sqlite3
check-data: $(STAMP)
	rm -f $(CHECK_DB)
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$(CHECK_DB) $(PY) manage.py migrate --noinput -v0
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$(CHECK_DB) $(PY) manage.py seed >/dev/null
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$(CHECK_DB) $(PY) manage.py check_data --audit
	rm -f $(CHECK_DB)

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Benchmark (not a test): median time to rank 1,000 synthetic plans for one merchant profile.
bench-rank: $(STAMP)
	$(PY) scripts/bench_rank.py

# Benchmark (not a test): a 100,000-payment statement read, priced under every plan in force
# and audited (goal: <= 5 s wall, <= 300 MB peak). Needs the seeded database (make setup).
bench-statement: setup
	$(PY) scripts/bench_statement.py

# Regenerate the translation catalogue and compile it (needs gettext).
messages: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --no-location --no-obsolete -i 'scripts/*' -i 'tests/*' -i 'artifacts/*' -i 'staticfiles/*'
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l zh_Hans -i .venv -i staticfiles

# Fail when the committed .mo is not what the committed .po compiles to, or a string is untranslated.
check-messages: $(STAMP)
	$(PY) scripts/check_messages.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache
