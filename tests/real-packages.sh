#!/usr/bin/env bash
# Real packages as their registries publish them, fetched once into .cache/real-packages (npm and
# PyPI tarballs and wheels; crates.io's are covered by clearance-app's real_packages test from
# cargo's cache). Each archive is scanned as it is; its component must come out with the right
# purl and declared license.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.cache/real-packages
mkdir -p "$cache"
# package spec → expected purl and declared license (the registries' own metadata). idna declares
# only the classifier "BSD License", which names no one license: Clearance leaves it undeclared
# (original kept) rather than guess, and its LICENSE.md must be detected as BSD-3-Clause.
npm_pkgs=("left-pad@1.3.0|pkg:npm/left-pad@1.3.0|WTFPL" "lodash@4.17.21|pkg:npm/lodash@4.17.21|MIT" "@types/node@20.11.0|pkg:npm/%40types/node@20.11.0|MIT" "json5@2.2.3|pkg:npm/json5@2.2.3|MIT")
pypi_pkgs=("six==1.16.0|pkg:pypi/six@1.16.0|MIT" "requests==2.31.0|pkg:pypi/requests@2.31.0|Apache-2.0" "idna==3.6|pkg:pypi/idna@3.6|detected:BSD-3-Clause" "attrs==23.2.0|pkg:pypi/attrs@23.2.0|MIT")
for p in "${npm_pkgs[@]}"; do
  spec=${p%%|*}
  ls "$cache"/*.tgz 2>/dev/null | grep -q "$(echo "${spec#@}" | tr '/@' '--' | sed 's/^types-/types-/')" || (cd "$cache" && npm pack --silent "$spec" >/dev/null 2>&1)
done
for p in "${pypi_pkgs[@]}"; do
  spec=${p%%|*}
  ls "$cache"/*.whl 2>/dev/null | grep -qi "^$cache/${spec%%==*}-${spec##*==}-" || python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: -d "$cache" "$spec" >/dev/null
done
cargo build -q -p clearance-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/debug/clearance scan "$cache" --db "$work/r.clearance" >/dev/null 2>&1
passed=0; failed=0
for p in "${npm_pkgs[@]}" "${pypi_pkgs[@]}"; do
  IFS='|' read -r spec purl license <<<"$p"
  got=$(python3 - "$work/r.clearance" "$purl" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute("select id, declared_license, (select count(*) from files f where f.component_id = components.id) from components where purl = ?", (sys.argv[2],)).fetchone()
if not r:
    print("missing|0")
else:
    detected = sorted({l for (l,) in c.execute("select distinct fl.license from files f join findings fi on fi.file_id = f.id join finding_licenses fl on fl.finding_id = fi.id where f.component_id = ? and fi.detector != 'manifest'", (r[0],))})
    print(f"{r[1]}|{' '.join('detected:' + d for d in detected)}|{r[2]}")
PY
)
  IFS='|' read -r declared detected nfiles <<<"$got"
  if { [ "$declared" = "$license" ] || [[ " $detected " == *" $license "* ]]; } && [ "${nfiles:-0}" -gt 0 ]; then
    echo "ok: $purl: $license ($nfiles files)"; passed=$((passed + 1))
  else
    echo "FAILED: $purl: expected $license, got declared $declared, $detected ($nfiles files)"; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
