# Routekaart: `make demo` runs the demo, `make test` runs every test. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMPS := .stamps
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo demo-setup serve install test test-sqlite test-postgres fuzz lint bench load messages chromium postgresql lock clean

install: $(STAMPS)/python $(STAMPS)/npm

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

$(STAMPS)/python: requirements/dev.txt | $(PY)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements/dev.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/npm: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

demo-setup: install
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_configuration
	$(MANAGE) setup_demo

# The demo serves on 127.0.0.1:8000 with the local BRP stub (residents/brp/stub.py, Haal Centraal BRP Personen
# bevragen v2 for a few invented persons) beside it on BRP_STUB_PORT, and a local OIDC provider as DigiD for Mijn
# Routekaart on OIDC_PORT (oidc-provider-mock), whose users `portal_demo_users` reads from the database: the
# `inwoner` account's resident at DigiD Midden (inwoner-midden) and at Basis (inwoner-basis, refused); its console is
# silenced because its log lines name the users' claims (a BSN). Ctrl-C stops all.
BRP_STUB_PORT ?= 8001
OIDC_PORT ?= 8002
demo: demo-setup
	@PYTHONPATH=src $(PY) -m routekaart.residents.brp.stub --port $(BRP_STUB_PORT) & stub=$$!; \
	users=$$($(MANAGE) portal_demo_users); set -f; \
	AUTHLIB_INSECURE_TRANSPORT=1 $(PY) -m oidc_provider_mock --port $(OIDC_PORT) $$users >/dev/null 2>&1 & oidc=$$!; \
	set +f; \
	trap 'kill $$stub $$oidc 2>/dev/null' EXIT INT TERM; \
	BRP_API_URL=http://127.0.0.1:$(BRP_STUB_PORT)/haalcentraal/api/brp \
	PORTAL_OIDC_ISSUER=http://127.0.0.1:$(OIDC_PORT) $(MANAGE) runserver 127.0.0.1:8000

# Production settings on PostgreSQL behind gunicorn, with the job worker (scripts/serve.py, docs/deployment.md).
# Without DATABASE_URL a persistent cluster in var/postgres; secrets made once in var/serve.env. SERVE_ARGS=--demo
# also makes the demo town. Ctrl-C stops all.
SERVE_ARGS ?=
serve: install $(if $(DATABASE_URL),,postgresql)
	$(PY) scripts/serve.py $(SERVE_ARGS)

postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "PostgreSQL ontbreekt; installeren uit Debian (apt-get install postgresql)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; \
	  else \
	    echo "PostgreSQL ontbreekt. Installeer het als root: sudo apt-get install -y postgresql"; exit 1; \
	  fi; \
	fi

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Chromium ontbreekt; installeren uit Debian (apt-get install chromium)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium ontbreekt. Installeer het als root: sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=src $(VENV)/bin/lint-imports --no-cache --no-logo .importlinter

test-sqlite: install chromium
	$(VENV)/bin/pytest

# Every test, on both databases at once (the machine has two cores; each suite's output is printed when it ends).
test: lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-postgres: install chromium postgresql
	$(PY) scripts/with_postgres.py $(VENV)/bin/pytest

# The API fuzz test of `make test` with a long budget (tests/api_fuzz; figures in var/fuzz-report.json and
# docs/security.md). FUZZ_EXAMPLES=N sets the examples per operation and caller.
FUZZ_EXAMPLES ?= 60
fuzz: install
	@mkdir -p var
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_REPORT=var/fuzz-report.json $(VENV)/bin/pytest tests/api_fuzz -q -p no:randomly
	@cat var/fuzz-report.json

bench: install
	$(PY) bench/run.py

# The load harness (bench/load, docs/performance.md): the code of 239c00e and this tree, each behind gunicorn with
# production settings on a PostgreSQL town of LOAD_RESIDENTS (built once, kept in LOAD_PG_DIR), at 1 and 16 users.
# Quick check: make load LOAD_RESIDENTS=20000 LOAD_TOWN=small_before LOAD_DURATION=10
load: install
	bench/load/run_compare.sh

messages: install
	cd src/routekaart && $(abspath $(PY)) $(abspath manage.py) makemessages -l nl -l en --no-obsolete && $(abspath $(PY)) $(abspath manage.py) compilemessages

lock: | $(PY)
	$(VENV)/bin/uv pip compile --quiet requirements/base.in -o requirements/base.txt
	$(VENV)/bin/uv pip compile --quiet requirements/dev.in -o requirements/dev.txt
	$(VENV)/bin/uv pip compile --quiet requirements/bench.in -o requirements/bench.txt

clean:
	rm -rf $(VENV) $(STAMPS) node_modules var staticfiles
