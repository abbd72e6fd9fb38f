#!/usr/bin/env bash
# Exports the sample release (one component concluded, so conclusions appear) with the real CLI
# and validates the SBOMs with the standards' own tools, installed once into .cache/venv from
# PyPI: spdx-tools (pyspdxtools) for SPDX 2.3 JSON and tag-value; the official SPDX 2.3 JSON
# schema (shipped in the ossbomer-schema source package) with jsonschema; cyclonedx-python-lib's
# strict validator (it ships the official CycloneDX 1.7 and 1.6 schemas) for CycloneDX.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/venv
if [ ! -x "$venv/bin/pyspdxtools" ] || [ ! -x "$venv/bin/sbomcheck" ] || ! "$venv/bin/python" -c 'import spdx_python_model' 2>/dev/null || ! "$venv/bin/python" -c 'from cyclonedx.schema import SchemaVersion; SchemaVersion.V1_7' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'spdx-tools==0.8.*' 'cyclonedx-python-lib[json-validation]>=11,<12' 'ntia-conformance-checker==6.*' 'spdx-python-model==0.0.*' 'license-expression==30.4.*'
fi
schema="$venv/spdx-2.3-schema.json"
if [ ! -s "$schema" ]; then
  dl=$(mktemp -d)
  "$venv/bin/pip" download -q --disable-pip-version-check --no-deps --no-binary :all: 'ossbomer-schema==1.2.1' -d "$dl"
  tar -xzf "$dl"/ossbomer_schema-1.2.1.tar.gz -C "$dl"
  cp "$dl"/ossbomer_schema-1.2.1/ossbomer_schema/schemas/spdx-schema.json "$schema"
  rm -rf "$dl"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q -p clearance-cli
