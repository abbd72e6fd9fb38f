#!/usr/bin/env bash
# Runs the WebDriver end-to-end tests against the built desktop app, under a private Xvfb
# display, with a private data folder, reviewer config and scripted dialog answers.
#   tests/e2e/run.sh [app-binary]        (SCREENSHOTS_DIR=docs/screenshots to keep screenshots)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$(realpath "${1:-target/debug/clearance-desktop}")
[ -x "$app" ] || { echo "e2e: $app is not built"; exit 1; }
driver_bin=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
[ -x "$driver_bin" ] || { echo "e2e: tauri-driver is missing (cargo install tauri-driver --version '^2' --locked)"; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "e2e: WebKitWebDriver is missing (apt install webkit2gtk-driver)"; exit 1; }

work=$(mktemp -d)
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
cleanup() { kill "${drv:-}" 2>/dev/null || true; pkill -f "$app" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$work/display")"

# What the app's native dialogs answer, and a second small release to scan.
mkdir -p "$work/export" "$work/release-b/src" "$work/data" "$work/config"
printf '// SPDX-License-Identifier: BSD-3-Clause\nint main(void) { return 0; }\n' >"$work/release-b/src/main.c"
# A hostile manifest: markup in the name and the license must show as text everywhere.
printf '{"name": "<img src=x onerror=alert(1)>", "version": "1.0.0", "license": "<script>alert(2)</script>"}\n' >"$work/release-b/package.json"
# A third: real crates vendored with their own (nested) lockfiles.
bash "$here/vendored-release.sh" "$work/release-c"
# The SBOM release C's supplier sent with it: memchr at its version, sha2 at another, a package
# the release does not hold, aho-corasick and walkdir left out.
lock="$here/../../Cargo.lock"
version_of() { awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' "$lock"; }
cat >"$work/supplier.cdx.json" <<BOM
{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
 "metadata": {"tools": {"components": [{"type": "application", "name": "supplier-sbom-tool"}]},
   "component": {"type": "application", "name": "release-c", "version": "2.0.0", "bom-ref": "root", "purl": "pkg:cargo/release-c@2.0.0"}},
 "components": [
   {"type": "library", "name": "memchr", "version": "$(version_of memchr)", "bom-ref": "memchr", "purl": "pkg:cargo/memchr@$(version_of memchr)"},
   {"type": "library", "name": "sha2", "version": "0.10.0", "bom-ref": "sha2", "purl": "pkg:cargo/sha2@0.10.0"},
   {"type": "library", "name": "left-pad", "version": "1.3.0", "bom-ref": "left-pad", "purl": "pkg:npm/left-pad@1.3.0"}
 ]}
BOM
cat >"$work/dialogs.json" <<JSON
{"folders": ["$work/release-b", "$work/release-c"], "export": "$work/export",
 "review": "$work/data/reviews/sample-release.clearance", "earlier": "$work/data/reviews/sample-release.clearance",
 "advisories": ["$here/../../fixtures/osv/crates.io-all.zip", "$here/test-advisory.json"],
 "sbom": "$work/supplier.cdx.json"}
JSON
# The webview keeps its local storage (the reviewer's column and layout choices) under
# XDG_DATA_HOME: each run starts from none.
export CLEARANCE_SCRIPTED_DIALOGS="$work/dialogs.json" CLEARANCE_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/xdg-data"
unset CLEARANCE_REVIEWER

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
native=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$driver_bin" --port "$port" --native-port "$native" >"$work/driver.log" 2>&1 &
drv=$!
for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break; sleep 0.1; done

[ -n "${SCREENSHOTS_DIR:-}" ] && mkdir -p "$SCREENSHOTS_DIR" && SCREENSHOTS_DIR=$(realpath "$SCREENSHOTS_DIR")
export CLEARANCE_E2E_APP="$app" CLEARANCE_E2E_DRIVER="http://127.0.0.1:$port" CLEARANCE_E2E_WORK="$work"
status=0
node --test --test-concurrency=1 "$here"/desktop.test.mjs || status=$?
if [ "$status" != 0 ]; then echo "--- tauri-driver log"; tail -n 40 "$work/driver.log"; fi
exit $status
