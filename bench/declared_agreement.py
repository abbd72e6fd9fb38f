"""On a scan of the cargo registry: for crates whose Cargo.toml declares a single license id,
how often does a license file at the crate's top level, as Clearance reads it, name that same
license?
The label is the crate's own metadata, never Clearance's output."""
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    """
    SELECT c.name, c.version, c.declared_license, f.path,
           (SELECT group_concat(fi.expression, ' | ') FROM findings fi
             WHERE fi.file_id = f.id AND fi.detector = 'license-text')
    FROM components c JOIN files f ON f.component_id = c.id
    WHERE c.ecosystem = 'cargo' AND c.declared_license IS NOT NULL
      AND c.declared_license NOT LIKE '% %' AND f.kind = 'license'
      -- the crate's own license files, at its top level (not texts it ships as data)
      AND f.path NOT LIKE (CASE WHEN c.dir = '' THEN '' ELSE c.dir || '/' END) || '%/%'
    """
).fetchall()
agree = 0
disagree = []
for name, version, declared, path, found in rows:
    ids = set((found or "").split(" | ")) - {""}
    if declared in ids:
        agree += 1
    else:
        disagree.append((name, version, declared, path, found))
total = len(rows)
pct = 100.0 * agree / total if total else 0.0
print(f"License files of single-license crates agreeing with Cargo.toml: {agree}/{total} = {pct:.1f}%")
for d in disagree[:25]:
    print("  differs:", *d)
if len(disagree) > 25:
    print(f"  … {len(disagree) - 25} more")

# Every crate with license files at its top level: do those files, together, carry every license
# id its Cargo.toml declares (e.g. both MIT and Apache-2.0 for "MIT OR Apache-2.0")?
rows = db.execute(
    """
    SELECT c.id, c.name, c.version, c.declared_license,
           group_concat(fl.license, '|')
    FROM components c JOIN files f ON f.component_id = c.id
    LEFT JOIN findings fi ON fi.file_id = f.id AND fi.detector = 'license-text'
    LEFT JOIN finding_licenses fl ON fl.finding_id = fi.id
    WHERE c.ecosystem = 'cargo' AND c.declared_license IS NOT NULL AND f.kind = 'license'
      AND f.path NOT LIKE (CASE WHEN c.dir = '' THEN '' ELSE c.dir || '/' END) || '%/%'
    GROUP BY c.id
    """
).fetchall()
covered = 0
missing = []
for _, name, version, declared, found in rows:
    want = {t for t in declared.replace("(", " ").replace(")", " ").split() if t not in ("OR", "AND", "WITH")}
    have = set((found or "").split("|")) - {""}
    # an exception (WITH LLVM-exception) may live in the license file or not: count licenses only
    want = {w for w in want if not w.endswith("-exception")}
    if want <= have:
        covered += 1
    else:
        missing.append((name, version, declared, sorted(have)))
total = len(rows)
pct = 100.0 * covered / total if total else 0.0
print(f"Crates whose top-level license files carry every declared license: {covered}/{total} = {pct:.1f}%")
for m in missing[:15]:
    print("  missing:", *m)
