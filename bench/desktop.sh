#!/usr/bin/env bash
# The desktop app's timings on a large review (bench/desktop.mjs): cold start, open, table
# queries. Usage: bench/desktop.sh APP_BINARY REVIEW.clearance
set -euo pipefail
app=$(realpath "$1"); review=$(realpath "$2")
work=$(mktemp -d)
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "${drv:-}" "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$work/display")" CLEARANCE_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config"
name=$(basename "$review" .clearance)
mkdir -p "$work/data"
printf '[{"path": "%s", "name": "%s", "opened_at": "2026-01-01T00:00:00Z"}]\n' "$review" "$name" >"$work/data/recent.json"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
native=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${TAURI_DRIVER:-$HOME/.cargo/bin/tauri-driver}" --port "$port" --native-port "$native" >"$work/driver.log" 2>&1 &
drv=$!
for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break; sleep 0.1; done
CLEARANCE_E2E_APP="$app" CLEARANCE_E2E_DRIVER="http://127.0.0.1:$port" BENCH_REVIEW="$name" node "$(dirname "$0")/desktop.mjs"
