# bulletin-i18n: `make demo` sets up and runs the main job on the sample bulletin;
# `make test` sets up and runs the test suite (what CI runs).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup setup-test demo test bench clean

# The tool and what it needs: Apertium, gettext, and a virtual environment.
setup:
	scripts/install-system-deps
	$(MAKE) --no-print-directory $(VENV)/.installed

# The same, plus what the tests need: Chromium for the browser tests, pytest.
setup-test:
	scripts/install-system-deps chromium chromium-driver
	$(MAKE) --no-print-directory $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# What the benchmarks need beyond the tool: sacrebleu for bench_effort's chrF.
$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[bench]'
	touch $@

demo: setup
	$(BIN)/bulletin-i18n sync
	@echo "Open output/index.html: the editions output/en/ and output/es/, and output/review/"

test: setup-test
	$(BIN)/python -m pytest -q
	$(BIN)/bulletin-i18n check

bench: setup
	$(MAKE) --no-print-directory $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_peer.py
	$(BIN)/python benchmarks/bench_pretranslate.py
	$(BIN)/python benchmarks/bench_writer.py
	$(BIN)/python benchmarks/bench_effort.py

clean:
	rm -rf $(VENV) .bulletin-i18n output/en output/es output/review output/index.html
