#!/usr/bin/env bash
# Builds the chaff extension from the one manifest source (manifest.json):
#   dist/chrome/   MV3 with background.service_worker
#   dist/firefox/  MV3 with background.scripts + browser_specific_settings.gecko
#   dist/chaff-chrome.zip, dist/chaff-firefox.zip
# Each holds extension/ (minus nothing: every file there ships), the wasm-pack output of wasm/
# (--target no-modules, so content scripts and the worker load it as a classic script) in pkg/,
# and src/sites.json as sites.json (the site description the Rust extractor reads too).
# The WASM is rebuilt only when a hash of its inputs (src/, wasm/, Cargo manifests) changed:
# the hash covers every input file's path and bytes, so a stale module cannot slip through.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm binaryen 132 first: Debian's wasm-opt 108 produces modules that throw at init.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

for tool in wasm-pack wasm-bindgen wasm-opt python3; do
  command -v "$tool" >/dev/null || { echo "build-extension: $tool missing; run: bash scripts/setup.sh" >&2; exit 1; }
done

PKG=target/chaff-extension-pkg
inputs_hash() {
  find src wasm/src wasm/Cargo.toml Cargo.toml Cargo.lock -type f -print0 | sort -z |
    xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}
hash=$(inputs_hash)
if [ -f "$PKG/.inputs-hash" ] && [ "$(cat "$PKG/.inputs-hash")" = "$hash" ] && [ -f "$PKG/chaff_wasm_bg.wasm" ]; then
  echo "build-extension: WASM inputs unchanged, reusing $PKG"
else
  # --out-dir is relative to the crate directory.
  wasm-pack build wasm --release --target no-modules --out-dir "../$PKG" --no-pack
  echo "$hash" > "$PKG/.inputs-hash"
fi

rm -rf dist/chrome dist/firefox dist/chaff-chrome.zip dist/chaff-firefox.zip
mkdir -p dist
python3 - "$PKG" <<'PY'
import json, shutil, sys, zipfile
from pathlib import Path

pkg = Path(sys.argv[1])
source = json.loads(Path("manifest.json").read_text())

def assemble(browser):
    out = Path("dist") / browser
    shutil.copytree("extension", out, ignore=shutil.ignore_patterns("pkg", ".*"))
    (out / "pkg").mkdir()
    for name in ("chaff_wasm.js", "chaff_wasm_bg.wasm"):
        shutil.copy2(pkg / name, out / "pkg" / name)
    shutil.copy2("src/sites.json", out / "sites.json")

    manifest = json.loads(json.dumps(source))
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

    # Every file the manifest names must exist, and every UI script must be loaded.
    named = [*background.get("scripts", []), *filter(None, [background.get("service_worker")])]
    for script in manifest["content_scripts"]:
        named += script["js"]
    named += [manifest["action"]["default_popup"], manifest["options_ui"]["page"]]
    named += list(manifest["icons"].values())
    for entry in manifest["web_accessible_resources"]:
        named += entry["resources"]
    missing = [name for name in named if not (out / name).is_file()]
    if missing:
        sys.exit(f"build-extension: manifest.json names missing files: {missing}")
    loaded = set(manifest["content_scripts"][0]["js"])
    unlisted = sorted(f"ui/{p.name}" for p in (out / "ui").glob("*.js") if f"ui/{p.name}" not in loaded)
    if unlisted:
        sys.exit(f"build-extension: content scripts not in manifest.json: {unlisted}")

    with zipfile.ZipFile(Path("dist") / f"chaff-{browser}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(out).as_posix())
    print(f"build-extension: {out}/ and dist/chaff-{browser}.zip")

assemble("chrome")
assemble("firefox")
PY

# The Firefox build must lint clean (issue 4); warnings are printed, errors fail the build.
web-ext lint --source-dir dist/firefox --no-input --output text
