# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup run test lint typecheck contracts pytest bench screenshots help-images bundle icons translations install-desktop clean

# Re-install only when the project's dependencies change: quick the second time.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core for the accessibility tests (tests/a11y), exactly as its lockfile pins it:
# installed here, in set-up, so nothing is downloaded while the tests run.
AXE_DIR := tests/a11y
AXE_STAMP := $(AXE_DIR)/node_modules/.installed
$(AXE_STAMP): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json
	cd $(AXE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE_STAMP)

# What the tests need: the Python environment and axe-core (the app itself needs no npm).
setup: $(STAMP) $(AXE_STAMP)

run: $(STAMP)
	env -u QT_QPA_PLATFORM $(BIN)/scrutiny-desk $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desktop tests
	$(BIN)/ruff format --check desktop tests

contracts: $(STAMP)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# Both cores (at most four workers): the suite is one process's work otherwise.
PYTEST_WORKERS ?= -n auto --maxprocesses=4

pytest: setup
	$(BIN)/python -m pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

test: lint contracts typecheck pytest

# SQLite (with the GUI and the start), then PostgreSQL; fails if any figure is over.
bench: $(STAMP)
	$(BIN)/python -m tests.bench; status=$$?; $(BIN)/python -m tests.bench --postgres && exit $$status

# Real windows under Xvfb (Debian: xvfb xauth), saved as PNGs in screenshots/.
screenshots: $(STAMP)
	env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb $(BIN)/python -m tests.ui.screenshots screenshots

# The user guide's pictures (resources/help/images), remade from the real app under Xvfb.
help-images: $(STAMP)
	env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb $(BIN)/python -m tests.ui.help_images

# The one-folder bundle a clerk's PC gets (PyInstaller; Debian: binutils), in dist/.
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/pyinstaller/scrutiny-desk.spec

# The Windows icon (resources/icons/scrutiny-desk.ico) drawn again from the SVG at every
# size; the result is committed, and a test fails if it no longer matches the SVG.
icons: $(STAMP)
	$(BIN)/python packaging/icons/make_icons.py

# The papers' Welsh catalogue (resources/translations/cy/LC_MESSAGES/papers.po) compiled
# to the .mo the app reads; the result is committed, and a test fails if it is stale.
translations: $(STAMP)
	$(BIN)/python packaging/translations.py

# The menu entry, metainfo and icon for Linux desktops (PREFIX=~/.local, DESTDIR for
# packagers). The entry starts EXEC: this checkout's .venv program if there is one,
# otherwise scrutiny-desk on PATH; for the bundle, EXEC=/path/to/scrutiny-desk.
PREFIX ?= $(HOME)/.local
EXEC ?= $(wildcard $(abspath $(BIN))/scrutiny-desk)
install-desktop:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" EXEC="$(EXEC)" sh packaging/linux/install-desktop.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
