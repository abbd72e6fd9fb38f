#!/usr/bin/env bash
# Real supplier SBOMs, made by other tools from real trees, imported and compared with
# Clearance's own scan of the same tree (#15): cyclonedx-npm on the UI's npm project and
# cyclonedx-py on the validators' Python environment (both installed once into
# .cache/sbom-tools from the registries). Every package the SBOM names must be found by the scan
# at the same version (>= 98 % by purl); license disagreements are listed for the record — they
# are what `diff --supplier` is for (a "BSD License" classifier against the BSD-3-Clause text).
# The import and diff were tuned on those two trees; the SBOM tools' own installations (their
# npm project and their Python environment) are trees they were not tuned on: held out.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=.cache/sbom-tools
mkdir -p "$tools"
if [ ! -x "$tools/npm/node_modules/.bin/cyclonedx-npm" ]; then
  mkdir -p "$tools/npm"
  npm install --prefix "$tools/npm" --silent --no-audit --no-fund '@cyclonedx/cyclonedx-npm@4' >/dev/null
fi
if [ ! -x "$tools/pyvenv/bin/cyclonedx-py" ]; then
  python3 -m venv "$tools/pyvenv"
  "$tools/pyvenv/bin/pip" install -q --disable-pip-version-check 'cyclonedx-bom>=7,<8'
fi
# The Python environment to describe: the export validators' (made by validate-exports.sh).
[ -d .cache/venv ] || bash tests/validate-exports.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q -p clearance-cli
clearance=$PWD/target/debug/clearance
export CLEARANCE_DATA_DIR="$work/no-advisories" CLEARANCE_REVIEWER="Supplier Check <check@example.com>"

cyclonedx_npm=$PWD/$tools/npm/node_modules/.bin/cyclonedx-npm
(cd ui && "$cyclonedx_npm" --output-format JSON --output-file "$work/ui.cdx.json" >/dev/null 2>&1)
(cd "$tools/npm" && "$cyclonedx_npm" --output-format JSON --output-file "$work/tools-npm.cdx.json" >/dev/null 2>&1)
site=$(ls -d .cache/venv/lib/python3*/site-packages | head -n1)
"$tools/pyvenv/bin/cyclonedx-py" environment .cache/venv --of JSON -o "$work/venv.cdx.json" >/dev/null 2>&1
"$tools/pyvenv/bin/cyclonedx-py" environment "$tools/pyvenv" --of JSON -o "$work/tools-py.cdx.json" >/dev/null 2>&1
tools_site=$(ls -d "$tools"/pyvenv/lib/python3*/site-packages | head -n1)

failed=0
compare() { # name, tree, BOM
  local db="$work/$1.clearance"
  "$clearance" scan "$2" --db "$db" >/dev/null 2>&1
  "$clearance" import --db "$db" --from-cyclonedx "$3" >/dev/null
  "$clearance" diff --supplier "$db" --json >"$work/$1.diff.json" || true
  python3 - "$1" "$work/$1.diff.json" "$3" <<'PY' || failed=$((failed + 1))
import json, sys
name, diff, bom = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def packages(cs):  # distinct packages: npm nests the same version under several dependants
    for c in cs:
        if c.get("type") != "file":
            yield c.get("purl") or f"{c.get('name')}@{c.get('version')}"
        yield from packages(c.get("components", []))
named = len(set(packages(bom.get("components", []))))
matched = diff["matched"]
print(f"{name}: {bom['metadata']['tools']['components'][0]['name']} names {named} packages; "
      f"the scan finds {matched} at the same version ({100 * matched / max(named, 1):.1f} %); "
      f"only in the SBOM {len(diff['only_in_sbom'])}, only in the scan {len(diff['only_in_scan'])}, "
      f"versions differ {len(diff['versions_differ'])}, licenses differ {len(diff['licenses_differ'])}")
for d in diff["licenses_differ"]:
    print(f"  license: {d['name']}: the SBOM says {d['sbom']}, the scan found {d['scan']}")
for e in diff["only_in_sbom"] + diff["versions_differ"]:
    print(f"  missing: {e}")
sys.exit(0 if named > 20 and matched >= 0.98 * named else 1)
PY
}
compare npm ui "$work/ui.cdx.json"
compare pypi "$site" "$work/venv.cdx.json"
compare npm-held-out "$tools/npm" "$work/tools-npm.cdx.json"
compare pypi-held-out "$tools_site" "$work/tools-py.cdx.json"
[ "$failed" = 0 ] && echo "supplier SBOMs: all four matched" || { echo "supplier SBOMs: $failed did not match"; exit 1; }
