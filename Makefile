# Khánh Hòa e-portal CMS. `make run` serves the demo portal; `make test` runs every test.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run install migrate demo test lint format messages bench clean

run: demo ## Install, migrate, load the demo portal and serve it on http://127.0.0.1:8000
	$(PY) manage.py runserver $(HOST):$(PORT)

$(STAMP): pyproject.toml package.json package-lock.json
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON)); đặt PYTHON=/đường/dẫn/python3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@# axe-core and the Nu HTML checker for tests/browser (skipped there, with a message, without npm).
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; else echo "npm không có: bỏ qua công cụ kiểm thử trình duyệt"; fi
	touch $(STAMP)

install: $(STAMP)

messages: install ## Compile the .po files when gettext is present (the .mo files are committed too)
	@if command -v msgfmt >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0; else echo "msgfmt không có: dùng các tệp .mo đã biên dịch sẵn"; fi

migrate: install
	$(PY) manage.py migrate --no-input -v0

demo: migrate messages
	$(PY) manage.py seed_demo --port $(PORT)

test: install ## The whole suite on SQLite, or on the database of DATABASE_URL
	$(BIN)/pytest -n 2 --dist loadgroup -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Benchmarks: print figures, never fail on a timing
	@for f in bench/bench_*.py; do echo "== $$f"; DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
