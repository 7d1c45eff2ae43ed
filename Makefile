# Two commands on a fresh machine: `make run` and `make test`. Both build .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench clean setup

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,parquet,dask,browse]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/extractor run raw -o output -f json -f csv -f sqlite

test: $(STAMP)
	bash scripts/ensure-browser.sh
	@test -d ../shared/corpus/raw || echo "NOTE: ../shared/corpus/raw not found: the real-corpus checks (tests/test_real_corpus.py) are skipped"
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m mypy
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache
