# Studio Accounts — the two commands: `make run` (demo dashboard) and `make test` (everything).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/studio.duckdb
PORT ?= 8501

.PHONY: run test demo lint format bench browser fonts clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: set up, build the demo studio when there is no warehouse yet (else bring its views up
##      to date after an upgrade), serve on localhost:8501
run: $(VENV)/.runtime fonts
	@if [ -e $(DB) ]; then $(PY) -m etl rebuild --if-stale --db $(DB); else $(PY) -m demo --db $(DB); fi
	STUDIO_DB=$(DB) $(PY) -m streamlit run app.py --server.port $(PORT)

## test: set up with dev tools and a browser, lint, then the whole test suite
test: $(VENV)/.dev browser fonts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

## demo: rebuild the demo studio from scratch
demo: $(VENV)/.runtime
	$(PY) -m demo --db $(DB)

## browser: Debian chromium for the browser tests (installed when missing and running as root)
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian chromium for the browser tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@[ -x /usr/bin/chromium ] || echo "No /usr/bin/chromium: browser tests will be skipped (install Debian's chromium package)."

## fonts: DejaVu Sans for the PDF reports (Debian's fonts-dejavu-core, installed when missing and root)
fonts:
	@if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian fonts-dejavu-core for the PDF reports…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; \
	fi
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || echo "No DejaVu fonts: PDF reports are unavailable (install Debian's fonts-dejavu-core)."

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## bench: import speed against DuckDB's own CSV read (figures go to docs/performance.md)
bench: $(VENV)/.runtime
	$(PY) benchmarks/import_speed.py

clean:
	rm -rf $(VENV) data/studio.duckdb data/studio.versions data/demo
