# The two commands: `make run` (the portal at http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test worker beat fmt lint ci system-deps clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

system-deps:
	@scripts/system-deps.sh

run: system-deps $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: system-deps $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

worker: $(STAMP)
	$(VENV)/bin/celery -A brandportal worker --loglevel=info

beat: $(STAMP)
	$(VENV)/bin/celery -A brandportal beat --loglevel=info

fmt: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
