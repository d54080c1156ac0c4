# toxgui: `make run` launches the app, `make test` runs the whole test suite.
# Both create the virtual environment (.venv) on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: setup run demo test test-fast lint bench bench-full bench-onion-loss soak clean wheel translations dist-linux

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q -U pip
	$(VENV)/bin/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/python -m toxgui $(ARGS)

demo: $(STAMP)
	$(VENV)/bin/python -m toxgui --demo $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	sh scripts/run-tests.sh $(ARGS)
	sh scripts/test-newer-ctoxcore.sh

test-fast: $(STAMP)
	sh scripts/run-tests.sh -m "not slow and not interop" $(ARGS)

bench: $(STAMP)
	sh scripts/run-tests.sh --bench quick

bench-full: $(STAMP)
	sh scripts/run-tests.sh --bench full

soak: $(STAMP)
	sh scripts/run-tests.sh --soak

bench-onion-loss: $(STAMP)
	sh scripts/run-tests.sh --onion-loss 5 20

VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' toxgui/__init__.py)
LINUX_DATA := toxgui/resources/linux
APP_ID := io.github.toxgui.ToxGui

# The installable wheel, dist/toxgui-VERSION-py3-none-any.whl (data files and .qm inside).
wheel: | $(STAMP)
	$(VENV)/bin/python -m pip wheel -q --no-deps --no-build-isolation -w dist .

# Recompile toxgui/translations/*.qm from the .ts (commit both; tests/gui/test_i18n.py checks).
translations: | $(STAMP)
	$(VENV)/bin/python -c 'from toxgui.i18n import compile_translations as c; print(*c(force=True), sep="\n")'

# The self-contained Linux build: dist/toxgui/ (PyInstaller one-folder: Python, Qt and toxgui,
# no Python or pip needed) with the desktop files in share/, packed as
# dist/toxgui-VERSION-linux-x86_64.tar.gz. Run dist/toxgui/toxgui, or
# dist/toxgui/toxgui --install-desktop to add it to the menu.
dist-linux: | $(STAMP)
	$(VENV)/bin/python -m pip install -q 'pyinstaller==6.22.3'
	rm -rf dist/toxgui build/pyinstaller
	cd packaging/pyinstaller && $(CURDIR)/$(VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath $(CURDIR)/dist --workpath $(CURDIR)/build/pyinstaller toxgui.spec
	install -D -m 644 $(LINUX_DATA)/$(APP_ID).desktop dist/toxgui/share/applications/$(APP_ID).desktop
	install -D -m 644 $(LINUX_DATA)/$(APP_ID).metainfo.xml dist/toxgui/share/metainfo/$(APP_ID).metainfo.xml
	install -D -m 644 $(LINUX_DATA)/icons/$(APP_ID).svg dist/toxgui/share/icons/hicolor/scalable/apps/$(APP_ID).svg
	tar -C dist -czf dist/toxgui-$(VERSION)-linux-x86_64.tar.gz toxgui
	du -sh dist/toxgui dist/toxgui-$(VERSION)-linux-x86_64.tar.gz

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