clearance=./target/debug/clearance
export CLEARANCE_REVIEWER="Export Validator <validator@example.com>"
# A second root with lockfiles: their entries are components without files in the SBOMs.
mkdir -p "$work/locked"
printf '[[package]]\nname = "locked"\nversion = "0.1.0"\ndependencies = ["serde"]\n\n[[package]]\nname = "serde"\nversion = "1.0.200"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' >"$work/locked/Cargo.lock"
printf '[package]\nname = "locked"\nversion = "0.1.0"\nlicense = "MIT"\n' >"$work/locked/Cargo.toml"
# "zzz-last" sorts last: the document's last package has no files (in tag-value, files after a
# package are that package's).
printf '{"lockfileVersion": 3, "packages": {"node_modules/@acme/x": {"version": "1.0.0", "license": "MIT"}, "node_modules/zzz-last": {"version": "9.9.9", "license": "ISC"}}}\n' >"$work/locked/package-lock.json"
$clearance scan fixtures/sample-release "$work/locked" --db "$work/s.clearance" >/dev/null 2>&1
$clearance review conclude tinyjson --license "MIT OR Apache-2.0" --status approved --db "$work/s.clearance" >/dev/null
$clearance export --db "$work/s.clearance" --format spdx-json -o "$work/sample.spdx.json" 2>/dev/null
$clearance export --db "$work/s.clearance" --format spdx-tv -o "$work/sample.spdx" 2>/dev/null
$clearance export --db "$work/s.clearance" --format cyclonedx-json -o "$work/sample.cdx.json" 2>/dev/null
$clearance export --db "$work/s.clearance" --format cyclonedx-json --spec-version 1.6 -o "$work/sample-1.6.cdx.json" 2>/dev/null
# A release with known vulnerabilities, matched on its scan against the crates.io dump (the
# machine's advisory database is the test's own), two of them triaged: CycloneDX's
# vulnerabilities (a VEX in the BOM) and an OpenVEX document.
mkdir -p "$work/vulnerable"
printf '[package]\nname = "vulnerable"\nversion = "1.0.0"\nlicense = "MIT"\n' >"$work/vulnerable/Cargo.toml"
printf 'version = 3\n\n[[package]]\nname = "smallvec"\nversion = "0.6.9"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[[package]]\nname = "tokio"\nversion = "1.20.3"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' >"$work/vulnerable/Cargo.lock"
export CLEARANCE_DATA_DIR="$work/data"
$clearance advisories import fixtures/osv/crates.io-all.zip >/dev/null
$clearance scan "$work/vulnerable" --db "$work/v.clearance" >/dev/null 2>&1
$clearance advisories triage --db "$work/v.clearance" smallvec RUSTSEC-2021-0003 --state not-affected --justification code-not-reachable --note "never called" >/dev/null
$clearance advisories triage --db "$work/v.clearance" tokio RUSTSEC-2023-0005 --state exploitable --response update --note "bump" >/dev/null
$clearance advisories triage --db "$work/v.clearance" smallvec RUSTSEC-2019-0009 --state false-positive --note "not this crate" >/dev/null
$clearance export --db "$work/v.clearance" --format cyclonedx-json -o "$work/vulnerable.cdx.json" 2>/dev/null
$clearance export --db "$work/v.clearance" --format openvex -o "$work/vulnerable.openvex.json" 2>/dev/null
# A release whose manifests name who makes each package (Cargo authors, package.json author,
# PKG-INFO Author): NTIA's minimum elements are all there. The sample release's manifests name
# nobody: its suppliers are NOASSERTION, not invented, and it is not conformant.
mkdir -p "$work/attributed/vendor/lib" "$work/attributed/py/pkg-1.0"
printf '[package]\nname = "attributed"\nversion = "1.0.0"\nlicense = "MIT"\nauthors = ["Acme Software Inc. <dev@acme.example>"]\n' >"$work/attributed/Cargo.toml"
printf '{"name": "lib", "version": "2.0.0", "license": "ISC", "author": "Jane Doe <jane@example.org>"}\n' >"$work/attributed/vendor/lib/package.json"
printf 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nLicense: MIT\nAuthor: Python Packaging Authority\n\n' >"$work/attributed/py/pkg-1.0/PKG-INFO"
$clearance scan "$work/attributed" --db "$work/a.clearance" >/dev/null 2>&1
$clearance export --db "$work/a.clearance" --format spdx-json -o "$work/attributed.spdx.json" 2>/dev/null
$clearance export --db "$work/a.clearance" --format spdx-tv -o "$work/attributed.spdx" 2>/dev/null
$clearance export --db "$work/a.clearance" --format spdx3-json -o "$work/attributed.spdx3.json" 2>/dev/null
$clearance export --db "$work/s.clearance" --format spdx3-json -o "$work/sample.spdx3.json" 2>/dev/null
# A release under licenses newer than the license list pyspdxtools knows (license-expression
# 30.4: list 3.27): a package under BSD-3-Clause-Tso (3.28), a file under Bugroff (3.29), one
# with kvirc-openssl-exception (3.28), a component declaring only Bugroff.
mkdir -p "$work/newer/src" "$work/newer/vendor/only-new"
printf '[package]\nname = "newer"\nversion = "1.0.0"\nlicense = "BSD-3-Clause-Tso"\n' >"$work/newer/Cargo.toml"
printf '// SPDX-License-Identifier: Bugroff\n' >"$work/newer/src/a.rs"
printf '// SPDX-License-Identifier: GPL-2.0-or-later WITH kvirc-openssl-exception\n' >"$work/newer/src/b.rs"
printf '[package]\nname = "only-new"\nversion = "0.1.0"\nlicense = "Bugroff"\n' >"$work/newer/vendor/only-new/Cargo.toml"
$clearance scan "$work/newer" --db "$work/n.clearance" >/dev/null 2>&1
$clearance review conclude newer --license "BSD-3-Clause-Tso AND Bugroff" --status approved --db "$work/n.clearance" >/dev/null
$clearance export --db "$work/n.clearance" --format spdx-json -o "$work/newer-3.29.spdx.json" 2>/dev/null
$clearance export --db "$work/n.clearance" --format cyclonedx-json -o "$work/newer.cdx.json" 2>/dev/null
for f in spdx-json:spdx.json spdx-tv:spdx spdx3-json:spdx3.json cyclonedx-json:cdx.json; do
  $clearance export --db "$work/n.clearance" --format "${f%%:*}" --license-list-version 3.27 -o "$work/newer-3.27.${f#*:}" 2>/dev/null
