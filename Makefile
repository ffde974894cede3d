# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export FLASK_APP := wsgi

.PHONY: bench run test test-sqlite test-postgres lint bandit install install-dev migrate seed clean translations messages

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## translations: compile the message catalogs (campaign/translations/*/LC_MESSAGES/messages.po) into
## the .mo files the app reads; every run and test does it, so a fresh clone needs nothing more
translations: install
	$(BIN)/pybabel compile --statistics -d campaign/translations

## messages: after changing a message in the code or a template, extract them all again and
## update every language's catalog (then translate what is new or fuzzy: README, Languages)
BABEL_KEYWORDS := -k _l -k lazy_gettext -k N_ -k counted:2,3
messages: install
	$(BIN)/pybabel extract --no-location --sort-output --omit-header -F babel.cfg $(BABEL_KEYWORDS) -o campaign/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i campaign/translations/messages.pot -d campaign/translations

## .flaskenv: the development settings for `flask` commands typed in this directory (the README's),
## loaded by Flask's CLI (python-dotenv); written once, never over a file of your own
.flaskenv:
	printf 'FLASK_APP=wsgi\nCAMPAIGN_ENV=development\nBASE_URL=http://127.0.0.1:$(PORT)\n' > $@
	@echo "wrote .flaskenv: flask commands in this directory use the development settings (delete it to stop)"

## make run: install, write .flaskenv, migrate the SQLite database under instance/, seed the demo,
## serve on 127.0.0.1:$(PORT)
run: install translations .flaskenv
	mkdir -p instance
	CAMPAIGN_ENV=development $(BIN)/flask db upgrade
	CAMPAIGN_ENV=development BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/flask demo seed
	CAMPAIGN_ENV=development BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/flask run --host 127.0.0.1 --port $(PORT)

## make test: ruff and bandit, then the whole suite on SQLite (with the browser tests), then on
## PostgreSQL (without them: they test pages, not the database) when it answers
test: lint bandit test-sqlite test-postgres

## lint: ruff (pyflakes, pycodestyle, import order, bugbear, pyupgrade; settings in pyproject.toml)
## over the whole tree; any finding fails the build
lint: install-dev
	@echo "== ruff"
	$(BIN)/ruff check .

## bandit: the security linter; any finding without a `# nosec Bxxx: reason` fails the build
bandit: install-dev
	@echo "== bandit"
	$(BIN)/bandit -q -c pyproject.toml -r campaign config.py wsgi.py

test-sqlite: install-dev translations
	@echo "== tests on SQLite (browser tests: $$(command -v chromium >/dev/null && echo with Chromium || echo SKIPPED, no chromium installed))"
	CAMPAIGN_ENV=testing TEST_DATABASE_URL= $(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-postgres: install-dev translations
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(TEST_DATABASE_URL)'.replace('+psycopg', ''), connect_timeout=3).close()" 2>/dev/null; then \
		echo "== tests on PostgreSQL ($(TEST_DATABASE_URL))"; \
		CAMPAIGN_ENV=testing TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python -m pytest -q -m "not browser" $(PYTEST_ARGS); \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL does not answer at $(TEST_DATABASE_URL), and REQUIRE_POSTGRES is set"; exit 1; \
	else \
		echo "== SKIPPED the PostgreSQL run: nothing answers at $(TEST_DATABASE_URL) (set TEST_DATABASE_URL)"; \
	fi

clean:
	rm -rf $(VENV) instance .pytest_cache .cache .flaskenv

## make bench: every benchmark on PostgreSQL, Redis and wrk; writes docs/performance.md
bench: install-dev
	$(BIN)/python bench/report.py
