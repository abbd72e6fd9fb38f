#!/usr/bin/env bash
# Dogfooding: Clearance scans its own dependencies (every crate in Cargo.lock's resolved graph, and
# the UI's node_modules) and its own sources, and checks them against policy/dependencies.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CLEARANCE_BIN:-target/debug/clearance}
[ -x "$bin" ] || cargo build -q -p clearance-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The folders of every non-workspace package, from cargo metadata.
mapfile -t deps < <(cargo metadata --format-version 1 --all-features 2>/dev/null | python3 -c '
import json, os, sys
meta = json.load(sys.stdin)
for p in meta["packages"]:
    if p.get("source"):
        print(os.path.dirname(p["manifest_path"]))
')
roots=("${deps[@]}")
[ -d ui/node_modules ] && roots+=(ui/node_modules)
echo "dogfood: scanning ${#deps[@]} crates$( [ -d ui/node_modules ] && echo ' and ui/node_modules'), then crates/, src-tauri/ and ui/src"
"$bin" scan "${roots[@]}" crates src-tauri ui/src --db "$work/dogfood.clearance" >"$work/scan.log" 2>&1 || { cat "$work/scan.log"; exit 1; }
grep -E "^(Scanned|Cancelled)" "$work/scan.log"
# Our review decisions about what the scan found, each with its reason (policy/dependency-review.txt).
db="$work/dogfood.clearance"
while IFS='|' read -r component path license reason; do
  [ -z "$component" ] || [ "${component:0:1}" = "#" ] && continue
  args=(review false-positive --component "$component" --reason "$reason" --db "$db" --reviewer "Clearance CI <ci@clearance.invalid>")
  [ -n "$path" ] && args+=(--path "$path")
  [ -n "$license" ] && args+=(--license "$license")
  "$bin" "${args[@]}" >/dev/null || { echo "dogfood: the decision about $component $path $license no longer matches anything; review it"; exit 1; }
done < policy/dependency-review.txt
if "$bin" check --db "$work/dogfood.clearance" --policy policy/dependencies.toml >"$work/check.log"; then
  grep -E '^[0-9]+ denied' "$work/check.log"
  echo "1 passed, 0 failed"
else
  cat "$work/check.log"
  echo "0 passed, 1 failed"
  exit 1
fi
