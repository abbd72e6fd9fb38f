"""Make a large synthetic review file for the export benchmark: N components with F files each,
a license file with its text, a source file with an SPDX tag and a copyright per component.
Usage: synthetic_review.py REVIEW.clearance COMPONENTS FILES_PER_COMPONENT
The review must exist (created by `clearance scan` of an empty folder) so the schema is Clearance's."""
import hashlib
import sqlite3
import sys

db, n_comp, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
MIT = """MIT License

Copyright (c) {year} {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""
LICENSES = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MIT OR Apache-2.0"]
c = sqlite3.connect(db)
c.execute("PRAGMA foreign_keys=ON")
scan = c.execute("SELECT max(id) FROM scans").fetchone()[0]
root = c.execute("SELECT id FROM roots ORDER BY id LIMIT 1").fetchone()[0]
sha = lambda s: hashlib.sha256(s.encode()).hexdigest()
sha1 = lambda s: hashlib.sha1(s.encode()).hexdigest()
with c:
    for i in range(n_comp):
        name = f"pkg-{i:05d}"
        lic = LICENSES[i % len(LICENSES)]
        cur = c.execute(
            "INSERT INTO components (root_id, dir, manifest_path, ecosystem, name, version, purl, declared_license, declared_original, is_root, last_scan_id)"
            " VALUES (?, ?, ?, 'npm', ?, '1.0.0', ?, ?, ?, 0, ?)",
            (root, f"node_modules/{name}", f"node_modules/{name}/package.json", name, f"pkg:npm/{name}@1.0.0", lic, lic, scan),
        )
        comp = cur.lastrowid
        for j in range(per):
            path = f"node_modules/{name}/" + ("LICENSE" if j == 0 else "package.json" if j == 1 else f"lib/f{j}.js")
            kind = "license" if j == 0 else "manifest" if j == 1 else "source"
            content = f"{path}:{i}:{j}"
            fid = c.execute(
                "INSERT INTO files (root_id, path, size, mtime, sha256, sha1, kind, component_id, scan_id) VALUES (?, ?, 100, 0, ?, ?, ?, ?, ?)",
                (root, path, sha(content), sha1(content), kind, comp, scan),
            ).lastrowid
            if j == 0:
                text = MIT.format(year=2000 + i % 25, holder=f"Author {i}")
                c.execute("INSERT INTO file_texts (file_id, text) VALUES (?, ?)", (fid, text))
                fi = c.execute(
                    "INSERT INTO findings (file_id, detector, expression, score, start_line, end_line, matched_text) VALUES (?, 'license-text', 'MIT', 1.0, 1, 21, 'MIT')",
                    (fid,),
                ).lastrowid
                c.execute("INSERT INTO finding_licenses (finding_id, license) VALUES (?, 'MIT')", (fi,))
                c.execute(
                    "INSERT INTO copyrights (file_id, statement, holder, years, start_line, end_line) VALUES (?, ?, ?, ?, 3, 3)",
                    (fid, f"Copyright (c) {2000 + i % 25} Author {i}", f"Author {i}", str(2000 + i % 25)),
                )
            elif j == 2:
                fi = c.execute(
                    "INSERT INTO findings (file_id, detector, expression, score, start_line, end_line, matched_text) VALUES (?, 'spdx-tag', ?, 1.0, 1, 1, '')",
                    (fid, lic),
                ).lastrowid
                for part in [p for p in lic.split() if p not in ("OR", "AND")]:
                    c.execute("INSERT INTO finding_licenses (finding_id, license) VALUES (?, ?)", (fi, part))
print(f"{n_comp} components, {n_comp * per} files")
