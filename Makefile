# Interface (other tools script against it):
#   make spec URL=...  |  make spec SPEC=<file>     fetch and pin Mailgun's published spec
#   make generate [SPEC=<file>]                     regenerate generated/ from the pinned spec (pin SPEC first)
#   make check-generated                            non-zero if generated/ differs from what the pinned spec gives
#   make install / test / lint / demo / bench
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED_SPEC ?= ../shared/openapi/mailgun-2026-05.yaml

.PHONY: install spec pinned generate check-generated test lint format demo bench clean

install: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

spec: install
	$(PY) scripts/fetch_spec.py $(if $(SPEC),--from "$(SPEC)",$(if $(URL),--url "$(URL)",))

# Restore the pinned spec into the git-ignored cache on a fresh clone (from the lock's source, sha256-checked).
pinned: install
	$(PY) scripts/fetch_spec.py --restore

generate: install $(if $(SPEC),spec,pinned)
	$(PY) scripts/regenerate.py

check-generated: install pinned
	$(PY) scripts/regenerate.py --check

test: install
	-$(PY) scripts/fetch_spec.py --restore --quiet
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check mailgun scripts tests examples
	$(PY) -m ruff format --check mailgun scripts tests examples
	$(PY) -m mypy mailgun scripts

format: install
	$(PY) -m ruff check --fix mailgun scripts tests examples
	$(PY) -m ruff format mailgun scripts tests examples

demo: install
	$(PY) scripts/demo.py

bench: install
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) openapi/cache .pytest_cache .mypy_cache .ruff_cache
