# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := FLASK_APP=wsgi.py $(BIN)/flask
PORT ?= 5000
HOST ?= 127.0.0.1

.PHONY: run test test-clock faketime setup venv assets translations chromium demo-data scheduler extract-messages bench clean

setup: venv assets translations

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# DKFDS (and axe-core for the accessibility tests) from npm, into git-ignored static/node_modules.
assets: static/node_modules/.installed
static/node_modules/.installed: static/package.json static/package-lock.json
	npm ci --prefix static --no-audit --no-fund --loglevel=error
	touch $@

translations: venv
	$(BIN)/pybabel -q compile -d translations

# Debian's chromium for the browser tests; installed only when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo-data: setup
	$(FLASK) demo-data --if-empty

# The web server and the reminder scheduler side by side; Ctrl-C stops both. The scheduler takes
# SIGTERM as an orderly stop (it finishes the message in hand), so wait for it to end.
run: setup demo-data
	@echo "Min Plan on http://$(HOST):$(PORT)"
	@$(FLASK) reminders run & SCHED=$$!; \
	trap 'kill $$SCHED 2>/dev/null; wait $$SCHED 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

test: setup chromium
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

# Debian's faketime for test-clock; installed only when missing.
faketime:
	@command -v faketime >/dev/null 2>&1 || { \
	  echo "Installing Debian's faketime for the clock tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq faketime >/dev/null; }

# The suite (without the browser tests) at each instant in tests/instants.py, the machine's clock
# moved there by faketime and MINPLAN_TEST_NOW set to it.
test-clock: setup faketime
	$(BIN)/python -m tests.instants

# Re-extract messages and update the catalogues (see README: translations).
extract-messages: venv
	$(FLASK) translate update

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) static/node_modules
