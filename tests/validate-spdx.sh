#!/usr/bin/env bash
# Exports the sample release as SPDX 2.3 JSON with the real CLI and validates it with the SPDX
# project's own tools (spdx-tools from PyPI, installed once into .cache/venv).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/venv
if [ ! -x "$venv/bin/pyspdxtools" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'spdx-tools==0.8.*'
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q -p clearance-cli
./target/debug/clearance scan fixtures/sample-release --db "$work/sample.clearance" >/dev/null 2>&1
./target/debug/clearance export --db "$work/sample.clearance" --format spdx-json -o "$work/sample.spdx.json" 2>/dev/null
if "$venv/bin/pyspdxtools" -i "$work/sample.spdx.json"; then
  echo "spdx validation: the sample release's SPDX 2.3 JSON is valid (pyspdxtools)"
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
