#!/usr/bin/env bash
# The decision library's targets (#18): publish 5,000 components < 2 s; a 5,000-component
# review's library lookups < 1 s; where-used over 500 releases x 5,000 components < 1 s.
# Usage: bench/library.sh CLEARANCE_BIN CACHE_DIR (called by bench/run.sh; SQLite library).
set -euo pipefail
cd "$(dirname "$0")/.."
clearance=$1
cache=$2
work="$cache/library"
rm -rf "$work" && mkdir -p "$work/empty"
export CLEARANCE_LIBRARY="$work/library.sqlite" CLEARANCE_REVIEWER="Bench <bench@example.com>"
export CLEARANCE_DATA_DIR="$work/no-data"
measure() { # command… → "wall rss_kb"
  local out; out=$(mktemp)
  /usr/bin/time -v "${@}" >/dev/null 2>"$out" || { cat "$out" >&2; rm -f "$out"; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n=split($2,p,":"); w=0; for(i=1;i<=n;i++) w=w*60+p[i] }
    /Maximum resident set size/ { r=$2 } END { printf "%s %s\n", w, r }' "$out"
  rm -f "$out"
}
for r in first second; do
  "$clearance" scan "$work/empty" --db "$work/$r.clearance" >/dev/null 2>&1
  python3 bench/synthetic_review.py "$work/$r.clearance" 5000 2
done
"$clearance" review product Bench 1.0 --db "$work/first.clearance" >/dev/null
"$clearance" review bulk --all --db "$work/first.clearance" conclude --suggested --status approved >/dev/null
"$clearance" approve --db "$work/first.clearance" --override "benchmark" >/dev/null
printf '%-52s %8s %9s\n' "decision library (SQLite)" wall_s rss_MiB
read -r w r < <(measure "$clearance" library publish --db "$work/first.clearance")
printf '%-52s %8.2f %9.0f\n' "publish 5,000 concluded components" "$w" "$(echo "$r / 1024" | bc -l)"
read -r w r < <(measure "$clearance" library apply --dry-run --db "$work/second.clearance")
printf '%-52s %8.2f %9.0f\n' "look up a 5,000-component review (dry run)" "$w" "$(echo "$r / 1024" | bc -l)"
read -r w r < <(measure "$clearance" library apply --db "$work/second.clearance")
printf '%-52s %8.2f %9.0f\n' "look up and take 5,000 conclusions" "$w" "$(echo "$r / 1024" | bc -l)"
# 499 more releases of the same 5,000 components, as published rows (a portfolio of 500).
python3 - "$work/library.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
with c:
    src = c.execute("SELECT id FROM releases").fetchone()[0]
    for n in range(2, 501):
        cur = c.execute("""INSERT INTO releases (product, version, review, audit_head, approved, approved_by, approved_at,
            published_by, published_at, components, open_obligations, open_vulnerabilities, license_mix)
            SELECT 'Product ' || ?1, version, review, audit_head, approved, approved_by, approved_at, published_by,
            published_at, components, open_obligations, open_vulnerabilities, license_mix FROM releases WHERE id = ?2""", (n % 50, src))
        c.execute("UPDATE releases SET version = ? WHERE id = ?", (f"1.{n}", cur.lastrowid))
        c.execute("""INSERT INTO release_components (release_id, key, purl, ecosystem, package, name, version, shipped, concluded, status)
            SELECT ?1, key, purl, ecosystem, package, name, version, shipped, concluded, status FROM release_components WHERE release_id = ?2""",
            (cur.lastrowid, src))
print(c.execute("SELECT count(*) FROM releases").fetchone()[0], "releases,",
      c.execute("SELECT count(*) FROM release_components").fetchone()[0], "release components")
PY
read -r w r < <(measure "$clearance" where-used 'pkg:npm/pkg-04242@<2')
printf '%-52s %8.2f %9.0f\n' "where-used pkg:npm/pkg-04242@<2 over 500 releases" "$w" "$(echo "$r / 1024" | bc -l)"
read -r w r < <(measure "$clearance" portfolio --json)
printf '%-52s %8.2f %9.0f\n' "portfolio of 500 releases" "$w" "$(echo "$r / 1024" | bc -l)"
