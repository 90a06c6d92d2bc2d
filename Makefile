# Two commands for a fresh machine (Python 3.11): `make run` and `make test`.
# Both create .venv when it is missing and install the pinned versions of requirements/constraints.txt.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint setup screenshots bench clean demo translations translations-update

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: $(PYTHON) was not found" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements/constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# The Spanish catalogue compiled for the program (resources/translations/*.qm; the wheel's build hook does it too).
translations: $(STAMP)
	$(BIN)/python tools/translations.py compile

# After changing user-visible text: rewrite the catalogue from the sources (keeps its translations), then check it.
translations-update: $(STAMP)
	$(BIN)/python tools/translations.py update
	$(BIN)/python tools/translations.py check

# Qt's X11 plugin needs a few system libraries that PySide6's wheel does not bring (tools/qt_system_libraries.py).
run: $(STAMP) translations
	$(BIN)/python tools/qt_system_libraries.py --install
	$(BIN)/barium-tracker --demo

lint: $(STAMP)
	$(BIN)/ruff check barium_tracker tests benchmarks tools
	$(BIN)/ruff format --check barium_tracker tests benchmarks tools
	$(BIN)/lint-imports

test: lint translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m barium_tracker.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m barium_tracker.ui.screenshots docs/screenshots/es --language es

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
