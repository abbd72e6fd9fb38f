"""make accuracy: a labelled corpus from real packages, scanned by Clearance, ScanCode Toolkit and
askalono side by side; precision, recall and F1 per kind of evidence, and speed.

Labels never come from any tool's output:
  license-files  crates (cargo's registry sources) and npm packages (ui/node_modules): the
                 license files at the package's top; label = the package's declared license
                 (Cargo.toml `license`, package.json `license`), compared as a set of ids per
                 package.
  header-notices Linux kernel source files that carry both an SPDX tag and a license notice in
                 their header; the tag line is removed in the copy, and the label is the tag.
  spdx-tags      source files of crates with an `SPDX-License-Identifier:` line; label = the tag.
  references     npm packages' README files that have a "License" section; label = package.json.
  no-license     crate source files with no word like license, copyright, GPL, MIT, SPDX:
                 any license found is a false positive.
  debian-files   files of Debian source packages (orig tarballs from deb.debian.org) that have a
                 header mentioning a license or copyright; label = the license the package's
                 DEP-5 debian/copyright gives the file (last matching Files paragraph).
  debian-copyrights  the same files; label = the holders that paragraph's Copyright field names.
Usage: python3 accuracy.py WORKDIR CLEARANCE_BIN SCANCODE_BIN ASKALONO_BIN
"""
import fnmatch
import io
import json
import lzma
import os
import tarfile
import urllib.request
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

work, clearance, scancode, askalono = (Path(a) for a in sys.argv[1:5])
repo = Path(__file__).resolve().parents[2]
corpus = work / "corpus"
labels_file = work / "labels.json"
layout_file = work / "wider-layout"
# ACCURACY_SEED draws another corpus (run.sh keeps each seed's corpus in its own folder): a draw
# that nobody tuned against is the held-out check of figures tuned on the default one.
SEED = int(os.environ.get("ACCURACY_SEED", "20261125"))
random.seed(SEED)
SAMPLE = int(os.environ.get("ACCURACY_SAMPLE", "150"))

# --- SPDX ids: what a written id means, for comparing labels and answers -----------------------
DEPRECATED = {
    "GPL-1.0": "GPL-1.0-only", "GPL-1.0+": "GPL-1.0-or-later", "GPL-2.0": "GPL-2.0-only", "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-3.0": "GPL-3.0-only", "GPL-3.0+": "GPL-3.0-or-later", "LGPL-2.0": "LGPL-2.0-only", "LGPL-2.0+": "LGPL-2.0-or-later",
    "LGPL-2.1": "LGPL-2.1-only", "LGPL-2.1+": "LGPL-2.1-or-later", "LGPL-3.0": "LGPL-3.0-only", "LGPL-3.0+": "LGPL-3.0-or-later",
    "AGPL-3.0": "AGPL-3.0-only", "AGPL-3.0+": "AGPL-3.0-or-later", "GFDL-1.3": "GFDL-1.3-only",
}


def exceptions_in(expression):
    """The exception ids of an expression (`GPL-2.0 WITH Classpath-exception-2.0` → the latter)."""
    return set(re.findall(r"\bWITH\s+([A-Za-z0-9.\-]+)", expression or "", re.I))


# Debian's names of exceptions (DEP-5 `GPL-2 with Classpath exception`) as the SPDX id, or the
# start of the ids of the family when Debian's name does not say which version or wording
# ("Autoconf exception": generic, macro, 2.0 or 3.0); a tool's answer in the family counts.
DEBIAN_EXCEPTIONS = {
    "classpath": "Classpath-exception-2.0", "autoconf": "Autoconf-exception-", "libtool": "Libtool-exception",
    "bison": "Bison-exception-", "gcc": "GCC-exception-", "gcc-runtime": "GCC-exception-3.1",
    "font": "Font-exception-2.0", "llvm": "LLVM-exception",
}


def debian_exceptions(license_line):
    out = set()
    for m in re.finditer(r"\bwith\s+([a-z0-9\-]+)[- ]exception", license_line, re.I):
        name = m.group(1).lower()
        if name not in DEBIAN_EXCEPTIONS:
            return set()
        out.add(DEBIAN_EXCEPTIONS[name])
    return out


def ids(expression):
    """License ids of an expression: operators, parentheses and exceptions dropped, deprecated
    GNU ids and `+` mapped to their current forms."""
    if not expression:
        return set()
    expression = expression.replace("/", " OR ")
    out = set()
    tokens = re.findall(r"[A-Za-z0-9.\-+:]+", expression)
    skip_next = False
    for t in tokens:
        if skip_next:
            skip_next = False
            continue
        if t.upper() in ("AND", "OR"):
            continue
        if t.upper() == "WITH":
            skip_next = True
            continue
        t = DEPRECATED.get(t, t)
        if t.endswith("+") and not t.endswith("-or-later"):
            t = DEPRECATED.get(t, t[:-1] + "-or-later")
        out.add(t)
    return out


# Debian's short license names (DEP-5) as SPDX ids; names not here are left out of the corpus.
DEBIAN_NAMES = {
    "gpl-1": "GPL-1.0-only", "gpl-1+": "GPL-1.0-or-later", "gpl-2": "GPL-2.0-only", "gpl-2+": "GPL-2.0-or-later",
    "gpl-3": "GPL-3.0-only", "gpl-3+": "GPL-3.0-or-later", "lgpl-2": "LGPL-2.0-only", "lgpl-2+": "LGPL-2.0-or-later",
    "lgpl-2.1": "LGPL-2.1-only", "lgpl-2.1+": "LGPL-2.1-or-later", "lgpl-3": "LGPL-3.0-only", "lgpl-3+": "LGPL-3.0-or-later",
    "agpl-3": "AGPL-3.0-only", "agpl-3+": "AGPL-3.0-or-later", "expat": "MIT", "mit": "MIT", "x11": "X11",
    "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause", "bsd-4-clause": "BSD-4-Clause", "isc": "ISC",
    "zlib": "Zlib", "apache-2.0": "Apache-2.0", "mpl-1.1": "MPL-1.1", "mpl-2.0": "MPL-2.0", "bsl-1.0": "BSL-1.0",
    "cc0-1.0": "CC0-1.0", "fsfap": "FSFAP", "fsful": "FSFUL", "fsfullr": "FSFULLR", "unlicense": "Unlicense",
}


