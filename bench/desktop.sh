#!/usr/bin/env bash
# The desktop app's timings on a large review (bench/desktop.mjs): cold start, open, table
# queries. Usage: bench/desktop.sh APP_BINARY REVIEW.clearance
set -euo pipefail
app=$(realpath "$1"); review=$(realpath "$2")
work=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
cleanup() { kill "${drv:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
start_display
export CLEARANCE_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/xdg-data"
name=$(basename "$review" .clearance)
mkdir -p "$work/data"
printf '[{"path": "%s", "name": "%s", "opened_at": "2026-01-01T00:00:00Z"}]\n' "$review" "$name" >"$work/data/recent.json"
start_driver
CLEARANCE_E2E_APP="$app" CLEARANCE_E2E_DRIVER="$driver_url" BENCH_REVIEW="$name" node "$(dirname "$0")/desktop.mjs"