done
passed=0; failed=0
check() { # name, command…
  if "${@:2}"; then echo "valid: $1"; passed=$((passed + 1)); else echo "INVALID: $1"; failed=$((failed + 1)); fi
}
check "SPDX 2.3 JSON (pyspdxtools)" "$venv/bin/pyspdxtools" -i "$work/sample.spdx.json"
check "SPDX 2.3 JSON (official JSON schema)" "$venv/bin/python" - "$schema" "$work/sample.spdx.json" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
assert schema.get("title") == "SPDX 2.3", "not the SPDX 2.3 schema"
errors = list(jsonschema.Draft201909Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors[:10]:
    print(e.message, list(e.path))
sys.exit(1 if errors else 0)
PY
check "SPDX 2.3 tag-value (pyspdxtools)" "$venv/bin/pyspdxtools" -i "$work/sample.spdx"
check "SPDX tag-value and JSON agree on which package contains which file" "$venv/bin/python" - "$work/sample.spdx" "$work/sample.spdx.json" <<'PY'
import sys
from spdx_tools.spdx.parser.parse_anything import parse_file
from spdx_tools.spdx.model import RelationshipType
def contains(path):
    doc = parse_file(path)
    names = {p.spdx_id: p.name for p in doc.packages}
    files = {f.spdx_id: f.name for f in doc.files}
    return doc, {(names[r.spdx_element_id], files[r.related_spdx_element_id]) for r in doc.relationships
                 if r.relationship_type == RelationshipType.CONTAINS and r.related_spdx_element_id in files}
tv, tv_pairs = contains(sys.argv[1])
js, js_pairs = contains(sys.argv[2])
ok = True
if tv_pairs != js_pairs:
    print("tag-value only:", sorted(tv_pairs - js_pairs)[:10]); print("JSON only:", sorted(js_pairs - tv_pairs)[:10]); ok = False
last = tv.packages[-1]
if last.files_analyzed or any(p == last.name for p, _ in tv_pairs):
    print("the last package should be a lockfile entry without files:", last.name); ok = False
unpackaged = {f.name for f in js.files} - {f for _, f in js_pairs}
print(f"{len(js_pairs)} files in packages, {len(unpackaged)} outside any, last package {last.name}")
sys.exit(0 if ok else 1)
PY
check "CycloneDX and SPDX agree on which component contains which file" "$venv/bin/python" - "$work/sample.cdx.json" "$work/sample.spdx.json" <<'PY'
import json, sys
from spdx_tools.spdx.parser.parse_anything import parse_file
from spdx_tools.spdx.model import RelationshipType
cdx = json.load(open(sys.argv[1]))
pairs = set()
for c in [cdx["metadata"]["component"]] + cdx.get("components", []):
    for f in c.get("components", []):
        if f.get("type") == "file":
            pairs.add((c["name"], f["name"].lstrip("./")))
doc = parse_file(sys.argv[2])
names = {p.spdx_id: p.name for p in doc.packages}
files = {f.spdx_id: f.name.lstrip("./") for f in doc.files}
spdx = {(names[r.spdx_element_id], files[r.related_spdx_element_id]) for r in doc.relationships
        if r.relationship_type == RelationshipType.CONTAINS and r.related_spdx_element_id in files}
if pairs != spdx:
    print("CycloneDX only:", sorted(pairs - spdx)[:10]); print("SPDX only:", sorted(spdx - pairs)[:10]); sys.exit(1)
print(f"{len(pairs)} (component, file) pairs in both")
PY
cdx_strict() { # file, version: valid under the official schema of that version, and says it
  "$venv/bin/python" - "$1" "$2" <<'PY'
import json, sys
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
text = open(sys.argv[1]).read()
assert json.loads(text)["specVersion"] == sys.argv[2], "the version asked for"
err = JsonStrictValidator(SchemaVersion.V1_7 if sys.argv[2] == "1.7" else SchemaVersion.V1_6).validate_str(text)
if err:
    print(err)
    sys.exit(1)
PY
}
check "CycloneDX 1.7 JSON, the default (official schema)" cdx_strict "$work/sample.cdx.json" 1.7
check "CycloneDX 1.6 JSON, --spec-version 1.6 (official schema)" cdx_strict "$work/sample-1.6.cdx.json" 1.6
check "CycloneDX 1.7 with vulnerabilities and their analysis (official schema)" "$venv/bin/python" - "$work/vulnerable.cdx.json" <<'PY'
import json, sys
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
text = open(sys.argv[1]).read()
err = JsonStrictValidator(SchemaVersion.V1_7).validate_str(text)
if err:
    print(err)
    sys.exit(1)
vulns = json.loads(text)["vulnerabilities"]
states = sorted(v["analysis"]["state"] for v in vulns if "analysis" in v)
print(f"{len(vulns)} vulnerabilities, analysed: {states}")
sys.exit(0 if states == ["exploitable", "false_positive", "not_affected"] else 1)
PY
check "OpenVEX 0.2.0 (the spec's JSON schema)" "$venv/bin/python" - fixtures/schemas/openvex-0.2.0.schema.json "$work/vulnerable.openvex.json" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
errors = list(validator.iter_errors(doc))
for e in errors[:10]:
    print(e.message, list(e.path))
print(f"{len(doc['statements'])} statements:", sorted({s['status'] for s in doc['statements']}))
sys.exit(1 if errors else 0)
PY
check "SPDX 3.0.1 JSON-LD (the SPDX 3.0.1 model), the same facts as the 2.3 export" \
  "$venv/bin/python" tests/validators/spdx3.py "$work/sample.spdx3.json" "$work/sample.spdx.json"
check "SPDX 3.0.1 JSON-LD with suppliers (the SPDX 3.0.1 model)" \
  "$venv/bin/python" tests/validators/spdx3.py "$work/attributed.spdx3.json" "$work/attributed.spdx.json"
check "NTIA minimum elements: SPDX 2.3 JSON of a release whose manifests name their suppliers" \
  "$venv/bin/sbomcheck" -q "$work/attributed.spdx.json"
check "NTIA minimum elements: the same as tag-value" "$venv/bin/sbomcheck" -q "$work/attributed.spdx"
check "NTIA minimum elements: the same as SPDX 3.0.1" "$venv/bin/sbomcheck" -q -s spdx3 "$work/attributed.spdx3.json"
check "the sample release names no supplier: NOASSERTION, and NTIA says so" "$venv/bin/python" - "$work/sample.spdx.json" "$venv/bin/sbomcheck" <<'PY'
import json, subprocess, sys
doc = json.load(open(sys.argv[1]))
suppliers = {p["name"]: p.get("supplier") for p in doc["packages"]}
assert all(s == "NOASSERTION" for s in suppliers.values()), suppliers
r = subprocess.run([sys.argv[2], sys.argv[1]], capture_output=True, text=True)
assert "Conformant: False" in r.stdout and "supplier" in r.stdout, r.stdout
print(f"{len(suppliers)} packages without a supplier; the checker names them")
PY
agree_with_ntia() { # Clearance's own NTIA profile says what NTIA's checker says, for both releases
  local ours theirs ok=0
  for pair in "a.clearance attributed.spdx.json" "s.clearance sample.spdx.json"; do
    set -- $pair
    if $clearance check --db "$work/$1" --profile ntia >/dev/null; then ours=0; else ours=1; fi
    if "$venv/bin/sbomcheck" -q "$work/$2" >/dev/null 2>&1; then theirs=0; else theirs=1; fi
    echo "$1: clearance check --profile ntia exit $ours, NTIA's checker exit $theirs"
    [ "$ours" = "$theirs" ] || ok=1
  done
  return $ok
}
check "clearance check --profile ntia agrees with NTIA's checker" agree_with_ntia
rejected_by_list_3_27() { # the premise: a validator on list 3.27 refuses the ids of 3.28 and 3.29
  if "$venv/bin/pyspdxtools" -i "$1" >"$work/premise.log" 2>&1; then echo "accepted; the test proves nothing"; return 1; fi
  grep -q "Unrecognized license reference: Bugroff" "$work/premise.log"
}
check "a 3.29 export names ids a validator on list 3.27 rejects (the reason for the option)" \
  rejected_by_list_3_27 "$work/newer-3.29.spdx.json"
check "--license-list-version 3.27: SPDX 2.3 JSON (pyspdxtools, list 3.27)" "$venv/bin/pyspdxtools" -i "$work/newer-3.27.spdx.json"
check "--license-list-version 3.27: SPDX 2.3 tag-value (pyspdxtools, list 3.27)" "$venv/bin/pyspdxtools" -i "$work/newer-3.27.spdx"
check "--license-list-version 3.27: the LicenseRefs carry the full texts" "$venv/bin/python" - "$work/newer-3.27.spdx.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
texts = {e["licenseId"]: e["extractedText"] for e in doc["hasExtractedLicensingInfos"]}
want = ["LicenseRef-BSD-3-Clause-Tso", "LicenseRef-Bugroff", "LicenseRef-GPL-2.0-or-later-WITH-kvirc-openssl-exception"]
missing = [w for w in want if len(texts.get(w, "")) < 200]
print(doc["creationInfo"]["licenseListVersion"], {k: len(v) for k, v in texts.items()})
sys.exit(1 if missing or doc["creationInfo"]["licenseListVersion"] != "3.27" else 0)
PY
check "--license-list-version 3.27: SPDX 3.0.1 JSON-LD (the SPDX 3.0.1 model)" \
  "$venv/bin/python" tests/validators/spdx3.py "$work/newer-3.27.spdx3.json" "$work/newer-3.27.spdx.json"
check "--license-list-version 3.27: CycloneDX 1.7 (official schema)" cdx_strict "$work/newer-3.27.cdx.json" 1.7
check "a component declaring only an id newer than CycloneDX's enumeration: CycloneDX 1.7 (official schema)" \
  cdx_strict "$work/newer.cdx.json" 1.7
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
