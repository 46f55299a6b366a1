# Cactus: `make run` to try it, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The sandbox OPCO `make run` starts next to the site (cactus/opco/README.md); the demo deposits there.
SANDBOX_PORT ?= 8765
STAMP := $(VENV)/.installed
APT_PACKAGES := chromium chromium-driver poppler-utils wrk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core libmagic1 sqlite3

.PHONY: run test deps install migrate demo lint bench bench-large clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

demo: migrate
	$(BIN)/python manage.py demo

# The sandbox OPCO runs in the background for as long as the site does (stopped with it, Ctrl-C).
run: migrate
	@mkdir -p var; \
	$(BIN)/python manage.py opco_sandbox --port $(SANDBOX_PORT) --state-file var/opco-sandbox.json & SANDBOX=$$!; \
	trap 'kill $$SANDBOX 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python -c "import socket, time; any(socket.socket().connect_ex(('127.0.0.1', $(SANDBOX_PORT))) == 0 or time.sleep(0.2) for _ in range(50))"; \
	export OPCO_SANDBOX_URL=http://127.0.0.1:$(SANDBOX_PORT); \
	$(BIN)/python manage.py demo && $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# System packages the tests need (browser, pdftotext, wrk, PDF libraries). Needs root or sudo.
deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null

test: install
	@command -v pdftotext >/dev/null && test -x /usr/bin/chromium || $(MAKE) deps
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/pytest -n 2 --dist loadfile -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python -m cactus.bench

# The back office in-process at 10^6 dossiers on PostgreSQL (DATABASE_URL): the data is generated
# once into cactus_bench_large and kept between runs (`--fresh` to start again). docs/bench.md.
bench-large: install
	$(BIN)/python -m cactus.bench --large

clean:
	rm -rf $(VENV) var/static
