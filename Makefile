# chaff — two commands do everything on a fresh machine:
#   make run    builds chaff and shows it on a bundled thread (report + the extension in Chromium)
#   make test   installs what is missing, builds everything and runs every test
# The other targets are the steps they are made of.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
# npm's binaryen (wasm-opt 132) first: Debian's binaryen 108 breaks wasm-bindgen modules.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
DATA ?= ../shared/data
CHAFF := target/release/chaff
THREAD := tests/pages/reddit-thread.html

.PHONY: run test setup cli extension www eval quality-report quality-guard train bench clean

setup:
	bash scripts/setup.sh rust browser node

cli:
	cargo build --release --bin chaff

run: setup cli extension
	$(CHAFF) scan $(THREAD)
	node scripts/show.mjs

extension: setup
	bash scripts/build-extension.sh

www: setup
	bash scripts/build-www.sh

test: setup
	cargo build --bin chaff
	cargo test --workspace --exclude chaff-wasm
	wasm-pack test --node wasm
	$(MAKE) --no-print-directory extension www
	node --test tests/browser/
	$(MAKE) --no-print-directory quality-guard

# The quality regression guard (issue 3): figures may not fall below docs/quality.json by more
# than the stated margin. Without ../shared/data it fails under CI=true and says so elsewhere.
quality-guard: cli
	@if [ -d "$(DATA)" ]; then \
	  $(CHAFF) eval --data $(DATA) --check docs/quality.json; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "quality guard: $(DATA) is missing, and CI=true requires it" >&2; exit 1; \
	else \
	  echo "quality guard: SKIPPED — $(DATA) is missing (it sits beside the project in CI); the detection figures were not checked"; \
	fi

eval: cli
	$(CHAFF) eval --data $(DATA) --json -

quality-report: cli
	$(CHAFF) eval --data $(DATA) --report docs/quality.md

train: cli
	$(CHAFF) train --data $(DATA) --out src/ai

bench:
	cargo bench --bench score

clean:
	cargo clean
	rm -rf dist www/pkg www/shared extension/pkg tests/browser/artifacts
