#!/usr/bin/env bash
# Builds the www playground's own WASM engine into www/pkg (issue 5): the chaff-wasm crate with
# feature `page` (lol_html extraction and inert annotation of saved pages), as an ES module for
# the page's module Web Worker (wasm-pack --target web). The content script's build leaves
# `page` out; this one is the page's alone. www/pkg is generated, never committed.
#   Called by `make www`. Needs: bash scripts/setup.sh rust node
set -euo pipefail
cd "$(dirname "$0")/.."

# npm's binaryen (wasm-opt 132) first: Debian's wasm-opt 108 breaks the module's bulk-memory and
# reference-types code. ~/.cargo/bin for wasm-pack and the pinned wasm-bindgen-cli.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

for tool in wasm-pack wasm-bindgen wasm-opt; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build-www.sh: $tool is missing; run: bash scripts/setup.sh rust node" >&2
    exit 1
  fi
done

# A target directory of its own: the extension's build compiles the same crate without `page`
# into target/wasm32-unknown-unknown/release/chaff_wasm.wasm, and two builds sharing that one
# output path would hand wasm-bindgen each other's module when they run at the same time.
export CARGO_TARGET_DIR="$PWD/target/www"

# --no-pack: the page imports pkg/ directly; wasm-pack's package.json and README are not needed.
wasm-pack build wasm --release --target web --no-pack --out-dir ../www/pkg -- --features page

# wasm-pack writes a .gitignore of "*" into pkg/; the repository's /www/pkg rule covers it.
rm -f www/pkg/.gitignore
echo "build-www.sh: built www/pkg ($(du -k www/pkg/chaff_wasm_bg.wasm | cut -f1) KB wasm)."
echo "Serve it with any static server, e.g.: python3 -m http.server -d www 8000"
