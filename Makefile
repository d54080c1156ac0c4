# toxgui: `make run` launches the app, `make test` runs the whole test suite.
# Both create the virtual environment (.venv) on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: setup run demo test test-fast lint bench bench-full soak clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q -U pip
	$(VENV)/bin/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/python -m toxgui $(ARGS)

demo: $(STAMP)
	$(VENV)/bin/python -m toxgui --demo $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	sh scripts/run-tests.sh $(ARGS)
	sh scripts/test-newer-ctoxcore.sh

test-fast: $(STAMP)
	sh scripts/run-tests.sh -m "not slow and not interop" $(ARGS)

bench: $(STAMP)
	sh scripts/run-tests.sh --bench quick

bench-full: $(STAMP)
	sh scripts/run-tests.sh --bench full

soak: $(STAMP)
	sh scripts/run-tests.sh --soak

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
