# The two set-up commands in the README are `make demo` and `make test`; both build ./.venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := out/examples.db

.PHONY: install install-test demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

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
