# k8stutor: `make serve` (read the site) and `make test` (every check) are all a newcomer needs.
# Both set up .venv from requirements.lock on first use; the set-up re-runs only when the lock or
# pyproject.toml changes (a stamp file), so the second time costs nothing.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.k8stutor-installed
# 1: `make test` installs Debian's chromium for the browser test when /usr/bin/chromium is missing.
# GitHub's Ubuntu runners set 0 and use Playwright's own browser instead.
SYSTEM_CHROMIUM ?= 1
# pytest-xdist workers for the test suite and the notebooks
WORKERS ?= 2
NOTEBOOKS ?= $(wildcard notebooks/*.ipynb)
SERVE_ADDR ?= 127.0.0.1:8000

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup serve build test execute lab bench lock browser clean

help:
	@echo "make serve    build the site and serve it on http://127.0.0.1:8000"
	@echo "make test     run every check (package tests, notebooks, site, links, browser, Binder, CI files)"
	@echo "make build    build the site into site/"
	@echo "make execute  re-run every notebook in place (NOTEBOOKS=notebooks/01-services.ipynb for one)"
	@echo "make lab      open the notebooks in JupyterLab"
	@echo "make bench    run every benchmark in bench/"
	@echo "make lock     re-pin requirements.lock and binder/requirements.txt from pyproject.toml"

setup: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.version_info[:2] == (3, 11) or print("warning: requirements.lock is pinned for Python 3.11; this is", sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && \
	    $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install python3-venv (Debian) and retry" >&2; exit 1; fi; }

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

build: setup
	$(BIN)/mkdocs build --strict --site-dir site

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

test: setup browser
	$(BIN)/python scripts/run_checks.py --workers $(WORKERS)

browser:
ifeq ($(SYSTEM_CHROMIUM),1)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "the browser test needs /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; fi; \
	fi
endif

execute: setup
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

lab: setup
	$(BIN)/jupyter lab --ip 127.0.0.1 notebooks/

bench: setup
	@set -e; for f in bench/bench_*.py; do \
	  [ -e "$$f" ] || { echo "no benchmarks in bench/"; break; }; \
	  echo "== $$f"; $(BIN)/python "$$f"; done

lock: setup
	scripts/lock.sh

clean:
	rm -rf site build .pytest_cache
