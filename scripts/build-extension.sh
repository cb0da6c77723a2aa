#!/usr/bin/env bash
# Builds the chaff extension from the one manifest source (manifest.json) and the ES modules in
# extension/:
#   dist/chrome/   MV3 with background.service_worker
#   dist/firefox/  MV3 with background.scripts + browser_specific_settings.gecko
#   dist/chaff-chrome.zip, dist/chaff-firefox.zip
#
# Each holds:
# - Four bundles, made by esbuild from extension/'s ES modules, each one classic script with
#   everything it imports inside: content.js (content scripts cannot be ES modules in either
#   browser), background.js (Chrome runs it as a service worker, Firefox as an event page listed
#   in background.scripts; a classic script is the one form both load, where a module worker
#   would need Chrome's "type": "module" that Firefox's background.scripts does not take), and
#   popup/popup.js and options/options.js (their pages could load modules, but bundled they load
#   one file each and the package ships no module that nothing loads). Not minified: a reviewer
#   (AMO's, or a user's) can read what runs. Each bundle opens with "use strict": modules are
#   strict, and their code must run as it does in the tests that load them as modules.
# - The WASM engine: wasm-pack's output of wasm/ (--target web) in extension/pkg/, git-ignored.
#   Its ES-module glue is imported by engine/page-engine.js and background/engine-host.js and so
#   bundled into content.js and background.js; the .wasm ships as pkg/chaff_wasm_bg.wasm. The glue
#   reads import.meta.url only to find the .wasm when not told where it is, and chaff always tells
#   it (chrome.runtime.getURL), so esbuild's warning that import.meta is empty in a classic bundle
#   is silenced.
# - The AI models in models/: the binary form (chaff::ai::binary) of src/ai/model-*.txt, made here
#   from the text files by examples/encode-models.rs so the two cannot disagree
#   (extension/shared/models.js reads them).
# - Every other file of extension/ (pages, styles, icons), and src/sites.json as sites.json (the
#   site description the Rust extractor reads too).
# - manifest.json, with the host list written once: the source names the hosts only in
#   host_permissions, and the build copies that list into content_scripts.matches and
#   web_accessible_resources.matches (the popup reads it with chrome.runtime.getManifest()).
#
# The WASM is rebuilt only when a hash of its inputs (src/, wasm/, Cargo manifests, and how
# wasm-pack is called) changed: the hash covers every input file's path and bytes, so a stale
# module cannot slip through.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm binaryen 132 first: Debian's wasm-opt 108 produces modules that throw at init.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

for tool in wasm-pack wasm-bindgen wasm-opt esbuild python3; do
  command -v "$tool" >/dev/null || { echo "build-extension: $tool missing; run: bash scripts/setup.sh" >&2; exit 1; }
done

