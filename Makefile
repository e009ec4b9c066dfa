# kamtui developer tasks. Works on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test

.PHONY: demo test test-thorough test-fast lint typecheck bench catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## demo: open kamtui on a scratch copy of the bundled sample workspace
demo: $(STAMP)
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/kamtui-demo.XXXXXX"); \
	cp -R sample_data/workspace/. "$$scratch/"; \
	echo "Sample workspace copied to $$scratch"; \
	$(BIN)/kamtui --workspace "$$scratch"

# pytest workers. The TUI tests mostly wait on the event loop, so more workers than cores pays:
# on a 2-core machine 3 measured fastest (see the README, "Development").
WORKERS ?= 3
PYTEST  := $(BIN)/python -m pytest
# The test files that mark tests `serial` (pytest.mark.serial): only they are collected again
# for the serial run, not the whole suite. Exit status 5 ("no tests collected") is no failure.
SERIAL  := $(shell grep -rl --include='*.py' 'pytest.mark.serial' tests)

# The test runs keep Python's bytecode caches even where PYTHONDONTWRITEBYTECODE is set (an empty
# value writes them): without the caches every worker compiles kamtui and pytest rewrites the
# asserts of every test module again, about 9 s of CPU a worker (13.6 s instead of 4.7 s to
# collect the suite), and each kamtui the tests start compiles what it imports.
test test-fast test-thorough: export PYTHONDONTWRITEBYTECODE :=

## test: lint, type-check, then the test suite in parallel, then the tests marked `serial`
test: $(STAMP) lint typecheck
	$(PYTEST) -n $(WORKERS) -m "not serial"
	$(if $(SERIAL),$(PYTEST) -p no:xdist -m serial $(SERIAL) || test $$? -eq 5)

## test-thorough: the suite with many more property-test examples (KAMTUI_EXAMPLES=3: 7.5 times
## those of make test); slow, for before a release or after changing the codec or the reader
test-thorough: $(STAMP)
	KAMTUI_EXAMPLES=3 $(PYTEST) -n $(WORKERS) -m "not serial" tests/core tests/cli

## test-fast: the core and CLI tests only (no Textual app, no tmux), in parallel
test-fast: $(STAMP)
	$(PYTEST) -n $(WORKERS) -m "not serial" tests/core tests/cli
	$(if $(filter tests/core/% tests/cli/%,$(SERIAL)),$(PYTEST) -p no:xdist -m serial \
		$(filter tests/core/% tests/cli/%,$(SERIAL)) || test $$? -eq 5)

## lint: ruff, the format check and the import contracts of the layers (pyproject.toml)
lint: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check kamtui tests bench sample_data tools
	$(BIN)/ruff format --check kamtui tests bench sample_data tools

typecheck: $(STAMP)
	$(BIN)/mypy

## catalogs: add newly marked strings to the translation catalogs and compile them
## (tools/catalogs.py; translate the new ones in kamtui/locale/it/LC_MESSAGES/kamtui.po)
catalogs: $(STAMP)
	$(BIN)/python tools/catalogs.py

## bench: run every benchmark under bench/ and print ratios against their references
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
