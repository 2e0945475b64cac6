# The two commands of the README. Both install what a fresh Debian machine lacks.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES = pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build bench

RESULTS = .build/vmaspec-results.xml

## make run: tangle and build every variant, run the tests, then the main job: vmaspec check
## (examples, scenarios, must-fail variants, the book) and the review table.
run: build
	@set -o pipefail; $(SWIFT) test --disable-xctest --xunit-output $(RESULTS) 2>&1 | tee .build/test.log \
		| grep -E '^(✔|✘|━) Test run|^✘ Test .* recorded' || { tail -n 40 .build/test.log; exit 1; }
	$(SWIFT) run --skip-build vmaspec check
	$(SWIFT) run --skip-build vmaspec review --results $(RESULTS)

## make test: the whole test suite (engine, explorer, CLI, and every variant's spec tests).
test: deps
	$(SWIFT) test --disable-xctest

build: deps
	$(SWIFT) build

bench: deps
	$(SWIFT) run -c release vmaspec bench

deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi
