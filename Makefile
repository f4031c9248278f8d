# The two commands of the README's quick start: `make run` and `make test`.
# Both create .venv on first use and install what the project needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bundle-smoke system-deps bench clean

$(STAMP): pyproject.toml
	sh installer/linux/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cell-desk

test: $(STAMP)
	sh installer/linux/install-test-deps.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Builds the PyInstaller bundle and runs it headless (CI does this after the tests).
bundle-smoke: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[build]'
	sh installer/linux/smoke-bundle.sh $(BIN)/python

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench,build]'
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info