def debian_ids(license_line):
    out = set()
    for part in re.split(r"\s+(?:or|and)\s+|,\s*", license_line.strip(), flags=re.I):
        part = re.split(r"\s+with\s+", part.strip(), flags=re.I)[0].strip().lower()
        if part not in DEBIAN_NAMES:
            return None
        out.add(DEBIAN_NAMES[part])
    return out or None


def dep5(text):
    """Files paragraphs of a DEP-5 file: [(patterns, license line, copyright lines)]."""
    if not text.startswith("Format:") or "copyright-format" not in text.split("\n", 1)[0]:
        return None
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        fields, last = {}, None
        for line in block.split("\n"):
            if line[:1] in (" ", "\t") and last:
                fields[last] += "\n" + line.strip()
            elif ":" in line:
                last, value = line.split(":", 1)
                last = last.strip().lower()
                fields[last] = value.strip()
        if "files" in fields and "license" in fields:
            paragraphs.append((fields["files"].split(), fields["license"].split("\n")[0],
                               [l for l in fields.get("copyright", "").split("\n") if l.strip() and l.strip() != "."]))
    return paragraphs


def years_in(statement):
    """Years a copyright statement names, ranges expanded: '2004-2006, 2010' → {2004, 2005, 2006, 2010}."""
    out = set()
    for m in re.finditer(r"\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)?\d\d)\b)?", statement):
        start = int(m.group(1))
        end = m.group(2)
        if end:
            end = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if start <= end <= start + 60:
                out.update(range(start, end + 1))
                continue
        out.add(start)
    return out


def holder_of(copyright_line):
    """'2004-2010 Jane Doe <jane@x.org>' → 'Jane Doe'."""
    h = re.sub(r"(?i)^\s*(copyright\s*)?(\(c\)|©)?\s*", "", copyright_line)
    h = re.sub(r"^[\d\s,\-–/]+", "", h)
    h = re.sub(r"<[^>]*>", "", h)
    h = re.sub(r"(?i)\ball rights reserved\.?", "", h)
    return h.strip(" .,;")


LICENSE_FILE = re.compile(r"^(licen[sc]e|copying|copyright|unlicense)([-._].*)?$", re.I)


def debian_corpus(labels, exceptions_only=False):
    """Debian packages: per file licenses and holders (`debian`), or, with exceptions_only, the
    files of packages whose DEP-5 grants an exception, labelled with it (`debian-exceptions`)."""
    n_pkgs = int(os.environ.get("DEBIAN_EXCEPTION_PACKAGES" if exceptions_only else "DEBIAN_PACKAGES",
                                "8" if exceptions_only else "40"))
    folder = "debian-exceptions" if exceptions_only else "debian"
    cache = work / "debian-cache"
    cache.mkdir(parents=True, exist_ok=True)
    mirror = "http://deb.debian.org/debian"
    index = cache / "Sources.xz"
    if not index.exists():
        urllib.request.urlretrieve(f"{mirror}/dists/bookworm/main/source/Sources.xz", index)
    candidates = []
    for para in lzma.open(index, "rt", errors="replace").read().split("\n\n"):
        pkg = re.search(r"^Package: (\S+)", para, re.M)
        directory = re.search(r"^Directory: (\S+)", para, re.M)
        files = re.findall(r"^ [0-9a-f]{64} (\d+) (\S+)$", para, re.M)
        orig = [(int(sz), f) for sz, f in files if re.search(r"\.orig\.tar\.(gz|xz|bz2)$", f)]
        deb = [f for sz, f in files if f.endswith(".debian.tar.xz")]
        if pkg and directory and len(orig) == 1 and deb and 50_000 <= orig[0][0] <= 1_500_000:
            candidates.append((pkg.group(1), directory.group(1), orig[0][1], deb[0]))
    # Its own random sequence: the packages do not depend on what the other kinds drew.
    random.Random(SEED + exceptions_only).shuffle(candidates)
    labels.setdefault("debian-files", {})
    labels.setdefault("debian-copyrights", {})
    labels.setdefault("exceptions", {})
    labels.setdefault("debian-years", {})
    taken = 0
    for pkg, directory, orig, deb in candidates:
        if taken >= n_pkgs:
            break
        if not exceptions_only and (corpus / "debian-exceptions" / pkg).exists():
            continue
        try:
            # The packaging first (small): the sources only for a package that is taken.
            if not (cache / deb).exists():
                urllib.request.urlretrieve(f"{mirror}/{directory}/{deb}", cache / deb)
            with tarfile.open(cache / deb) as t:
                member = t.extractfile("debian/copyright")
                copyright_text = member.read().decode("utf-8", "replace") if member else ""
            paragraphs = dep5(copyright_text)
            if not paragraphs or all(p[0] == ["*"] for p in paragraphs):
                continue
            if exceptions_only and not any(debian_exceptions(p[1]) for p in paragraphs):
                continue
            if not (cache / orig).exists():
                urllib.request.urlretrieve(f"{mirror}/{directory}/{orig}", cache / orig)
        except Exception:
            continue
        taken += 1
        n = 0
        with tarfile.open(cache / orig) as t:
            for m in t:
                if not m.isfile() or m.size > 256_000:
                    continue
                rel = m.name.split("/", 1)[1] if "/" in m.name else m.name
                # The package's license files come along, unlabelled, as they would in any scan
                # of the package: headers that say "see COPYING" or "License: BSD" point at them.
                if not rel.startswith("debian/") and LICENSE_FILE.match(rel.rsplit("/", 1)[-1]):
                    dest = corpus / folder / pkg / rel
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(t.extractfile(m).read())
                    continue
                if n >= 30:
                    continue
                if rel.startswith("debian/") or not re.search(r"\.(c|h|cc|cpp|hpp|py|pl|pm|sh|js|java|rb|go|rs|m4|in)$", rel):
                    continue
                data = t.extractfile(m).read()
                if b"\0" in data[:8192]:
                    continue
                head = "\n".join(data.decode("utf-8", "replace").split("\n")[:60]).lower()
                if "licen" not in head and "copyright" not in head:
                    continue
                winner = None
                for patterns, lic, holders in paragraphs:
                    if any(fnmatch.fnmatchcase(rel, pat) for pat in patterns):
                        winner = (lic, holders)
                if not winner:
                    continue
                expected = debian_ids(winner[0])
                exceptions = debian_exceptions(winner[0])
                if not expected or (exceptions_only and not exceptions):
                    continue
                dest = corpus / folder / pkg / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
                key = str(dest.relative_to(corpus))
                if exceptions:
                    labels["exceptions"][key] = sorted(exceptions)
                if not exceptions_only:
                    labels["debian-files"][key] = sorted(expected)
                    labels["debian-copyrights"][key] = sorted({holder_of(h) for h in winner[1] if holder_of(h)})
                    years = set().union(*[years_in(h) for h in winner[1]] or [set()])
                    if years:
                        labels["debian-years"][key] = sorted(years)
                n += 1