PKG=extension/pkg
WASM_PACK_ARGS=(--release --target web --no-pack)
# The content script's WASM is linked whole (fat LTO, one codegen unit: 12 KB less gzipped, and
# faster) and optimized for size as well as speed (opt-level "s": 18 KB less, 8% slower; "z" was
# 31 KB less but 65% slower), which keeps it under its 300 KB budget (scripts/check-sizes.mjs;
# figures in docs/performance.md). Given to this build alone, not set in Cargo.toml's release
# profile: native release builds (CLI, lab, benches) keep opt-level 3 and their shorter link.
WASM_PROFILE=(CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_OPT_LEVEL=s)
inputs_hash() {
  {
    echo "${WASM_PROFILE[*]} wasm-pack ${WASM_PACK_ARGS[*]}"
    find src wasm/src wasm/Cargo.toml Cargo.toml Cargo.lock -type f -print0 | sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
}
hash=$(inputs_hash)
if [ -f "$PKG/.inputs-hash" ] && [ "$(cat "$PKG/.inputs-hash")" = "$hash" ] && [ -f "$PKG/chaff_wasm_bg.wasm" ]; then
  echo "build-extension: WASM inputs unchanged, reusing $PKG"
else
  # --out-dir is relative to the crate directory.
  env "${WASM_PROFILE[@]}" wasm-pack build wasm "${WASM_PACK_ARGS[@]}" --out-dir "../$PKG"
  echo "$hash" > "$PKG/.inputs-hash"
fi

MODELS=target/chaff-models
mkdir -p "$MODELS"
cargo run --quiet --release --example encode-models -- \
  src/ai/model-reddit.txt "$MODELS/model-reddit.bin" src/ai/model-x.txt "$MODELS/model-x.bin"

BUNDLES=target/chaff-extension-bundles
rm -rf "$BUNDLES"
# name=entry: the bundle's path in the extension, as the manifest and the pages name it.
esbuild --bundle --format=iife --charset=utf8 --banner:js='"use strict";' \
  --log-level=warning --log-override:empty-import-meta=silent \
  --outdir="$BUNDLES" \
  content=extension/content/content.js \
  background=extension/background/background.js \
  popup/popup=extension/popup/popup.js \
  options/options=extension/options/options.js

rm -rf dist/chrome dist/firefox dist/chaff-chrome.zip dist/chaff-firefox.zip
mkdir -p dist
python3 - "$PKG" "$BUNDLES" "$MODELS" <<'PY'
import json, re, shutil, sys, zipfile
from pathlib import Path

pkg, bundles, models = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
source = json.loads(Path("manifest.json").read_text())

def with_matches(entry, hosts):
    # "matches" first, where a reader of the built manifest expects it.
    return {"matches": hosts, **entry}

def assemble(browser):
    out = Path("dist") / browser
    # Pages, styles and icons as they are; the modules ship only inside the bundles.
    shutil.copytree("extension", out, ignore=shutil.ignore_patterns("pkg", ".*", "*.js"))
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    shutil.copytree(bundles, out, dirs_exist_ok=True)
    (out / "pkg").mkdir()
    shutil.copy2(pkg / "chaff_wasm_bg.wasm", out / "pkg" / "chaff_wasm_bg.wasm")
    shutil.copy2("src/sites.json", out / "sites.json")
    # The AI models ship as files of their own, read by extension/shared/models.js.
    (out / "models").mkdir()
    for model in ("model-reddit.bin", "model-x.bin"):
        shutil.copy2(models / model, out / "models" / model)

    manifest = json.loads(json.dumps(source))
    hosts = manifest["host_permissions"]
    manifest["content_scripts"] = [with_matches(entry, hosts) for entry in manifest["content_scripts"]]
    manifest["web_accessible_resources"] = [with_matches(entry, hosts) for entry in manifest["web_accessible_resources"]]
    background = manifest["background"]
    if browser == "chrome":
        # Chrome warns about keys it does not know; Firefox-only ones go.
        del background["scripts"]
        del manifest["browser_specific_settings"]
    else:
        # Firefox runs MV3 backgrounds as event pages (background.scripts), not service workers,
        # and does not implement use_dynamic_url (web-ext lint flags it).
        del background["service_worker"]
        for entry in manifest["web_accessible_resources"]:
            entry.pop("use_dynamic_url", None)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")

    # Every file the manifest and its pages name must exist, and every script shipped must be
    # loaded by one of them.
    named = [*background.get("scripts", []), *filter(None, [background.get("service_worker")])]
    for script in manifest["content_scripts"]:
        named += script["js"]
    pages = [manifest["action"]["default_popup"], manifest["options_ui"]["page"]]
    named += pages + list(manifest["icons"].values())
    for entry in manifest["web_accessible_resources"]:
        named += entry["resources"]
    for page in pages:
        html = (out / page).read_text() if (out / page).is_file() else ""
        folder = Path(page).parent
        named += [(folder / src).as_posix() for src in re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^":]+)"', html)]
    missing = [name for name in named if not (out / name).is_file()]
    if missing:
        sys.exit(f"build-extension: the manifest or its pages name missing files: {missing}")
    unloaded = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.js") if p.relative_to(out).as_posix() not in named)
    if unloaded:
        sys.exit(f"build-extension: scripts that nothing loads: {unloaded}")

    with zipfile.ZipFile(Path("dist") / f"chaff-{browser}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(out).as_posix())
    print(f"build-extension: {out}/ and dist/chaff-{browser}.zip")

assemble("chrome")
assemble("firefox")
PY

# The Firefox build must lint clean (AMO runs the same linter on every upload); warnings are
# printed, errors fail the build.
web-ext lint --source-dir dist/firefox --no-input --output text
