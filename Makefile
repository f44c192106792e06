# Engage: `make run` for a working site, `make test` for the whole suite.
# `make help` lists every target.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist processes for `make test`: one per core ("auto"), or a number.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help run test soak lint format assets migrate demo install install-dev clean bench-export bench vitals serve-prod scale-data

help: ## List the targets, one line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the site's dependencies

install-dev: $(VENV)/.installed-dev ## Install the site's and the test suite's dependencies

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json ## Compile the stylesheet and copy front-end assets
	npm run --silent build

.env:
	@sed "s|^SECRET_KEY=.*|SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example \
		| grep -vE '^(ALLOWED_HOSTS|DATABASE_URL|CSRF_TRUSTED_ORIGINS|WAGTAILADMIN_BASE_URL|SECURE_|STATIC_ROOT|MEDIA_ROOT|EMAIL_BACKEND)=' > .env
	@echo "Wrote .env with a new local SECRET_KEY."

migrate: install .env ## Apply database migrations (SQLite unless DATABASE_URL is set)
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content and (re)create the demo users
	$(MANAGE) load_demo_content
	$(MANAGE) create_demo_users

run: install assets demo ## Set everything up and serve on http://127.0.0.1:8000
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

serve-prod: install assets ## Collect static files and serve with gunicorn and production settings
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL (PostgreSQL), SECRET_KEY and ALLOWED_HOSTS: see README.md, Deployment."; exit 1; }
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) collectstatic --no-input -v0
	DJANGO_SETTINGS_MODULE=config.settings.production GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} \
		$(BIN)/gunicorn -c config/gunicorn.py config.wsgi

test: install-dev assets ## Lint, then run the whole suite on a throwaway PostgreSQL
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	BIN=$(BIN) scripts/run-tests -n $(TEST_WORKERS) $(PYTEST_ARGS)

soak: install-dev assets ## A minute of mixed load at 32 connections on gunicorn and PostgreSQL (tests/reliability)
	BIN=$(BIN) scripts/run-tests tests/reliability -m soak $(PYTEST_ARGS)

bench-export: install .env ## Benchmark the responses CSV export (N=100000) on a throwaway PostgreSQL
	scripts/with-postgres sh -c '$(MANAGE) migrate -v0 && $(MANAGE) bench_response_export --responses $${N:-100000} && $(MANAGE) bench_response_export --stock --responses $${N:-100000}'

bench: install assets ## Benchmark every page type under gunicorn with wrk (SCALE_ARGS for smaller data)
	BIN=$(BIN) SCALE_ARGS="$(SCALE_ARGS)" scripts/bench

vitals: install-dev assets ## Lab Core Web Vitals of every page type in Chromium, as on a phone on slow 4G
	BIN=$(BIN) scripts/vitals

scale-data: migrate ## Add scale data (generate_scale_data; SCALE_ARGS="--stories 500" to change sizes)
	$(MANAGE) generate_scale_data $(SCALE_ARGS)

format: install-dev ## Format Python and templates in place
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates

clean: ## Remove the virtualenv, node_modules, built assets and the local database
	rm -rf $(VENV) node_modules static_build staticfiles db.sqlite3
