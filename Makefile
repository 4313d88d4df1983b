# Interface (other tools script against it):
#   make spec URL=...  |  make spec SPEC=<file>     pin Mailgun's published spec into openapi/published/ + the lock
#   make pinned                                     offline check: the tracked pinned spec matches the lock
#   make generate [SPEC=<file>] [ACCEPT_BREAKING=1] regenerate generated/ from the pinned spec (pin SPEC first);
#                                                   writes openapi/CHANGES.md; exit 2 on a break of a curated method
#   make spec-drill                                 a derived "future" spec and a breaking one through the pipeline
#   make check-generated                            non-zero if generated/ differs from what the pinned spec gives
#   make install / test / lint / demo / bench / docs / docs-serve
#   make api-snapshot                               rewrite tests/api_snapshot/ (the reviewed public API)
#   make prism-install                              install Stoplight Prism (npm ci) for tests/contract
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install spec pinned generate spec-drill check-generated test lint format demo bench clean prism-install api-snapshot
.PHONY: redis-install bench-receiving docs docs-serve

install: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,docs,cli]"
	touch $(STAMP)

spec: install
	$(PY) scripts/fetch_spec.py $(if $(SPEC),--from "$(SPEC)",$(if $(URL),--url "$(URL)",)) \
		$(if $(SOURCE),--source "$(SOURCE)",)

# The pinned spec is tracked (openapi/published/mailgun.yaml): this only checks it against the lock, offline.
pinned: install
	$(PY) scripts/fetch_spec.py --check --quiet

generate: install $(if $(SPEC),spec,pinned)
	$(PY) scripts/regenerate.py $(if $(ACCEPT_BREAKING),--accept-breaking,)

spec-drill: install
	$(PY) scripts/spec_drill.py

check-generated: install pinned
	$(PY) scripts/regenerate.py --check

test: install prism-install
	@command -v redis-server >/dev/null || echo "note: redis-server missing (make redis-install): the Redis tests skip" >&2
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check mailgun scripts tests examples
	$(PY) -m ruff format --check mailgun scripts tests examples
	$(PY) -m mypy mailgun scripts

format: install
	$(PY) -m ruff check --fix mailgun scripts tests examples
	$(PY) -m ruff format mailgun scripts tests examples

# The newcomer's demo: Prism serves the fixed spec on 127.0.0.1; the quickstart runs against it; Prism stops.
demo: install prism-install pinned
	$(PY) scripts/prism.py run -- $(PY) examples/quickstart.py

# The documentation site into site/; --strict: a broken link, cross-reference or docstring reference fails.
docs: install
	$(PY) -m mkdocs build --strict --site-dir site

docs-serve: install
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

bench: install
	$(PY) scripts/bench.py $(BENCH_ARGS)

# The public API record (tests/api_snapshot/, checked by tests/test_api_snapshot.py): rewrite it after a deliberate
# change of the public API, or to resolve a merge conflict in it.
api-snapshot: install
	$(PY) scripts/api_snapshot.py --write

# Stoplight Prism, pinned in package-lock.json, into the git-ignored node_modules/ (scripts/prism.py runs it).
# A file target: nothing to do while node_modules/.bin/prism is newer than package.json and package-lock.json.
# --ignore-scripts: Prism needs no install scripts (the one in its tree only reports download statistics).
prism-install: node_modules/.bin/prism
node_modules/.bin/prism: package.json package-lock.json
	@command -v npm >/dev/null || { echo "prism-install: npm not found: install Node.js >= 20.16 with npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# A real redis-server for tests/receiving (the Redis token store): Debian's package, as root or through sudo.
# The tests start their own server on a random 127.0.0.1 port; the service the package may start is not used.
redis-install:
	@command -v redis-server >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  command -v apt-get >/dev/null || { echo "redis-install: no apt-get: install redis-server >= 6.2 yourself" >&2; exit 1; }; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends redis-server; }
	redis-server --version

# Webhook verification and inbound parsing throughput (one core), with the in-memory and the Redis store.
bench-receiving: install
	$(PY) scripts/bench_receiving.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) openapi/cache .pytest_cache .mypy_cache .ruff_cache
