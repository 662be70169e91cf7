# The two entry points of README.md: `make run` and `make test`. Each sets itself up.
# Python: 3.12+ (PySide6 6.12) if one is on the machine, else 3.11 (PySide6 6.11).
PYTHON ?= $(shell for p in python3.13 python3.12 $(wildcard /root/.pyenv/versions/3.1[23]*/bin/python3) $(wildcard /usr/bin/python3.1[23]) python3; do \
             $$p -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null && echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo test bench clean translations messages screenshots dist

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python >= 3.11 found" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

# The installable application (docs/install.md): PyInstaller one folder in dist/guichet and, on
# Linux, dist/guichet-<version>-linux-<arch>.tar.gz. PyInstaller comes with the test extra too:
# tests/dist builds (or reuses a fresh build) and runs the built `guichet --self-test`.
dist: $(STAMP)
	$(PY) -m pip install -q -e '.[dist]'
	$(PY) installers/build_app.py

run: $(STAMP)
	$(VENV)/bin/guichet demo

test: $(STAMP)
	$(PY) -m pytest -q

screenshots: $(STAMP)
	for s in scripts/screenshots_*.py; do QT_QPA_PLATFORM=offscreen $(PY) $$s || exit 1; done

bench: $(STAMP)
	for b in bench/[!_]*.py; do $(PY) $$b || exit 1; done

# The .ts files are regenerated from the code (strings gone from it are dropped), then the
# French catalogue is compiled into the package. Translate new strings in guichet_fr.ts
# (pyside6-linguist) before committing: tests/ui/test_translations.py fails on any left out.
TS_FILES := resources/translations/guichet_fr.ts resources/translations/guichet_en.ts
translations: $(STAMP)
	mkdir -p resources/translations app/ui/translations
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations relative -source-language en \
		$$(find app -name '*.py' -not -path '*/migrations/*' | sort) -ts $(TS_FILES)
	$(VENV)/bin/pyside6-lrelease resources/translations/guichet_fr.ts -qm app/ui/translations/guichet_fr.qm

# The services' and the CLI's messages (gettext, Babel): extracted from the code, merged into the
# French .po (translate new entries, remove their "fuzzy" flag), compiled to the .mo shipped in
# the package. tests/unit/test_messages_catalog.py fails on any left out or a stale .mo.
PO := app/i18n/locale/fr/LC_MESSAGES/guichet.po
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k ngettext_in:2,3 --no-location --sort-output \
		--project=guichet -o app/i18n/guichet.pot .
	test -f $(PO) || $(VENV)/bin/pybabel init -i app/i18n/guichet.pot -d app/i18n/locale -D guichet -l fr
	$(VENV)/bin/pybabel update -i app/i18n/guichet.pot -d app/i18n/locale -D guichet -l fr --no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile -d app/i18n/locale -D guichet -l fr

clean:
	rm -rf $(VENV)