# --- PyPI sdists -----------------------------------------------------------------------------
# License values taken as labels only when they are SPDX ids as written (PEP 639's
# `License-Expression`, or a `License` field that is one of these exactly): free text such as
# "BSD" or "Apache 2" would need a reading, and a reading is what is being measured.
PYPI_EXACT = {
    "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later",
    "GPL-3.0-only", "GPL-3.0-or-later", "GPL-2.0", "GPL-3.0", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
    "LGPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "Unlicense", "0BSD", "Zlib", "BSL-1.0", "CC0-1.0",
    "EPL-2.0", "MIT-0", "Apache-2.0 OR MIT", "MIT OR Apache-2.0", "PSF-2.0",
}


def pypi_corpus(labels):
    """sdists of projects drawn at random from PyPI's index: their top-level license files,
    labelled by the project's metadata when it states SPDX ids exactly."""
    import concurrent.futures
    n_wanted = int(os.environ.get("PYPI_PACKAGES", "60"))
    cache = work / "pypi-cache"
    cache.mkdir(parents=True, exist_ok=True)
    index = cache / "simple.json"
    if not index.exists():
        req = urllib.request.Request("https://pypi.org/simple/", headers={"Accept": "application/vnd.pypi.simple.v1+json"})
        index.write_bytes(urllib.request.urlopen(req, timeout=120).read())
    text = index.read_text()
    # The JSON form when the index honours the Accept header, else its HTML form.
    names = ([p["name"] for p in json.loads(text)["projects"]] if text.lstrip().startswith("{")
             else re.findall(r"<a href=\"[^\"]*\">([^<]+)</a>", text))
    random.Random(SEED + 2).shuffle(names)

    def meta(name):
        f = cache / f"{name}.json"
        try:
            if not f.exists():
                f.write_bytes(urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30).read())
            return json.loads(f.read_text())
        except Exception:
            return None

    taken = 0
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        for start in range(0, len(names), 200):
            if taken >= n_wanted:
                break
            for m in pool.map(meta, names[start:start + 200]):
                if taken >= n_wanted or not m:
                    continue
                info = m.get("info") or {}
                lic = (info.get("license_expression") or "").strip() or (info.get("license") or "").strip()
                if lic not in PYPI_EXACT and not info.get("license_expression"):
                    continue
                sdists = [u for u in m.get("urls") or [] if u.get("packagetype") == "sdist" and u.get("size", 0) < 3_000_000]
                if not sdists or not ids(lic):
                    continue
                url = sdists[0]["url"]
                path = cache / url.rsplit("/", 1)[-1]
                try:
                    if not path.exists():
                        path.write_bytes(urllib.request.urlopen(url, timeout=60).read())
                    with tarfile.open(path) as t:
                        members = [x for x in t.getmembers() if x.isfile() and x.name.count("/") == 1
                                   and re.match(r"^(licen[sc]e|copying|unlicense)([-._].*)?$", x.name.split("/")[1], re.I)
                                   and x.size < 256_000]
                        if not members:
                            continue
                        dest = corpus / "license-files" / f"pypi-{info.get('name', 'x')}"
                        if dest.exists():
                            continue
                        dest.mkdir(parents=True)
                        for x in members:
                            (dest / x.name.split("/")[1]).write_bytes(t.extractfile(x).read())
                except Exception:
                    continue
                labels["license-files"][str(dest.relative_to(corpus))] = sorted(ids(lic))
                taken += 1


def talk_corpus(labels):
    """Files that talk about licenses without being licensed by what they say: crates'
    changelogs that mention licenses ("Change license to MIT OR Apache-2.0") and the sources of
    license tooling (the spdx crate's parser and matcher, outside its license texts). Any license
    reported for them is a false positive."""
    labels["license-talk"] = {}
    shutil.rmtree(corpus / "license-talk", ignore_errors=True)

    def own_notice(text):
        """A file that states its own license at its top is licensed, not talking."""
        head = "\n".join(text.split("\n")[:12])
        return bool(re.search(r"SPDX-License-Identifier|licensed under|licenced under", head, re.I))

    registry = sorted(Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")).glob("registry/src/*/*"))
    seen = set()
    for crate in registry:
        for f in sorted(crate.glob("CHANGELOG*")):
            text = f.read_text(errors="replace")
            if f.is_file() and re.search(r"licen[cs]", text, re.I) and not own_notice(text) and text not in seen:
                seen.add(text)
                # The file's own name: what says it is a changelog to a scan of the package.
                dest = corpus / "license-talk" / crate.name / f.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(text)
                labels["license-talk"][str(dest.relative_to(corpus))] = []
    for crate in [c for c in registry if re.match(r"spdx-\d", c.name)][-1:]:
        for f in sorted((crate / "src").rglob("*.rs")):
            if "/text/" in f.as_posix() or own_notice(f.read_text(errors="replace")):
                continue
            dest = corpus / "license-talk" / crate.name / f.relative_to(crate)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, dest)
            labels["license-talk"][str(dest.relative_to(corpus))] = []


# --- the corpus -------------------------------------------------------------------------------
TAG_LINE = re.compile(r"^\s*(?://+|#+|/\*+|\*|--)\s*SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*/)?\s*$", re.M)


