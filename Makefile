# The two commands of the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/.demo/nettverk-demo.db
DEMO_URL := sqlite:///$(DEMO_DB)

.PHONY: run test lint typecheck pytest bench system-deps demo-db clean help

help:
	@echo "make run    - set up and open nettverk on a demo database"
	@echo "make test   - set up and run ruff, mypy, import contracts and the whole test suite"
	@echo "make bench  - run the benchmarks (on demand)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Tools from Debian that tests use: pdftotext/pdftoppm (poppler-utils) for the PDF reports,
# chromium for the browser mode, pg_dump for PostgreSQL backups, LibreOffice Calc to open exported
# CSV and xlsx files as a recipient would, tmux to drive the real app in a terminal. Installed
# only when missing.
SYSTEM_TOOLS := pdftotext:poppler-utils chromium:chromium pg_dump:postgresql-client soffice:libreoffice-calc-nogui tmux:tmux
system-deps:
	@missing=""; for pair in $(SYSTEM_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; \
	  else echo "note: missing$$missing (apt-get install$$missing); tests needing them will skip"; fi; \
	fi

$(DEMO_DB): | $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/nettverk --db $(DEMO_URL) init --demo

demo-db: $(STAMP) $(DEMO_DB)

run: $(STAMP) $(DEMO_DB)
	$(BIN)/nettverk --db $(DEMO_URL) init --demo >/dev/null
	$(BIN)/nettverk --db $(DEMO_URL)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# Tests run in parallel (pytest-xdist), one worker per core; each file stays on one worker, so
# module fixtures are built once, and each worker has its own scratch databases.
PYTEST_ARGS ?= -n auto --dist loadfile
pytest: $(STAMP) system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
