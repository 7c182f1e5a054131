# Two entry points: `make run` (the tracker on tracker.db) and `make test` (the whole suite);
# `make check` lints, checks the formatting and type-checks tracker/ (CI runs it before the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test check bench clean

run: $(STAMP)
	$(BIN)/tracker

test: $(STAMP)
	$(BIN)/python -m pytest -n auto -q

bench: $(STAMP)
	$(BIN)/python -m bench

check: $(STAMP)
	$(BIN)/ruff check tracker tests migrations bench setup.py
	$(BIN)/ruff format --check tracker tests migrations bench setup.py
	$(BIN)/mypy

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache
