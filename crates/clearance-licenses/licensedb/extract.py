"""Extract ScanCode's LicenseDB (CC-BY-4.0 data, nexB Inc. and others) from a scancode-toolkit
wheel into licensedb.json.xz, the one file `build.rs` turns into Clearance's rule index.

    python3 extract.py scancode_toolkit-32.5.0-cp311-none-any.whl

Only data is taken: each license's key, names, SPDX keys, category and text; each rule's
license expression (ScanCode keys), kind, relevance, minimum coverage, the files it points to
and its text (required phrases `{{…}}` marked by the `required` spans, braces removed).
Deprecated licenses and rules are left out. No ScanCode code is used.
"""
import json
import lzma
import re
import sys
import zipfile
from pathlib import Path

FLAGS = ["is_license_text", "is_license_notice", "is_license_reference", "is_license_tag",
         "is_license_intro", "is_license_clue", "is_false_positive"]


def front_matter(raw):
    """(fields, text) of a ScanCode data file: a YAML front matter between '---' lines."""
    if not raw.startswith("---"):
        return {}, raw
    _, head, body = raw.split("---\n", 2) if raw.count("---\n") >= 2 else ("", raw[3:], "")
    fields, key = {}, None
    for line in head.splitlines():
        if not line.strip():
            continue
        if line.startswith((" ", "\t")) and key:
            item = line.strip()
            if item.startswith("- "):
                fields.setdefault(key, [])
                if isinstance(fields[key], list):
                    fields[key].append(item[2:].strip())
            elif isinstance(fields.get(key), str):
                # a long value folded onto the next lines
                fields[key] = (fields[key] + " " + item).strip()
            continue
        if ":" in line:
            key, value = line.split(":", 1)
            key, value = key.strip(), value.strip()
            fields[key] = value if value and value != "|" else ([] if not value else "")
    return fields, body


def required_spans(text):
    """Text without `{{` `}}`, and the character spans they marked."""
    out, spans, pos = [], [], 0
    for m in re.finditer(r"\{\{(.*?)\}\}", text, re.S):
        out.append(text[pos:m.start()])
        start = sum(len(p) for p in out)
        out.append(m.group(1))
        spans.append([start, start + len(m.group(1))])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def main(wheel):
    z = zipfile.ZipFile(wheel)
    version = re.search(r"scancode_toolkit-([0-9.]+)-", Path(wheel).name).group(1)
    licenses, rules = [], []
    for name in sorted(z.namelist()):
        if name.startswith("licensedcode/data/licenses/") and name.endswith(".LICENSE"):
            fields, text = front_matter(z.read(name).decode("utf-8", "replace"))
            if fields.get("is_deprecated") == "yes":
                continue
            licenses.append({
                "key": fields["key"], "name": fields.get("name", ""), "short_name": fields.get("short_name", ""),
                "spdx": fields.get("spdx_license_key", ""),
                "other_spdx": [k for k in fields.get("other_spdx_license_keys", []) if isinstance(k, str)],
                "category": fields.get("category", ""), "exception": fields.get("is_exception") == "yes",
                "generic": fields.get("is_generic") == "yes" or fields.get("is_unknown") == "yes",
                "text": text.strip("\n"),
            })
        elif name.startswith("licensedcode/data/rules/") and name.endswith(".RULE"):
            fields, text = front_matter(z.read(name).decode("utf-8", "replace"))
            if fields.get("is_deprecated") == "yes" or not text.strip():
                continue
            kind = next((f[3:] for f in FLAGS if fields.get(f) == "yes"), "license_reference")
            plain, spans = required_spans(text.strip("\n"))
            rules.append({
                "id": Path(name).stem, "expression": fields.get("license_expression", ""), "kind": kind,
                "relevance": int(fields.get("relevance") or 100),
                "minimum_coverage": int(fields.get("minimum_coverage") or 0),
                "continuous": fields.get("is_continuous") == "yes" or fields.get("is_required_phrase") == "yes",
                "files": [f for f in fields.get("referenced_filenames", []) if isinstance(f, str)],
                "required": spans, "text": plain,
            })
    out = Path(__file__).with_name("licensedb.json.xz")
    doc = {"source": f"scancode-toolkit {version} (licensedcode/data)", "licenses": licenses, "rules": rules}
    with lzma.open(out, "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{out}: {len(licenses)} licenses, {len(rules)} rules, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
