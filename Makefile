# The two set-up commands in the README are `make demo` and `make test`; both build ./.venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := out/examples.db

WEB := src/newsledger/web
WEB_STAMP := $(WEB)/node_modules/.package-lock.json

.PHONY: install install-test demo test bench clean web-deps browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock $(WEB_STAMP)
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# Front-end packages for the web UI, from the committed package-lock.json (served from node_modules).
$(WEB_STAMP): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund
	touch $@

web-deps: $(WEB_STAMP)

# Debian's Chromium for the browser tests (never a browser downloaded by Playwright).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
		else echo "chromium is missing: run 'sudo apt-get install -y chromium' (browser tests skip without it)"; fi; \
	fi

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser

# The main job on the bundled example articles: ingest, then timeline, claims and contradictions.
demo: install
	@mkdir -p out
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsledger --db $(DEMO_DB) ingest examples/
	$(BIN)/newsledger --db $(DEMO_DB) timeline
	$(BIN)/newsledger --db $(DEMO_DB) claims
	$(BIN)/newsledger --db $(DEMO_DB) contradictions --all
	$(BIN)/newsledger --db $(DEMO_DB) export --format json --output out/examples.json

test: install-test
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) out
