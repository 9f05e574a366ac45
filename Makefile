# Every target is a thin wrapper over `python -m helpers …` (or pytest), so
# that nothing needs make: see README.md for the commands themselves.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA ?= data/raw
OUT ?= build/export
LANG_ ?= vi
WORKERS ?= 2
DISTRICT ?= Chiêm Hóa

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

.PHONY: venv
venv: $(STAMP) ## create .venv and install the project with its pinned dependencies

.PHONY: reports
reports: $(STAMP) ## the main job: check the data, run every notebook, write reports/ and figures/
	$(PY) -m helpers build --workers $(WORKERS) --lang $(LANG_)

.PHONY: report
report: $(STAMP) ## build one district's report: make report DISTRICT="Na Hang"
	$(PY) -m helpers build --district "$(DISTRICT)" --workers $(WORKERS) --lang $(LANG_)

.PHONY: test
test: $(STAMP) ## run the whole test suite (doctests, notebooks, build, the pages in a browser) on two cores
	$(PY) -m pytest -n 2 --dist loadfile

.PHONY: check
check: $(STAMP) ## check the workbooks in DATA and print every problem
	$(PY) -m helpers check $(DATA) --lang $(LANG_)

.PHONY: export
export: $(STAMP) ## write the tidy tables of DATA to OUT as CSV
	$(PY) -m helpers export $(DATA) --out $(OUT) --lang $(LANG_)

.PHONY: facts
facts: $(STAMP) ## recompute the article's figures F1–F13 from DATA
	$(PY) -m helpers facts $(DATA)

.PHONY: sample-data
sample-data: $(STAMP) ## regenerate the bundled synthetic workbooks in data/raw
	$(PY) -m helpers sample-data

.PHONY: registry-data
registry-data: $(STAMP) ## rewrite data/reference/national/ from the vietnamadminunits data files (first: .venv/bin/pip install --no-deps vietnamadminunits==1.0.4)
	$(PY) -m helpers registry-data

.PHONY: lab
lab: $(STAMP) ## start JupyterLab on notebooks/ with the project's kernel
	$(PY) -m helpers lab

.PHONY: bench
bench: $(STAMP) ## run the benchmarks in bench/ (minutes; prints ratios)
	$(PY) -m bench

.PHONY: clean
clean: ## remove build outputs (not the virtual environment)
	rm -rf build reports .pytest_cache
	find figures -mindepth 1 ! -name README.md -exec rm -rf {} +
