#!/usr/bin/env python3
"""Writes list-history.tsv: for every SPDX license and exception id, the first SPDX license list
version, of the lists the `spdx` crate has shipped, that holds it.

Usage: python3 extract.py DIR... > list-history.tsv
where each DIR is an unpacked `spdx` crate (https://static.crates.io/crates/spdx/spdx-V.crate),
whose src/identifiers.rs names the list version it was generated from and its ids.
"""
import re
import sys


def version_key(v):
    return tuple(int(p) for p in v.split("."))


def table(src, name):
    start = src.index(f"pub const {name}:")
    return src[start : src.index("\n];", start)]


def read(crate):
    src = open(f"{crate}/src/identifiers.rs", encoding="utf-8").read()
    version = re.search(r'pub const VERSION: &str = "([0-9.]+)"', src).group(1)
    version = ".".join(version.split(".")[:2])
    licenses_part = table(src, "LICENSES")
    exceptions_part = table(src, "EXCEPTIONS")
    # Two layouts over the crate's history: tuples `("id", …)` and structs `name: "id",`.
    pattern = re.compile(r'(?:\(\s*|name: )"([^"]+)"')
    return version, set(pattern.findall(licenses_part)), set(pattern.findall(exceptions_part))


def main(dirs):
    lists = {}
    for d in dirs:
        version, licenses, exceptions = read(d)
        lists[version] = (licenses, exceptions)  # crates of the same list hold the same ids
    versions = sorted(lists, key=version_key)
    first = {}
    for v in versions:
        licenses, exceptions = lists[v]
        for kind, ids in (("license", licenses), ("exception", exceptions)):
            for i in ids:
                first.setdefault((kind, i), v)
    print("# SPDX license list versions read: " + " ".join(versions))
    print("# id\tkind\tfirst list version that holds it (an id added between two versions read")
    print("# is dated to the later one)")
    for (kind, i), v in sorted(first.items(), key=lambda e: (e[0][1].lower(), e[0][0])):
        print(f"{i}\t{kind}\t{v}")


if __name__ == "__main__":
    main(sys.argv[1:])
