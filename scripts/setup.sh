#!/usr/bin/env bash
# Installs what chaff's build and tests need on a fresh machine, skipping whatever is
# already there. Called by the Makefile; safe to run again.
#   setup.sh rust     – the wasm32 target, wasm-bindgen-cli (pinned to the crate's version), wasm-pack
#   setup.sh browser  – Debian Chromium + ChromeDriver (Playwright drives it; never downloads a browser)
#   setup.sh node     – npm packages from package-lock.json (playwright-core, binaryen, web-ext)
set -euo pipefail
cd "$(dirname "$0")/.."

# Must match the `wasm-bindgen = "=…"` pin in wasm/Cargo.toml, so wasm-pack never downloads one.
WASM_BINDGEN_VERSION=0.2.130

have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$PATH"

setup_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  if ! have wasm-bindgen || ! wasm-bindgen --version | grep -q "$WASM_BINDGEN_VERSION"; then
    # Not --locked: one of its pinned dependencies is no longer on the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if ! have wasm-pack; then
    cargo install wasm-pack --locked
  fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

setup_browser() {
  apt_install chromium chromium-driver firefox-esr openssl
}

setup_node() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

for what in "${@:-rust browser node}"; do
  for part in $what; do
    case "$part" in
      rust) setup_rust ;;
      browser) setup_browser ;;
      node) setup_node ;;
      *) echo "setup.sh: unknown part '$part' (rust, browser, node)" >&2; exit 2 ;;
    esac
  done
done
