# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := FLASK_APP=wsgi.py $(BIN)/flask
PORT ?= 5000
HOST ?= 127.0.0.1

LITESTREAM ?=
LITESTREAM_BIN := $(BIN)/litestream
# Litestream's settings (litestream.yml): the database and where its replica goes.
replicate restore: export MINPLAN_DATABASE ?= $(CURDIR)/instance/minplan.sqlite
replicate restore run: export LITESTREAM_REPLICA_URL ?= file://$(CURDIR)/instance/replica

.PHONY: replicate restore backup run dev migrate test test-clock faketime wrk setup venv assets static-build translations chromium demo-data scheduler extract-messages bench clean

setup: venv assets static-build translations

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

# DKFDS compiled from its own SCSS (static/scss/minplan.scss, the npm `sass` package), and what the
# pages use copied out of node_modules, with content-hashed names and compressed (app/assets.py);
# WhiteNoise serves it under /static/ with a year's immutable caching.
static-build: static/build/manifest.json
static/build/manifest.json: $(VENV)/.installed static/node_modules/.installed static/app.css static/app.js static/favicon.svg static/scss/minplan.scss app/assets.py
	$(BIN)/python -c 'from app import assets; assets.main()'

# Compiled only when a catalogue changed, so a running server or test never reads a .mo mid-write.
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)
translations: $(CATALOGUES:.po=.mo)
translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel -q compile -d translations -l $*

# Debian's chromium for the browser tests; installed only when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Migrations run once, here, before any server process starts (never in each worker).
migrate: setup
	@MINPLAN_MIGRATE_ON_START=0 $(FLASK) db upgrade

demo-data: migrate
	@MINPLAN_MIGRATE_ON_START=0 $(FLASK) demo-data --if-empty

# gunicorn (gunicorn.conf.py: WEB_CONCURRENCY workers, default 2, on HOST:PORT) and the reminder
# scheduler as two processes (app/serve.py); Ctrl-C, or SIGTERM to make, stops both.
run: setup demo-data
	@echo "Min Plan on http://$(HOST):$(PORT) ($${WEB_CONCURRENCY:-2} workers)$(if $(filter 1,$(LITESTREAM)), replicated to $(LITESTREAM_REPLICA_URL))"
	@HOST=$(HOST) PORT=$(PORT) LITESTREAM=$(LITESTREAM) exec $(BIN)/python -m app.serve

# Continuous replication (Litestream, litestream.yml) of the database to LITESTREAM_REPLICA_URL,
# by default a file replica in instance/replica. `make run LITESTREAM=1` runs it beside the server.
replicate: migrate
	exec $(LITESTREAM_BIN) replicate -config litestream.yml

# The replica back into a new file: make restore TO=restored.sqlite
restore: venv
	@test -n "$(TO)" || { echo "usage: make restore TO=new-file.sqlite"; exit 2; }
	$(LITESTREAM_BIN) restore -config litestream.yml -o "$(TO)" "$(MINPLAN_DATABASE)"

# A consistent copy of the live database (SQLite's backup API): make backup TO=copy.sqlite
backup: venv
	@test -n "$(TO)" || { echo "usage: make backup TO=new-file.sqlite"; exit 2; }
	@MINPLAN_MIGRATE_ON_START=0 $(FLASK) backup "$(TO)"

# Development: Flask's server with the debugger and the reloader (restarts on Python, template
# and static changes), migrating at start-up. No reminder scheduler: `flask reminders run` beside it.
dev: setup demo-data
	$(FLASK) run --debug --host $(HOST) --port $(PORT) --extra-files static/app.css:static/app.js

test: setup chromium wrk
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

# Debian's wrk, the benchmark's load generator; installed only when missing.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the benchmark"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

# The benchmark (bench/README.md): a municipality of SIZE citizens, gunicorn, wrk at 1, 10 and 50
# concurrent connections. `make bench SIZE=2000` takes under two minutes.
SIZE ?= 100000
bench: setup wrk
	$(BIN)/python -m bench.run --citizens $(SIZE)

clean:
	rm -rf $(VENV) static/node_modules static/build
