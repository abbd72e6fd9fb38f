#!/usr/bin/env bash
# Starts the built desktop app under a private Xvfb display and checks that its window appears
# and the process stays up; leaves a screenshot in target/desktop-smoke.png.
set -euo pipefail
bin=${1:-target/debug/clearance-desktop}
[ -x "$bin" ] || { echo "desktop smoke: $bin is not built"; exit 1; }
workdir=$(mktemp -d)
exec 3>"$workdir/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$workdir/xvfb.log" 2>&1 &
xvfb=$!
cleanup() { kill "${app:-}" "$xvfb" 2>/dev/null || true; rm -rf "$workdir"; }
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$workdir/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$workdir/display")"
# A private data folder so the smoke test never touches the user's reviews.
XDG_DATA_HOME="$workdir/data" "$bin" >"$workdir/app.log" 2>&1 &
app=$!
found=0
for _ in $(seq 120); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"Clearance"'; then found=1; break; fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.5
done
sleep 2
if [ "$found" = 1 ] && kill -0 "$app" 2>/dev/null; then
  import -window root target/desktop-smoke.png 2>/dev/null || true
  echo "desktop smoke: the Clearance window appeared and the app is running"
  echo "1 passed, 0 failed"
else
  echo "desktop smoke: no Clearance window; app log:"; cat "$workdir/app.log"
  echo "0 passed, 1 failed"
  exit 1
fi
