# Validates an SPDX 3.0.1 JSON-LD document offline with the SPDX project's Python model
# (spdx-python-model, generated from the SPDX 3.0.1 SHACL model by shacl2code): every element
# and property must be one SPDX 3.0.1 defines, with a value of its type (enumerations included);
# re-serialising checks every required property and cardinality; no reference may dangle.
# Then, against the SPDX 2.3 export of the same review (argv[2]): the same packages (name,
# version, purl, supplier) and files (name, SHA-256).
import json, sys
from spdx_python_model import v3_0_1 as spdx
objset = spdx.SHACLObjectSet()
with open(sys.argv[1], "rb") as f:
    spdx.JSONLDDeserializer().read(f, objset)
missing = objset.link()
# Re-encode: every required property and cardinality is checked.
import io
out = io.BytesIO()
spdx.JSONLDSerializer().write(objset, out)
docs = list(objset.foreach_type(spdx.SpdxDocument))
pkgs = list(objset.foreach_type(spdx.software_Package))
files = list(objset.foreach_type(spdx.software_File))
rels = list(objset.foreach_type(spdx.Relationship))
print(f"{len(docs)} document, {len(pkgs)} packages, {len(files)} files, {len(rels)} relationships; dangling references: {sorted(missing)}")
if missing or len(docs) != 1:
    sys.exit(1)
if len(sys.argv) > 2:
    two = json.load(open(sys.argv[2]))
    def purl(p):
        return next((r["referenceLocator"] for r in p.get("externalRefs", []) if r["referenceType"] == "purl"), None)
    def agent(a):
        return None if a in (None, "NOASSERTION") else a.split(":", 1)[1].strip()
    p2 = sorted((p["name"], p.get("versionInfo"), purl(p), agent(p.get("supplier"))) for p in two["packages"])
    p3 = sorted((p.name, p.software_packageVersion, p.software_packageUrl, p.suppliedBy.name if p.suppliedBy else None) for p in pkgs)
    f2 = sorted((f["fileName"].lstrip("./"), next(c["checksumValue"] for c in f["checksums"] if c["algorithm"] == "SHA256")) for f in two["files"])
    f3 = sorted((f.name, next(h.hashValue for h in f.verifiedUsing if h.algorithm.endswith("sha256"))) for f in files)
    if p2 != p3 or f2 != f3:
        print("2.3 only:", sorted(set(p2) - set(p3))[:5], sorted(set(f2) - set(f3))[:5])
        print("3.0.1 only:", sorted(set(p3) - set(p2))[:5], sorted(set(f3) - set(f2))[:5])
        sys.exit(1)
    print(f"the same {len(p3)} packages and {len(f3)} files as the SPDX 2.3 export")
