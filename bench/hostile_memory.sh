#!/usr/bin/env bash
# Peak memory of a scan of hostile inputs, each in its own tree beside a normal file, so that
# "memory stays bounded" is a number (the sparse file stays over the limit: skipped unread): a 2 GB sparse file, a 60 MB one-line minified file, a
# 40 MB binary named LICENSE, 300-deep folders, a 10,000-deep parenthesis nest in an SPDX tag,
# a gzip bomb (2 GiB of zeros in a 2 MB .tar.gz), 20,000 tiny files. Usage: bench/hostile_memory.sh [clearance-binary]
set -euo pipefail
bin=$(realpath "${1:-target/release/clearance}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mk() { mkdir -p "$work/$1"; printf '// SPDX-License-Identifier: MIT\n' >"$work/$1/ok.c"; }
mk sparse;   truncate -s 2G "$work/sparse/disk.img"
mk minified; python3 -c "import sys; sys.stdout.write('var a=1;' * (60 * 1024 * 1024 // 8))" >"$work/minified/app.min.js"
mk binary;   head -c $((40 * 1024 * 1024)) /dev/urandom >"$work/binary/LICENSE"
mk deep;     d="$work/deep"; for i in $(seq 300); do d="$d/d"; done; mkdir -p "$d"; printf '// SPDX-License-Identifier: MIT\n' >"$d/x.c"
mk parens;   python3 -c "print('// SPDX-License-Identifier: ' + '(' * 10000 + 'MIT' + ')' * 10000)" >"$work/parens/nest.c"
mk bomb;     python3 -c "
import gzip, tarfile, io
class Zeros(io.RawIOBase):
    left = 2 << 30
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
with gzip.open('$work/bomb/bomb.tar.gz', 'wb', compresslevel=1) as g:
    with tarfile.open(fileobj=g, mode='w|') as t:
        info = tarfile.TarInfo('zeros'); info.size = 2 << 30
        t.addfile(info, io.BufferedReader(Zeros()))
"
mk many;     python3 -c "
import os
for i in range(20000):
    p = os.path.join('$work/many', f'd{i // 500}')
    os.makedirs(p, exist_ok=True)
    open(os.path.join(p, f'f{i}.js'), 'w').write('// SPDX-License-Identifier: ISC\n')
"
printf '%-10s %8s %10s %8s   %s\n' tree wall_s peak_MiB skipped "what the scan recorded"
# The default size limit (32 MiB) would skip the 60 MB and 40 MB files unread; raise it so they
# are read, which is the case that could cost memory.
for t in sparse minified binary deep parens bomb many; do
  out=$( { /usr/bin/time -f '%e %M' "$bin" scan "$work/$t" --db "$work/$t.clearance" --max-file-size $((128 * 1024 * 1024)) --json >/dev/null; } 2>&1 | tail -n1)
  read -r wall rss <<<"$out"
  skipped=$(python3 -c "import sqlite3; c=sqlite3.connect('$work/$t.clearance'); print(c.execute('select count(*) from skipped').fetchone()[0])")
  why=$(python3 -c "
import sqlite3; c=sqlite3.connect('$work/$t.clearance')
r = c.execute('select reason from skipped limit 1').fetchone()
n = c.execute(\"select note from files where note is not null limit 1\").fetchone()
print((r[0] if r else '') + (' / note: ' + n[0][:60] if n else ''))")
  printf '%-10s %8.2f %10.0f %8s   %s\n' "$t" "$wall" "$(echo "$rss / 1024" | bc -l)" "$skipped" "$why"
done
