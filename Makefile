# Studio Accounts — the two commands: `make run` (demo dashboard) and `make test` (everything).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/studio.duckdb
PORT ?= 8501
# The lock files, generated from pyproject.toml by `make lock`: every package pinned, with hashes.
LOCK := requirements.txt
DEV_LOCK := requirements-dev.txt
COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_FLAGS)

.PHONY: run serve test demo lock lint format bench browser fonts clean

# The locked packages, then the project itself (editable, no dependencies: .venv/bin/studio).
$(VENV)/.runtime: $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(DEV_LOCK) $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	touch $@

## run: set up, build the demo studio when there is no warehouse yet (else bring its views up
##      to date after an upgrade), serve on localhost:8501
run: $(VENV)/.runtime fonts
	@[ -e $(DB) ] || $(VENV)/bin/studio demo --db $(DB)
	$(VENV)/bin/studio run --db $(DB) --port $(PORT)

## serve: team mode, for the studio's network: sign-in required (README, "Team mode"); refuses
##        to start unless .streamlit/secrets.toml sets up sign-in and the team has a director
serve: $(VENV)/.runtime fonts
	$(VENV)/bin/studio run --team --db $(DB) --port $(PORT)

## test: set up with dev tools and a browser, lint, then the whole test suite
test: $(VENV)/.dev browser fonts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

## lock: re-pin every dependency of pyproject.toml into $(LOCK) and $(DEV_LOCK) (the runtime
##       pins are kept in the dev lock); LOCK_FLAGS=--upgrade takes the newest versions allowed
lock: $(VENV)/.dev
	$(COMPILE) -o $(LOCK)
	$(COMPILE) --extra dev --constraint $(LOCK) -o $(DEV_LOCK)

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