def exception_labels_of_tags(labels):
    """spdx-tags items whose tags add an exception: the exceptions, for the exceptions kind."""
    out = {}
    for item in labels.get("spdx-tags", {}):
        found = set().union(*(exceptions_in(t) for t in TAG_LINE.findall((corpus / item).read_text(errors="replace"))))
        if found:
            out[item] = sorted(found)
    return out


def cargo_license(toml_text):
    m = re.search(r'^\s*license\s*=\s*"([^"]+)"', toml_text, re.M)
    return m.group(1) if m else None


# Debian's common license texts, by file name (what Debian says they are); a family where the
# text alone cannot say "only" or "or later".
COMMON_LICENSES = {
    "Apache-2.0": ["Apache-2.0"], "Artistic": ["Artistic-"], "BSD": ["BSD-3-Clause"], "CC0-1.0": ["CC0-1.0"],
    "GFDL-1.2": ["GFDL-1.2-"], "GFDL-1.3": ["GFDL-1.3-"], "GPL-1": ["GPL-1.0-"], "GPL-2": ["GPL-2.0-"],
    "GPL-3": ["GPL-3.0-"], "LGPL-2": ["LGPL-2.0-"], "LGPL-2.1": ["LGPL-2.1-"], "LGPL-3": ["LGPL-3.0-"],
    "MPL-1.1": ["MPL-1.1"], "MPL-2.0": ["MPL-2.0"],
}

SOURCE_SUFFIXES = (".py", ".js", ".mjs", ".cjs", ".css", ".rs", ".html", ".htm", ".ts")


