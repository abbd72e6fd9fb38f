#!/usr/bin/env python3
"""A synthetic OSV dump for the advisories benchmark: N schema-valid npm records in one zip
(ids SYN-…, one SEMVER range each, a CVSS v3.1 vector on every other one), over `names`
package names `pkg-00000`… — the names bench/synthetic_review.py gives its components, so a
synthetic review matches some of them. Usage: synthetic_osv.py OUT.zip N NAMES"""
import json
import sys
import zipfile

out, n, names = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(n):
        name = f"pkg-{i % names:05d}"
        fixed = f"{1 + i % 3}.{i % 7}.0"
        record = {
            "schema_version": "1.6.0",
            "id": f"SYN-{i:07d}",
            "modified": f"2026-0{1 + i % 9}-1{i % 10}T00:00:00Z",
            "published": "2025-01-01T00:00:00Z",
            "aliases": [f"CVE-2099-{i:07d}"],
            "summary": f"Synthetic advisory {i} for the benchmark",
            "details": "Made by bench/synthetic_osv.py; not a real vulnerability. " * 8,
            "affected": [{
                "package": {"ecosystem": "npm", "name": name, "purl": f"pkg:npm/{name}"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
            }],
            "references": [{"type": "ADVISORY", "url": f"https://example.org/SYN-{i:07d}"}],
        }
        if i % 2:
            record["severity"] = [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}]
        z.writestr(f"SYN-{i:07d}.json", json.dumps(record))
