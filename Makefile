# The two commands of the README. Both install what a fresh Debian machine lacks.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES = pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build bench mutate

EVENTS = .build/test-events.jsonl

## make run: the main job and nothing more. Build vmaspec with every variant, then `vmaspec check`:
## the spec, each variant's examples and scenarios (progress on stderr), the must-fail variants,
## the book in site/, and the review table. The spec's `swift test` blocks run in `make test`.
run: build
	$(SWIFT) run --skip-build vmaspec check

## make test: the whole test suite (engine, explorer, CLI, and every variant's spec tests), then
## each failing test named by its Markdown line and variant, and the known issues explained.
test: deps
	@rm -f $(EVENTS); status=0; \
	$(SWIFT) test --disable-xctest --event-stream-output-path $(EVENTS) --event-stream-version 0 || status=$$?; \
	if [ -s $(EVENTS) ]; then $(SWIFT) run --skip-build vmaspec test-report $(EVENTS) || true; fi; \
	exit $$status

## make mutate: every mutant of every reviewed variant's locking protocol must be killed by a
## scenario or declared equivalent (`equivalent=` with its reason); exit 1 names the survivors.
MUTATE_VARIANTS = rfc naming no-fallback retry-contract
mutate: build
	@status=0; for v in $(MUTATE_VARIANTS); do \
		$(SWIFT) run --skip-build vmaspec mutate --variant $$v || status=1; \
	done; exit $$status

build: deps
	$(SWIFT) build

## The tangle-process suite times the cmark-gfm CLI and noweb's notangle beside vmaspec's tangling.
BENCH_PACKAGES = cmark-gfm noweb
bench: deps
	@if ! command -v cmark-gfm >/dev/null || ! command -v notangle >/dev/null; then \
		echo "installing $(BENCH_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(BENCH_PACKAGES); \
	fi
	$(SWIFT) run -c release vmaspec bench

deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi
