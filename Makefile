# CharterDesk: `make run` and `make test` are the two commands a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run demo-site install install-test test lint format bench clean

run: install
	$(BIN)/charterdesk migrate --noinput
	$(BIN)/charterdesk demo --verbosity 0
	PORT=$(PORT) $(BIN)/charterdesk serve

# Beside `make run`, in a second terminal: a pretend vendor's page on another origin
# (http://127.0.0.1:8001) with the help widget embedded (docs/widget.md).
demo-site: install
	$(BIN)/charterdesk widget demo-site --port $(or $(DEMO_SITE_PORT),8001)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: lint
	BIN=$(BIN) ./scripts/test-all

clean:
	rm -rf $(VENV) var build *.egg-info
