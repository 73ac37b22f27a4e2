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

# Tools from Debian that tests use (pdftotext/pdftoppm); installed only when missing.
system-deps:
	@if ! command -v pdftotext >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >/dev/null; \
	  else echo "note: pdftotext missing (apt-get install poppler-utils); PDF tests will skip"; fi; \
	fi

$(DEMO_DB): | $(STAMP)
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

pytest: $(STAMP) system-deps
	$(BIN)/python -m pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
