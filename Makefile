# kamtui developer tasks. Works on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test

.PHONY: demo test lint typecheck bench clean

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

## test: lint, type-check and run the whole test suite
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest

## lint: ruff, the format check and the import contracts of the layers (pyproject.toml)
lint: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check kamtui tests bench sample_data
	$(BIN)/ruff format --check kamtui tests bench sample_data

typecheck: $(STAMP)
	$(BIN)/mypy

## bench: run every benchmark under bench/ and print ratios against their references
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
