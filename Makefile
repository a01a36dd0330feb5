# Two commands matter: `make run` and `make test`. `make` alone lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.DEFAULT_GOAL := help
.PHONY: help run deps dev-deps migrate demo worker web test test-fast test-render test-browser test-reliability lint format bench bench-load doc-images check-deploy clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.deps: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: $(VENV)/.deps requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

deps: $(VENV)/.deps ## create .venv and install requirements.txt

dev-deps: $(VENV)/.dev-deps ## install what the tests need

migrate: deps ## apply database migrations
	$(PY) manage.py migrate --noinput

demo: migrate ## load the demo organisation, users and report (idempotent)
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_operator

worker: deps ## start the Celery worker (embedded beat, restarted if it dies) in the foreground
	$(PY) manage.py run_worker

run: demo ## web server + Celery worker; Ctrl-C stops both
	@echo; echo "  打开 http://127.0.0.1:$(PORT)/  （Ctrl-C 停止）"; \
	 if [ -n "$$REDIS_URL" ]; then echo "  队列：Redis $$REDIS_URL"; else echo "  队列：本地文件队列 var/celery（未设置 REDIS_URL）"; fi; \
	 if [ -n "$$DATABASE_URL" ]; then echo "  数据库：$$DATABASE_URL"; else echo "  数据库：SQLite var/db.sqlite3（未设置 DATABASE_URL）"; fi; echo
	@# Ctrl-C reaches runserver; then the worker gets one SIGTERM (warm shutdown) and is waited for.
	@$(PY) manage.py run_worker & worker=$$!; \
	 stop_worker() { kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null; }; \
	 trap 'stop_worker; exit 0' INT TERM; \
	 $(PY) manage.py runserver 127.0.0.1:$(PORT); \
	 stop_worker

test: dev-deps ## run the whole suite but browser and LibreOffice rendering (uses DATABASE_URL / REDIS_URL when set)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m "not browser and not render" --ignore=tests/browser

test-render: dev-deps ## the delivered exports converted by LibreOffice, every page measured (~30 s, need soffice + poppler)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m render apps tests --ignore=tests/browser

test-reliability: dev-deps ## only the worker-kill / duplicate-delivery / Redis-outage tests (~35 s, need redis-server)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m reliability tests --ignore=tests/browser

test-browser: dev-deps ## browser tests in Debian's chromium (Playwright)
	$(PY) -m pip install -q -r requirements-browser.txt
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m browser tests/browser

lint: dev-deps ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev-deps ## ruff format and autofix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: dev-deps ## run the benchmarks in bench/ (all but the load test: make bench-load)
	for f in $(filter-out bench/load.py bench/load_locust.py,$(wildcard bench/*.py)); do echo "== $$f"; $(PY) $$f || exit 1; done

bench-load: dev-deps ## load test: 50 staff users on gunicorn + PostgreSQL + Redis (~8 min; ARGS="--duration 30" to shorten)
	$(PY) -m pip install -q -r requirements-bench.txt
	$(PY) bench/load.py $(ARGS)

doc-images: dev-deps ## re-render docs/images/*.png: export pages (LibreOffice) and screenshots (browser tests)
	EXPORT_DOC_IMAGES=1 DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m render apps/exporting
	DOC_IMAGES=1 $(MAKE) test-browser

check-deploy: deps ## Django's deployment checks with production settings
	DJANGO_SETTINGS_MODULE=config.settings.prod DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	 DJANGO_ALLOWED_HOSTS=reports.example.gov.cn $(PY) manage.py check --deploy --fail-level WARNING

clean: ## remove var/ (SQLite database, uploads, queue)
	rm -rf var
