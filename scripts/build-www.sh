#!/usr/bin/env bash
# Builds what the www playground needs beside its own files; both folders are generated and
# git-ignored:
# - www/pkg/: the page's own WASM engine, the chaff-wasm crate with feature `page` (lol_html
#   extraction and inert annotation of saved pages), as an ES module for the page's module Web
#   Worker (wasm-pack --target web). The content script's build leaves `page` out; this one is
#   the page's alone.
# - www/shared/: a copy of extension/shared/, the modules the page and the extension share (level
#   words, formatting, CSV and JSON Lines writing, downloads). Copied, not bundled: those files are
#   already ES modules a browser runs as they are, so the page keeps serving its own source
#   unchanged (what a visitor's devtools show is what is in the repository), its relative imports
#   (./shared/…, ./pkg/…, the worker's URL) resolve as written under any static server, and no
#   bundler has to rewrite the wasm glue's import.meta.url. A bundle would buy nothing for a
#   handful of small files.
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

# Replaced whole, so a module deleted from extension/shared/ does not linger here.
rm -rf www/shared
cp -R extension/shared www/shared
# The AI models, files of their own beside the page in their binary form (made from the text
# files by examples/encode-models.rs; the worker installs them, see extension/shared/models.js).
rm -rf www/models
mkdir -p www/models
CARGO_TARGET_DIR="$PWD/target" cargo run --quiet --release --example encode-models -- \
  src/ai/model-reddit.txt www/models/model-reddit.bin src/ai/model-x.txt www/models/model-x.bin
echo "build-www.sh: built www/pkg ($(du -k www/pkg/chaff_wasm_bg.wasm | cut -f1) KB wasm) and copied www/shared."
echo "Serve it with any static server, e.g.: python3 -m http.server -d www 8000"