def wider_corpus(labels):
    """Kinds where detectors that read only license files and leading comments look least,
    each labelled from package metadata, never from a tool:
      common-licenses  Debian's /usr/share/common-licenses texts (files named GPL-2, BSD, …),
                       labelled by their names.
      readmes          crates' and npm packages' README files that say anything about licenses
                       (the word "licen[cs]e" anywhere), labelled by Cargo.toml / package.json.
      whole-files      source files (Python, JavaScript incl. bundles, CSS, HTML, Rust) drawn at
                       random among the files of npm packages, crates and PyPI sdists that
                       contain the word license anywhere and carry no SPDX tag, labelled by
                       their package's declared license (single expressions only).
    """
    rnd = random.Random(SEED + 7)
    labels["common-licenses"] = {}
    src = Path("/usr/share/common-licenses")
    for name, expected in sorted(COMMON_LICENSES.items()):
        f = src / name
        if f.is_file() and not f.is_symlink():
            dest = corpus / "common-licenses" / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, dest)
            labels["common-licenses"][str(dest.relative_to(corpus))] = expected
    packages = []  # (kind, folder, declared license)
    for crate in sorted(Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")).glob("registry/src/*/*")):
        if (crate / "Cargo.toml").is_file():
            declared = cargo_license((crate / "Cargo.toml").read_text(errors="replace"))
            if declared:
                packages.append(("crate", crate, declared))
    for pkg_json in sorted((repo / "ui/node_modules").glob("**/package.json")):
        pkg = pkg_json.parent
        if "node_modules" not in pkg.parent.name and not pkg.parent.name.startswith("@"):
            continue
        try:
            lic = json.loads(pkg_json.read_text()).get("license")
        except Exception:
            continue
        if isinstance(lic, str) and not lic.startswith("SEE "):
            packages.append(("npm", pkg, lic))
    # The PyPI sdists the license-files kind downloaded, unpacked, with their metadata's license.
    for meta_file in sorted((work / "pypi-cache").glob("*.json")):
        if meta_file.name == "simple.json":
            continue
        try:
            info = json.loads(meta_file.read_text()).get("info") or {}
            urls = json.loads(meta_file.read_text()).get("urls") or []
        except Exception:
            continue
        lic = (info.get("license_expression") or "").strip() or (info.get("license") or "").strip()
        if lic not in PYPI_EXACT and not info.get("license_expression"):
            continue
        archive = next((work / "pypi-cache" / u["url"].rsplit("/", 1)[-1] for u in urls
                        if u.get("packagetype") == "sdist" and (work / "pypi-cache" / u["url"].rsplit("/", 1)[-1]).exists()), None)
        if archive is None:
            continue
        dest = work / "pypi-src" / meta_file.stem
        if not dest.exists():
            try:
                with tarfile.open(archive) as t:
                    t.extractall(dest, filter="data")
            except Exception:
                continue
        top = [d for d in dest.iterdir() if d.is_dir()]
        if len(top) == 1:
            packages.append(("pypi", top[0], lic))
    labels["readmes"], labels["whole-files"] = {}, {}
    word = re.compile(r"licen[cs]e", re.I)
    candidates = []
    for kind, pkg, declared in packages:
        expected = sorted(ids(declared))
        if not expected or not all(re.fullmatch(r"[A-Za-z0-9.+-]+", e) for e in expected):
            continue
        name = f"{kind}-{pkg.name}"
        for readme in [f for f in pkg.iterdir() if f.is_file() and f.name.lower().startswith("readme")][:1]:
            if word.search(readme.read_text(errors="replace")):
                dest = corpus / "readmes" / name / readme.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(readme, dest)
                beside_license_files(pkg, dest.parent)
                labels["readmes"][str(dest.relative_to(corpus))] = expected
        files = [f for f in sorted(pkg.rglob("*")) if f.is_file() and f.suffix.lower() in SOURCE_SUFFIXES
                 and "node_modules" not in f.relative_to(pkg).parts and f.stat().st_size < 2_000_000]
        for f in files:
            candidates.append((name, pkg, f, expected))
    rnd.shuffle(candidates)
    n = int(os.environ.get("WHOLE_FILES", "300"))
    per_package = {}
    for name, pkg, f, expected in candidates:
        if len(labels["whole-files"]) >= n or per_package.get(name, 0) >= 5:
            continue
        text = f.read_text(errors="replace")
        if not word.search(text) or "SPDX-License-Identifier" in text:
            continue
        # In the package's own layout, with its license files (unlabelled), as a scan of the
        # package sees it: "see the LICENSE file at the top of the repository" has a file to read.
        dest = corpus / "whole-files" / name / f.relative_to(pkg)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
        beside_license_files(pkg, corpus / "whole-files" / name)
        labels["whole-files"][str(dest.relative_to(corpus))] = expected
        per_package[name] = per_package.get(name, 0) + 1


def beside_license_files(pkg, dest):
    """The package's top-level license files, copied unlabelled into its folder of the corpus."""
    for f in pkg.iterdir():
        if f.is_file() and LICENSE_FILE.match(f.name) and not (dest / f.name).exists():
            shutil.copy(f, dest / f.name)


# Corpora of an older layout (whole-files flattened, no license files beside readmes and
# whole-files) get those kinds rebuilt from the same draw.
WIDER_LAYOUT = 2


def assemble():
    if labels_file.exists():
        labels = json.loads(labels_file.read_text())
        if not any(k.startswith("license-files/pypi-") for k in labels.get("license-files", {})):
            pypi_corpus(labels)
            labels_file.write_text(json.dumps(labels, indent=1, sort_keys=True))
        if "license-talk" not in labels or any("--" in k for k in labels["license-talk"]):
            shutil.rmtree(corpus / "license-talk", ignore_errors=True)
            talk_corpus(labels)
            labels_file.write_text(json.dumps(labels, indent=1, sort_keys=True))
        layout_ok = layout_file.exists() and layout_file.read_text().strip() == str(WIDER_LAYOUT)
        if "whole-files" not in labels or not layout_ok:
            for kind in ("common-licenses", "readmes", "whole-files"):
                shutil.rmtree(corpus / kind, ignore_errors=True)
            wider_corpus(labels)
            layout_file.write_text(str(WIDER_LAYOUT))
            labels_file.write_text(json.dumps(labels, indent=1, sort_keys=True))
        # Corpora from before Debian packages kept their layout (and their license files) get
        # that part rebuilt; the rest is kept as it was.
        if (any(k.count("/") == 1 for k in labels.get("debian-files", {})) or not labels.get("exceptions")
                or "debian-years" not in labels):
            shutil.rmtree(corpus / "debian", ignore_errors=True)
            labels.pop("debian-files")
            labels.pop("debian-copyrights", None)
            labels.pop("debian-years", None)
            shutil.rmtree(corpus / "debian-exceptions", ignore_errors=True)
            labels["exceptions"] = exception_labels_of_tags(labels)
            debian_corpus(labels, exceptions_only=True)
            debian_corpus(labels)
            labels_file.write_text(json.dumps(labels, indent=1, sort_keys=True))
        return labels
    shutil.rmtree(corpus, ignore_errors=True)
    labels = {"license-files": {}, "header-notices": {}, "spdx-tags": {}, "references": {}, "no-license": {}}
    cargo_src = sorted(Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")).glob("registry/src/*/*"))
    crates = [c for c in cargo_src if (c / "Cargo.toml").is_file()]
    random.shuffle(crates)
    LICENSE_NAME = re.compile(r"^(licen[sc]e|copying|unlicense)([-._].*)?$", re.I)
    n_lic = n_tag = n_none = 0
    for crate in crates:
        declared = cargo_license((crate / "Cargo.toml").read_text(errors="replace"))
        lic_files = [f for f in crate.iterdir() if f.is_file() and LICENSE_NAME.match(f.name)]
        if declared and lic_files and n_lic < SAMPLE:
            dest = corpus / "license-files" / f"crate-{crate.name}"
            dest.mkdir(parents=True)
            for f in lic_files:
                shutil.copy(f, dest / f.name)
            labels["license-files"][str(dest.relative_to(corpus))] = sorted(ids(declared))
            n_lic += 1
        for src in sorted(crate.rglob("*.rs"))[:200]:
            text = src.read_text(errors="replace")
            # Every tag line of the file (some files carry two: `Apache-2.0` and `MIT`), in comments.
            tags = TAG_LINE.findall(text)
            rel = f"crate-{crate.name}--{src.relative_to(crate).as_posix().replace('/', '--')}"
            if tags and n_tag < SAMPLE * 2:
                dest = corpus / "spdx-tags" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dest)
                labels["spdx-tags"][str(dest.relative_to(corpus))] = sorted(set().union(*(ids(t) for t in tags)))
                n_tag += 1
            elif (not re.search(r"licen[sc]|copyright|\bgpl\b|\bmit\b|spdx|\(c\)|©", text, re.I) and n_none < SAMPLE * 2
                  and random.random() < 0.05):
                dest = corpus / "no-license" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dest)
                labels["no-license"][str(dest.relative_to(corpus))] = []
                n_none += 1
    # npm: license files and README license sections, labelled by package.json.
    for pkg_json in sorted((repo / "ui/node_modules").glob("**/package.json")):
        pkg = pkg_json.parent
        if "node_modules" not in pkg.parent.name and not pkg.parent.name.startswith("@"):
            continue
        try:
            meta = json.loads(pkg_json.read_text())
        except Exception:
            continue
        lic = meta.get("license")
        if not isinstance(lic, str) or not meta.get("name") or lic.startswith("SEE "):
            continue
        name = meta["name"].replace("/", "--").replace("@", "")
        lic_files = [f for f in pkg.iterdir() if f.is_file() and LICENSE_NAME.match(f.name)]
        if lic_files and not (corpus / "license-files" / f"npm-{name}").exists():
            dest = corpus / "license-files" / f"npm-{name}"
            dest.mkdir(parents=True)
            for f in lic_files:
                shutil.copy(f, dest / f.name)
            labels["license-files"][str(dest.relative_to(corpus))] = sorted(ids(lic))
        for readme in [f for f in pkg.iterdir() if f.is_file() and f.name.lower().startswith("readme")][:1]:
            text = readme.read_text(errors="replace")
            if re.search(r"^#+\s*licen[sc]e", text, re.I | re.M):
                dest = corpus / "references" / f"npm-{name}" / readme.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(readme, dest)
                labels["references"][str(dest.relative_to(corpus))] = sorted(ids(lic))
    # Linux: header notices labelled by the SPDX tag, which is removed from the copy.
    linux = sorted(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")).glob("clearance-bench/linux/*"))
    if linux:
        out = subprocess.run(
            ["grep", "-rlE", "--include=*.c", "--include=*.h", "free software|Permission is hereby granted|Redistribution and use",
             str(linux[0])], capture_output=True, text=True).stdout.split()
        random.shuffle(out)
        n = 0
        for path in out:
            text = Path(path).read_text(errors="replace")
            lines = text.split("\n")
            tag_line = next((i for i, l in enumerate(lines[:3]) if "SPDX-License-Identifier:" in l), None)
            if tag_line is None:
                continue
            m = re.search(r"SPDX-License-Identifier:\s*(.+?)\s*(\*/)?\s*$", lines[tag_line])
            head = "\n".join(lines[:60])
            if not m or not re.search(r"free software|Permission is hereby granted|Redistribution and use", head):
                continue
            del lines[tag_line]
            rel = Path(path).relative_to(linux[0]).as_posix().replace("/", "--")
            dest = corpus / "header-notices" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text("\n".join(lines))
            labels["header-notices"][str(dest.relative_to(corpus))] = sorted(ids(m.group(1)))
            n += 1
            if n >= SAMPLE * 2:
                break
    pypi_corpus(labels)
    talk_corpus(labels)
    wider_corpus(labels)
    layout_file.write_text(str(WIDER_LAYOUT))
    labels["exceptions"] = exception_labels_of_tags(labels)
    debian_corpus(labels, exceptions_only=True)
    debian_corpus(labels)
    labels_file.write_text(json.dumps(labels, indent=1, sort_keys=True))
    return labels


# --- the tools --------------------------------------------------------------------------------
class Timer:
    """Wall seconds and CPU seconds (user + system) of the child processes run inside it."""

    def __enter__(self):
        self.t, self.c = time.time(), os.times()
        return self

    def __exit__(self, *exc):
        c = os.times()
        self.wall = time.time() - self.t
        self.cpu = (c.children_user - self.c.children_user) + (c.children_system - self.c.children_system)


def run_clearance():
    db = work / "clearance.clearance"
    for p in work.glob("clearance.clearance*"):
        p.unlink()
    with Timer() as t:
        subprocess.run([str(clearance), "scan", str(corpus), "--db", str(db), "--json"], check=True, capture_output=True)
    c = sqlite3.connect(db)
    found = {}
    for path, expression in c.execute(
        "select f.path, fi.expression from files f join findings fi on fi.file_id = f.id "
        "where fi.expression is not null"):
        found.setdefault(path, set()).update(ids(expression) | {"WITH " + e for e in exceptions_in(expression)})
    holders = {}
    for path, holder, statement in c.execute(
            "select f.path, c.holder, c.statement from files f join copyrights c on c.file_id = f.id"):
        if holder:
            holders.setdefault(path, set()).add(holder)
        for y in years_in(statement):
            holders.setdefault(path, set()).add(y)
    return found, holders, (t.wall, t.cpu)


def run_scancode():
    out = work / "scancode.json"
    # ACCURACY_REUSE=1 re-scores ScanCode's last output (it takes minutes); its time is the last run's.
    timing = work / "scancode-time.json"
    # ACCURACY_RESCAN=readmes,whole-files: ScanCode reads only those folders of the corpus again
    # (after their part of the corpus was rebuilt) and its last output stands for the rest.
    rescan = [k for k in os.environ.get("ACCURACY_RESCAN", "").split(",") if k]
    if rescan and out.exists() and timing.exists():
        part = work / "corpus-part"
        shutil.rmtree(part, ignore_errors=True)
        for kind in rescan:
            shutil.copytree(corpus / kind, part / kind)
        with Timer() as t:
            subprocess.run([str(scancode), "-l", "-c", "--license-score", "0", "-n", str(os.cpu_count() or 2), "--json",
                            str(work / "scancode-part.json"), "--quiet", str(part)], check=True)
        data = json.loads(out.read_text())
        fresh = json.loads((work / "scancode-part.json").read_text())["files"]
        inside = lambda f: f["path"].split("/", 2)[1:2] and f["path"].split("/", 2)[1] in rescan
        data["files"] = [f for f in data["files"] if not inside(f)] + [f for f in fresh if inside(f)]
        out.write_text(json.dumps(data))
        shutil.rmtree(part, ignore_errors=True)
        print(f"scancode: read {', '.join(rescan)} again ({t.wall:.0f} s wall, {t.cpu:.0f} CPU s); "
              "the time below is the last whole run's")
        wall, cpu = json.loads(timing.read_text())
    elif os.environ.get("ACCURACY_REUSE") and out.exists() and timing.exists():
        wall, cpu = json.loads(timing.read_text())
    else:
        with Timer() as t:
            subprocess.run([str(scancode), "-l", "-c", "--license-score", "0", "-n", str(os.cpu_count() or 2), "--json",
                            str(out), "--quiet", str(corpus)], check=True)
        wall, cpu = t.wall, t.cpu
        timing.write_text(json.dumps([wall, cpu]))
    data = json.loads(out.read_text())
    found = {}
    holders = {}
    for f in data["files"]:
        if f["type"] != "file":
            continue
        rel = f["path"].split("/", 1)[1] if "/" in f["path"] else f["path"]
        expr = f.get("detected_license_expression_spdx")
        if expr:
            found[rel] = {DEPRECATED.get(i, i) for i in ids(expr)} | {"WITH " + e for e in exceptions_in(expr)}
        if f.get("holders"):
            holders[rel] = {h["holder"] for h in f["holders"]}
        for c in f.get("copyrights") or []:
            for y in years_in(c.get("copyright", "")):
                holders.setdefault(rel, set()).add(y)
    return found, holders, (wall, cpu)


def run_askalono():
    with Timer() as t:
        p = subprocess.run([str(askalono), "--format", "json", "crawl", str(corpus)], capture_output=True, text=True)
    found = {}
    for line in p.stdout.splitlines():
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue
        lic = (r.get("result") or {}).get("license") or {}
        name = lic.get("name")
        path = r.get("path", "")
        if name and path:
            rel = os.path.relpath(path, corpus)
            found.setdefault(rel, set()).add(DEPRECATED.get(name, name))
    return found, {}, (t.wall, t.cpu)


# --- scoring ----------------------------------------------------------------------------------
def tokens(name):
    return {t for t in re.findall(r"[a-z0-9]+", name.lower()) if t not in ("inc", "ltd", "llc", "the", "and", "co", "corp")}


def same_holder(a, b):
    """Two holder names are the same when most of the shorter one's words are in the other."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.6


def score_years(labels, found):
    """Years, as (item, year) pairs: the tool's statements against the DEP-5 Copyright field."""
    tp = fp = fn = 0
    for item, expected in labels.items():
        expected = set(expected)
        got = {y for y in found.get(item, set()) if isinstance(y, int)}
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"items": len(labels), "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score_holders(labels, holders):
    tp = fp = fn = 0
    for item, expected in labels.items():
        got = {h for h in holders.get(item, set()) if isinstance(h, str)}
        hit = {e for e in expected if any(same_holder(e, g) for g in got)}
        tp += len(hit)
        fn += len(expected) - len(hit)
        fp += sum(1 for g in got if not any(same_holder(e, g) for e in expected))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"items": len(labels), "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# Kinds whose files should come out with no license at all: scored by how many do.
CLEAN_KINDS = ("no-license", "license-talk")


def got_for(kind, item, found):
    """What a tool reported for one labelled item of a kind (a package's files together for
    license-files; only the exceptions for the exceptions kind, and only licenses otherwise)."""
    if kind == "license-files":
        got = set().union(*[v for k, v in found.items() if k.startswith(item + "/")] or [set()])
    else:
        got = found.get(item, set())
    if kind == "exceptions":
        return {g[len("WITH "):] for g in got if g.startswith("WITH ")}
    return {g for g in got if not g.startswith("WITH ")}


def in_family(got, expected):
    """An answer in a label's family (the label ends with '-') is that label."""
    return {next((e for e in expected if e.endswith("-") and g.startswith(e)), g) for g in got}


def score(kind, labels, found):
    tp = fp = fn = 0
    clean = 0
    for item, expected in labels.items():
        expected = set(expected)
        got = in_family(got_for(kind, item, found), expected)
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
        clean += not got
    if kind in CLEAN_KINDS:
        return {"items": len(labels), "clean": clean, "fp": fp}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"items": len(labels), "precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def speed_on_source_files():
    """Both tools on the same random sample of ordinary source files (any file of crates in
    cargo's registry, license or not), which is what most of a release is: CPU seconds each."""
    n = int(os.environ.get("ACCURACY_SPEED_FILES", "1000"))
    sample_dir = work / "speed-corpus"
    if not sample_dir.exists():
        registry = sorted(Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")).glob("registry/src/*/*"))
        files = [f for c in registry for f in sorted(c.rglob("*")) if f.is_file() and f.stat().st_size < 1_000_000]
        random.Random(SEED).shuffle(files)
        for i, f in enumerate(files[:n]):
            dest = sample_dir / f"{i:05d}-{f.name}"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, dest)
    count = sum(1 for _ in sample_dir.iterdir())
    db = work / "speed.clearance"
    # Clearance's run is a third of a second, so one run is mostly noise: the median of five.
    runs = []
    for _ in range(5):
        for p in work.glob("speed.clearance*"):
            p.unlink()
        with Timer() as t:
            subprocess.run([str(clearance), "scan", str(sample_dir), "--db", str(db)], check=True, capture_output=True)
        runs.append(t)
    c = sorted(runs, key=lambda t: t.cpu)[2]
    timing = work / "scancode-speed-time.json"
    if os.environ.get("ACCURACY_REUSE") and timing.exists():
        s_wall, s_cpu = json.loads(timing.read_text())
    else:
        with Timer() as s:
            subprocess.run([str(scancode), "-l", "-c", "--license-score", "0", "-n", str(os.cpu_count() or 2), "--json",
                            str(work / "scancode-speed.json"), "--quiet", str(sample_dir)], check=True)
        s_wall, s_cpu = s.wall, s.cpu
        timing.write_text(json.dumps([s_wall, s_cpu]))
    print(f"\nspeed on {count} source files of crates (a random sample, license or not):")
    print(f"  clearance (median of 5): {c.wall:.1f} s wall, {c.cpu:.2f} CPU s ({count / max(c.cpu, 0.01):.0f} files per CPU second)")
    print(f"  scancode:  {s_wall:.1f} s wall, {s_cpu:.1f} CPU s ({count / max(s_cpu, 0.01):.1f} files per CPU second)")
    print(f"  Clearance is {s_cpu / max(c.cpu, 0.01):.0f}x ScanCode per CPU second, {s_wall / max(c.wall, 0.01):.0f}x by the clock")


def corrected(labels):
    """The labels with the hand corrections of bench/accuracy/corrections-<SEED>.tsv applied
    (each read in the file: "+ID" the file states it, "-ID" it does not), and how many items
    changed; None when this draw has no such file."""
    path = Path(__file__).parent / f"corrections-{SEED}.tsv"
    if not path.exists():
        return None, 0
    fixed = {k: {i: list(v) for i, v in items.items()} for k, items in labels.items()}
    changed = 0
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, item, changes, _evidence = line.split("\t")
        hits = [i for i in fixed.get(kind, {}) if i == item or (item.endswith("/") and i.startswith(item))]
        if not hits:
            sys.exit(f"{path.name}: no {kind} item {item}")
        for i in hits:
            for c in changes.split():
                if c[0] == "+" and c[1:] not in fixed[kind][i]:
                    fixed[kind][i].append(c[1:])
                elif c[0] == "-" and c[1:] in fixed[kind][i]:
                    fixed[kind][i].remove(c[1:])
            changed += 1
    return fixed, changed


def overall(scores):
    """All license kinds together, micro-averaged over (item, id) pairs; a license reported on a
    file of a clean kind counts as a false positive."""
    tp = fp = fn = 0
    for kind, s in scores.items():
        if kind in ("debian-copyrights", "debian-years"):
            continue
        if kind in CLEAN_KINDS:
            fp += s["fp"]
            continue
        tp += s["tp"]
        fp += s["fp"]
        fn += s["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main():
    labels = assemble()
    fixed, n_fixed = corrected(labels)
    license_kinds = [k for k in labels if k not in ("debian-copyrights", "debian-years")]
    rescored = {}
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    print(f"corpus: {files} files; " + ", ".join(f"{k} {len(v)}" for k, v in labels.items()))
    results = {}
    tools = [("clearance", run_clearance), ("scancode", run_scancode), ("askalono", run_askalono)]
    only = os.environ.get("ACCURACY_TOOLS")
    for name, run in [t for t in tools if not only or t[0] in only.split(",")]:
        found, holders, wall = run()
        results[name] = (
            {k: score_holders(v, holders) if k == "debian-copyrights" else score_years(v, holders) if k == "debian-years"
             else score(k, v, found) for k, v in labels.items()},
            wall,
        )
        if fixed:
            rescored[name] = {k: score(k, fixed[k], found) for k in license_kinds}
        # Where the tool and the label disagree, for reading (not printed).
        with open(work / f"misses-{name}.txt", "w") as out:
            for kind, items in labels.items():
                if kind in ("debian-copyrights", "debian-years"):
                    want = str if kind == "debian-copyrights" else int
                    for item, expected in sorted(items.items()):
                        got = {h for h in holders.get(item, set()) if isinstance(h, want)}
                        if sorted(expected) != sorted(got):
                            out.write(f"{kind}\t{item}\texpected {sorted(expected)}\tgot {sorted(got)}\n")
                    continue
                for item, expected in sorted(items.items()):
                    got = in_family(got_for(kind, item, found), expected)
                    if got != set(expected):
                        out.write(f"{kind}\t{item}\texpected {sorted(expected)}\tgot {sorted(got)}\n")
        print(f"{name}: {wall[0]:.1f} s wall, {wall[1]:.1f} CPU s for {files} files "
              f"({files / wall[0]:.0f} files/s, {files / max(wall[1], 0.01):.0f} files per CPU second)")
    print()
    print(f"{'kind':<16} {'items':>5}  " + "  ".join(f"{n:>24}" for n in results))
    print(f"{'':<16} {'':>5}  " + "  ".join(f"{'P':>7} {'R':>7} {'F1':>8}" for _ in results))
    for kind in labels:
        row = f"{kind:<16} {len(labels[kind]):>5}  "
        for name, (scores, _) in results.items():
            s = scores[kind]
            if kind in CLEAN_KINDS:
                row += f"{'clean ' + str(s['clean']) + '/' + str(s['items']):>16} {'FP ' + str(s['fp']):>7}  "
            else:
                row += f"{s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1']:>8.3f}  "
        print(row)
    row = f"{'overall':<16} {sum(len(labels[k]) for k in license_kinds):>5}  "
    for name, (scores, _) in results.items():
        row += "{:>7.3f} {:>7.3f} {:>8.3f}  ".format(*overall(scores))
    print(row)
    if rescored:
        # The same answers against labels corrected by reading the files where Clearance and
        # the label disagree (ScanCode's own disagreements were not read: its figures here are
        # a lower bound).
        print(f"\nwith {n_fixed} items' labels corrected by hand (corrections-{SEED}.tsv):")
        for kind in license_kinds:
            if kind in CLEAN_KINDS or fixed[kind] == labels[kind]:
                continue
            row = f"{kind:<16} {len(labels[kind]):>5}  "
            for name in rescored:
                s = rescored[name][kind]
                row += f"{s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1']:>8.3f}  "
            print(row)
        row = f"{'overall':<16} {sum(len(labels[k]) for k in license_kinds):>5}  "
        for name in rescored:
            row += "{:>7.3f} {:>7.3f} {:>8.3f}  ".format(*overall(rescored[name]))
        print(row)
    if "clearance" in results and "scancode" in results:
        (cw, cc), (sw, sc) = results["clearance"][1], results["scancode"][1]
        print(f"\nClearance vs ScanCode on this corpus: {sw / cw:.0f}x the wall-clock speed, {sc / max(cc, 0.01):.0f}x per CPU second")
    # ACCURACY_SPEED=0 leaves the speed sample out (ScanCode needs minutes there too).
    if os.environ.get("ACCURACY_SPEED") != "0" and (not only or ("clearance" in only and "scancode" in only)):
        speed_on_source_files()
    (work / "results.json").write_text(json.dumps({n: {"scores": s, "wall": w[0], "cpu": w[1]} for n, (s, w) in results.items()}, indent=1))


main()
