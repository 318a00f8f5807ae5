# Routine commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-calendar install prerequisites assets messages compilemessages lint format migrate seed worker beat serve check-deploy bench clean

# What `make run` and `make test` need from the system: Python 3.11 (with venv), npm and
# gettext. On a fresh Debian/Ubuntu machine they are installed with apt-get when make runs as
# root; otherwise the one command to run is printed. (The browser tests also need Chromium:
# `apt-get install chromium`; without it they are skipped.)
APT_GET ?= apt-get
USER_ID ?= $(shell id -u)
prerequisites:
	@missing=""; \
	command -v $(PYTHON) >/dev/null 2>&1 || missing="$$missing python3.11"; \
	$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$$missing python3.11-venv"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  if [ "$(USER_ID)" = 0 ]; then \
	    echo "Installing$$missing with apt-get"; \
	    $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq$$missing \
	      || exit 1; \
	  else \
	    echo "Missing$$missing. Install them with: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml | prerequisites
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json | prerequisites
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

assets: node_modules/.installed

compilemessages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install gettext (apt-get install gettext)"; exit 1; }
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Refresh every app's .po catalogue after changing user-facing strings, then translate them.
messages: $(VENV)/.installed
	DEBUG=true $(PY) manage.py makemessages -l zh_Hans --no-obsolete --no-location -v0 \
	  --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=staticfiles

migrate: install
	DEBUG=true $(PY) manage.py migrate --noinput -v0

seed: migrate
	DEBUG=true $(PY) manage.py seed_demo --if-empty

# Runs the portal with demo data on http://127.0.0.1:$(PORT) (embedded SQLite, in-process tasks).
# DEMO (not DEBUG): the portal's own 403/404 pages, development keys, plain HTTP.
run: install compilemessages migrate
	DEBUG=true $(PY) manage.py seed_demo --if-empty
	@echo "Serving on http://127.0.0.1:$(PORT)/  (log in with a demo login above)"
	DEMO=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The suite; CI points DATABASE_URL at PostgreSQL and REDIS_URL at Redis.
test: install compilemessages
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run -v1
	$(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

# The suite (without the browser) at moments where calendars turn: the first hours of a
# year in Shanghai (still the old year in UTC) and the last evening of a quarter. The clock
# ticks on, so each moment keeps two hours from the next midnight for a slow run.
CALENDAR_MOMENTS ?= 2027-01-01T02:00:00+08:00 2027-03-31T22:00:00+08:00
test-calendar: install compilemessages
	for moment in $(CALENDAR_MOMENTS); do \
	  TEST_NOW=$$moment $(PY) -m pytest -n 2 -p no:cacheprovider -q --ignore=tests/browser \
	    $(PYTEST_ARGS) || exit 1; \
	done

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Production shape (see README): gunicorn, a Celery worker and exactly one beat.
serve:
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/gunicorn federation.wsgi -c federation/gunicorn.conf.py --bind 127.0.0.1:$(PORT) \
	  --workers 4 --access-logfile -

worker:
	$(VENV)/bin/celery -A federation worker --loglevel=info --concurrency=2

beat:
	$(VENV)/bin/celery -A federation beat --loglevel=info

check-deploy:
	DEBUG=false SECRET_KEY=check-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
	  FIELD_ENCRYPTION_KEYS=check-only PII_HASH_KEY=check-only \
	  ALLOWED_HOSTS=portal.example $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules staticfiles
