#!/usr/bin/env bash
# The decision library on real packages (#18): two product trees that share real npm packages
# (from the UI's node_modules) and real crates (from the cargo registry). The first is concluded,
# approved and published; the second is scanned against the library: every shared package on
# identical evidence takes the first's decision, and the one whose license file differs is only
# suggested — it never inherits.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund >/dev/null
cargo build -q -p clearance-cli
clearance=$PWD/target/debug/clearance
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CLEARANCE_DATA_DIR="$work/no-data" CLEARANCE_REVIEWER="Library Check <check@example.com>"
export CLEARANCE_LIBRARY="$work/library.sqlite"
registry=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ | head -n1)
# Packages with a license file of their own, the same in both products.
npm=(picocolors debug fdir entities chai)
crates=(memchr itoa ryu)
for product in alpha beta; do
  mkdir -p "$work/$product/node_modules" "$work/$product/vendor"
  printf '{"name": "%s", "version": "1.0.0", "license": "MIT"}\n' "$product" >"$work/$product/package.json"
  for p in "${npm[@]}"; do cp -r "ui/node_modules/$p" "$work/$product/node_modules/$p"; done
  for c in "${crates[@]}"; do
    src=$(ls -d "$registry$c"-[0-9]* | sort -V | tail -n1)
    cp -r "$src" "$work/$product/vendor/$c"
    rm -f "$work/$product/vendor/$c/Cargo.lock" # its own development lockfile: not what we compare
  done
done
# In beta, one npm package's license file says something more.
printf '\nThis copy is also available under the terms of a separate agreement.\n' >>"$work/beta/node_modules/debug/LICENSE"
$clearance scan "$work/alpha" --db "$work/alpha.clearance" >/dev/null 2>&1
$clearance review product alpha 1.0 --db "$work/alpha.clearance" >/dev/null
$clearance review bulk --all --db "$work/alpha.clearance" conclude --suggested --status approved >/dev/null
$clearance approve --db "$work/alpha.clearance" --override "library test" >/dev/null
$clearance library publish --db "$work/alpha.clearance"
$clearance scan "$work/beta" --db "$work/beta.clearance" >"$work/scan.log" 2>&1
grep '^Library:' "$work/scan.log"
$clearance library apply --dry-run --db "$work/beta.clearance" --json >"$work/plan.json"
$clearance review components --db "$work/beta.clearance" --json >"$work/beta.json"
python3 - "$work/beta.json" "$work/plan.json" "${#npm[@]}" "${#crates[@]}" <<'PY'
import json, sys
components = json.load(open(sys.argv[1]))
plan = json.load(open(sys.argv[2]))["plan"]
shared = int(sys.argv[3]) + int(sys.argv[4])
taken = {c["name"] for c in components if (c.get("conclusion") or {}).get("carried_from", "") and c["conclusion"]["carried_from"].startswith("library: alpha 1.0")}
suggested = {s["component"].split(" ")[0]: s["why"] for s in plan["suggestions"]}
ok = True
if "debug" in taken:
    print("FAIL: debug's license file changed, yet it took alpha's decision"); ok = False
if "LICENSE changed" not in suggested.get("debug", ""):
    print("FAIL: debug is not suggested with its change said:", suggested.get("debug")); ok = False
if len(taken) != shared - 1:
    print(f"FAIL: {len(taken)} of the {shared - 1} packages on identical evidence took alpha's decision: {sorted(taken)}"); ok = False
print(f"library on real packages: {len(taken)} of {shared - 1} identical packages took alpha's decision; debug suggested ({suggested.get('debug')})")
sys.exit(0 if ok else 1)
PY
