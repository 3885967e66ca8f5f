# Set-up and checks. `make run` serves the bundled corpus; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the end-to-end tests need (browsers, fonts, SPARQL servers, Graphviz,
# LibreOffice for the briefing packs; libseccomp2: the query workers' sandbox)
SYSTEM_PACKAGES := chromium fonts-ipaexfont-gothic virtuoso-opensource-7 graphviz libreoffice-writer-nogui libreoffice-impress-nogui poppler-utils libseccomp2

.PHONY: install system-deps build run test lint format bench soak clean fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create or update .venv with the project and its dev tools

system-deps:  ## Debian packages the end-to-end tests need (installed once, as root)
	./scripts/system-deps.sh $(SYSTEM_PACKAGES)

build: install  ## build the graph from corpus/ into build/
	$(BIN)/bkg build

run: build  ## build, then serve the graph on the embedded store
	$(BIN)/bkg serve

lint: install  ## format check, lint, strict type check
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# the suite on parallel workers, a module at a time each (its servers start once); tests wait on
# servers, browsers and LibreOffice, so more workers than cores pay. TEST_WORKERS=0: one process
TEST_WORKERS ?= 3
test: install system-deps lint  ## everything: install, lint, type-check, the whole suite
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

fuzz: install  ## the adversarial fuzzer at length (5,000 queries per test; see docs/security.md)
	BKG_FUZZ_EXAMPLES=$${BKG_FUZZ_EXAMPLES:-5000} $(BIN)/pytest -m fuzz tests/adversarial -q --hypothesis-show-statistics

soak: install  ## thirty killed ingests instead of three (see docs/ingest.md)
	BKG_SOAK_ROUNDS=30 $(BIN)/pytest tests/api/test_ingest_processes.py -x -q

bench: install  ## the benchmark (see docs/benchmarks.md)
	$(BIN)/python -m bench

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

.PHONY: screenshots
screenshots: install  ## the README's analyst pictures (docs/screenshots), taken by the browser tests
	BKG_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/e2e/test_analyst_pages_browser.py -q
