# persona-cli: `make run` lints, ages and renders the examples and writes their report to
# out/report/; `make test` runs ruff, mypy --strict, lint-imports (the layer contracts) and
# pytest; `make bench` compares against peers (not part of the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
WHEELHOUSE := $(VENV)/wheelhouse

.PHONY: run test lint typecheck pytest bench schema readme golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The wheelhouse lets tests/test_precommit.py install the hook offline (PIP_NO_INDEX): the
# dependencies' wheels plus the build backend that `pip install .` needs.
$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip wheel --quiet -w $(WHEELHOUSE) . 'setuptools>=68' wheel
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/persona lint examples/personas examples/segments
	$(BIN)/persona lint examples/public-service
	$(BIN)/persona lint examples/extends
	$(BIN)/persona render --team all --out out/public-service --prune examples/public-service
	$(BIN)/persona age examples/personas examples/segments
	$(BIN)/persona render --team all --out out/briefings --prune examples/personas
	$(BIN)/persona render --team sales --segment all --out out/briefings --prune examples/personas
	$(BIN)/persona report --out out/report examples/personas examples/segments
	$(BIN)/persona import --dry-run examples/import

test: $(STAMP_TEST)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy --strict src
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(STAMP_TEST)
	$(BIN)/python -m compileall -q src  # timed as an installed wheel runs: from bytecode
	$(BIN)/python bench/lint_vs_check_jsonschema.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/diff_vs_git_diff.py
	$(BIN)/python bench/render_vs_lint.py
	$(BIN)/python bench/age_vs_git_log.py
	$(BIN)/python bench/import_real.py
	$(BIN)/python bench/real_findings.py
	$(BIN)/python bench/caches.py
	$(BIN)/python bench/latency.py

# Regenerate the committed JSON Schemas (persona, segment) from the models (a test keeps them in sync).
schema: $(STAMP_RUN)
	$(BIN)/persona schema --output schemas/persona.schema.json
	cp schemas/persona.schema.json src/persona_cli/data/persona.schema.json
	$(BIN)/persona schema --type segment --output schemas/segment.schema.json
	cp schemas/segment.schema.json src/persona_cli/data/segment.schema.json

# Regenerate the README's field table from the field table (tests/test_fields.py keeps them in sync).
readme: $(STAMP_RUN)
	$(BIN)/python -m persona_cli.domain.fields.readme README.md

# Regenerate the briefing golden files (tests/test_render.py compares against them).
golden: $(STAMP_RUN)
	$(BIN)/python -m tests.regenerate_golden

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
