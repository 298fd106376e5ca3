# Two commands on a fresh clone: `make html` builds the site, `make test` runs the tests.
# Each bootstraps .venv from pyproject.toml (and node_modules from package-lock.json) itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
NODE   := node_modules/temml/dist/temml.cjs
SPHINXOPTS ?= -j $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")

.PHONY: html pdf test bench bench-site audit clean

# Bytecode is written even where the environment asks not to: otherwise each of a build's
# interpreters (Sphinx, the cross-checks, the tutorials' kernel) compiles the catalogue again,
# 0.3 s each. __pycache__ is ignored by git and left out of the sdist.
unexport PYTHONDONTWRITEBYTECODE

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[docs,test]'
	rm -f $(VENV)/.installed-*
	touch $@

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

html: $(STAMP) $(NODE)
	$(BIN)/sphinx-build -b html -c . docs _build/html $(SPHINXOPTS)
	@echo "The site is in _build/html (open _build/html/index.html)."

# the whole catalogue as a PDF, printed by headless Chromium from the site's print page (no TeX)
pdf: html
	$(BIN)/python tools/make_pdf.py

# the audit and the tests both run; either failing fails the target
test: $(STAMP) $(NODE)
	$(BIN)/python -m identities audit; audit=$$?; $(BIN)/python -m pytest; tests=$$?; exit $$((audit || tests))

bench: $(STAMP)
	$(BIN)/python -m identities bench

bench-site: $(STAMP) $(NODE)
	$(BIN)/python tools/bench_site.py

clean:
	rm -rf _build docs/id docs/topics
