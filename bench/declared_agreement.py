"""On a scan of the cargo registry: for crates whose Cargo.toml declares a single license id,
how often does the license file Clearance found in the crate name that same license?
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
