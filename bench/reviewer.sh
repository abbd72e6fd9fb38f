#!/usr/bin/env bash
# The reviewer's path through the real desktop app (bench/reviewer.mjs): conclude and sign off
# N real crates whose suggestions are right, counting actions (clicks, choices, keys) and
# seconds. The crates are the first N of cargo's download cache that declare a license and ship
# a license file (sorted by name), copied under vendor/ of a fresh release folder and scanned
# with the CLI first (scanning is not the reviewer's time).
# Usage: bench/reviewer.sh [N]   (needs target/release/clearance and clearance-desktop)
set -euo pipefail
n=${1:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
profile=${BENCH_PROFILE:-release}
cli="$root/target/$profile/clearance"; app="$root/target/$profile/clearance-desktop"
[ -x "$cli" ] && [ -x "$app" ] || { echo "build first: cargo build --release -p clearance-cli -p clearance-desktop"; exit 1; }
work=$(mktemp -d)
. "$root/bench/lib.sh"
cleanup() { kill "${drv:-}" "${xvfb:-}" 2>/dev/null || true; pkill -f "$app" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
start_display
export CLEARANCE_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/xdg-data"

mkdir -p "$work/release/vendor" "$work/data/reviews"
count=0
for d in $(ls -d "$HOME"/.cargo/registry/src/*/*/ | sort); do
  [ "$count" -ge "$n" ] && break
  grep -qE '^license *=' "$d/Cargo.toml" 2>/dev/null || continue
  ls "$d" | grep -qiE '^(license|copying)' || continue
  cp -r "$d" "$work/release/vendor/"
  count=$((count + 1))
done
printf '[package]\nname = "bench-release"\nversion = "1.0.0"\nlicense = "MIT"\n' >"$work/release/Cargo.toml"
review="$work/data/reviews/reviewer-$n.clearance"
"$cli" scan "$work/release" --db "$review" >/dev/null
echo "$count crates scanned into $(basename "$review")"
printf '[{"path": "%s", "name": "%s", "opened_at": "2026-01-01T00:00:00Z"}]\n' "$review" "reviewer-$n" >"$work/data/recent.json"

start_driver
CLEARANCE_E2E_APP="$app" CLEARANCE_E2E_DRIVER="$driver_url" BENCH_REVIEW="reviewer-$n" node "$root/bench/reviewer.mjs"
echo "After the run (the CLI on the same file):"
"$cli" review status --db "$review" | sed -n 1,12p
