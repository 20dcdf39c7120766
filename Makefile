# The two commands of the README. Each sets up everything it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

demo: $(STAMP)  ## the offline demo: sample sites -> crawl -> monitor -> feeds
	$(VENV)/bin/oursay demo $(DEMO_ARGS)

# Two workers, a test file each at a time (files share their servers and databases): the
# suite waits on crawls, servers and browsers, so both cores cut its time by about 40%.
PYTEST_ARGS ?= -n 2 --dist loadfile

test: $(STAMP)  ## lint, then every test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	for script in bench/bench_*.py; do $(VENV)/bin/python $$script || exit 1; done

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) oursay-demo site .pytest_cache
