# ZWK – two commands for people: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_ENV := DEBUG=1 SECRET_KEY=demo-only-insecure-key
HOST ?= 127.0.0.1
PORT ?= 8000
# Parallel test processes (pytest-xdist): one per CPU core, at most four.
TEST_WORKERS ?= auto

.PHONY: demo test install install-test browser lint serve kern

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when the dependency list changed (keeps a second `make demo` fast).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# .env for `python manage.py …` in this checkout (read by settings.py; never in production).
.env:
	@printf '# Entwicklung (make demo): nie im Betrieb verwenden.\nDEBUG=1\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "$@ für die Entwicklung angelegt (DEBUG=1, zufälliger SECRET_KEY)."

demo: install .env
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(DEMO_ENV) $(BIN)/python manage.py demo
	@echo "ZWK läuft auf http://$(HOST):$(PORT)/ – Anmeldung z. B. geschaeftsstelle / demo (Beenden mit Strg+C)"
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser tests need Debian's Chromium (never a downloaded browser) and axe-core from npm.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installiere Chromium (Debian-Pakete chromium, chromium-driver) …"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then npm ci --no-audit --no-fund --silent; fi

# KERN UX-Standard: the built CSS and fonts are committed in src/zwk/static/zwk/vendor/kern/, so
# `make demo` and production need no npm. After changing its version in package.json:
kern:
	npm ci --no-audit --no-fund --silent
	$(PYTHON) tools/vendor_kern.py

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# pytest exits with 5 when it collected no tests; for us that is a broken suite, not success.
test: install-test browser lint
	$(DEMO_ENV) $(BIN)/python manage.py makemigrations --check --dry-run -v 0 || (echo "Fehlende Migrationen: bitte makemigrations ausführen." && exit 1)
	$(BIN)/pytest -n $(TEST_WORKERS) --maxprocesses 4; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "Keine Tests gefunden – das werten wir als Fehler."; exit 1; fi; \
	exit $$rc
