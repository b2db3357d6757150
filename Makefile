# bulletin-i18n: `make demo` sets up and runs the main job on the sample bulletin;
# `make test` sets up and runs the test suite (what CI runs).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
SYSTEM_PACKAGES ?=

.PHONY: setup system-deps demo test bench clean

setup: system-deps $(VENV)/.installed

system-deps:
	scripts/install-system-deps $(SYSTEM_PACKAGES)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

demo: setup
	$(BIN)/bulletin-i18n sync
	$(BIN)/bulletin-i18n review
	@echo "Open output/index.html: the editions output/en/ and output/es/, and output/review/"

test: SYSTEM_PACKAGES = chromium chromium-driver
test: setup
	$(BIN)/python -m pytest -q
	$(BIN)/bulletin-i18n check

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_peer.py
	$(BIN)/python benchmarks/bench_pretranslate.py

clean:
	rm -rf $(VENV) .bulletin-i18n output/en output/es output/review output/index.html
