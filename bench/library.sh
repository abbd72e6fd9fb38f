#!/usr/bin/env bash
# The decision library's targets (#18): publish 5,000 components < 2 s; a 5,000-component
# review's library lookups < 1 s; where-used over 500 releases x 5,000 components < 1 s — on a
# SQLite library file, then on a PostgreSQL server (a throwaway cluster on a Unix socket).
# Usage: bench/library.sh CLEARANCE_BIN CACHE_DIR (called by bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
clearance=$1
cache=$2
work="$cache/library"
rm -rf "$work" && mkdir -p "$work/empty"
export CLEARANCE_REVIEWER="Bench <bench@example.com>"
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
run_backend() { # label, CLEARANCE_LIBRARY, SQL runner for the 499 copies
  export CLEARANCE_LIBRARY=$2
  rm -f "$work/second.clearance" "$work/second.clearance-wal" "$work/second.clearance-shm"
  cp "$work/second.clearance.orig" "$work/second.clearance"
  printf '%-52s %8s %9s\n' "decision library ($1)" wall_s rss_MiB
  read -r w r < <(measure "$clearance" library publish --db "$work/first.clearance")
  printf '%-52s %8.2f %9.0f\n' "publish 5,000 concluded components" "$w" "$(echo "$r / 1024" | bc -l)"
  read -r w r < <(measure "$clearance" library apply --dry-run --db "$work/second.clearance")
  printf '%-52s %8.2f %9.0f\n' "look up a 5,000-component review (dry run)" "$w" "$(echo "$r / 1024" | bc -l)"
  read -r w r < <(measure "$clearance" library apply --db "$work/second.clearance")
  printf '%-52s %8.2f %9.0f\n' "look up and take 5,000 conclusions" "$w" "$(echo "$r / 1024" | bc -l)"
  # 499 more releases of the same 5,000 components, as published rows (a portfolio of 500).
  "$3" "$COPY_SQL" >/dev/null
  read -r w r < <(measure "$clearance" where-used 'pkg:npm/pkg-04242@<2')
  printf '%-52s %8.2f %9.0f\n' "where-used pkg:npm/pkg-04242@<2 over 500 releases" "$w" "$(echo "$r / 1024" | bc -l)"
  read -r w r < <(measure "$clearance" portfolio --json)
  printf '%-52s %8.2f %9.0f\n' "portfolio of 500 releases" "$w" "$(echo "$r / 1024" | bc -l)"
  echo
}
COPY_SQL="INSERT INTO releases (product, version, review, audit_head, approved, approved_by, approved_at,
    published_by, published_at, components, open_obligations, open_vulnerabilities, license_mix)
  SELECT 'Product ' || (n % 50), '1.' || n, review, audit_head, approved, approved_by, approved_at, published_by,
    published_at, components, open_obligations, open_vulnerabilities, license_mix
  FROM releases, (WITH RECURSIVE s(n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM s WHERE n < 500) SELECT n FROM s) AS g;
INSERT INTO release_components (release_id, key, purl, ecosystem, package, name, version, shipped, concluded, status)
  SELECT r.id, c.key, c.purl, c.ecosystem, c.package, c.name, c.version, c.shipped, c.concluded, c.status
  FROM release_components c, releases r WHERE c.release_id = (SELECT min(id) FROM releases) AND r.product LIKE 'Product %';"
sqlite_sql() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' "$work/library.sqlite" "$1"; }
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("VACUUM INTO ?", (sys.argv[2],))' "$work/second.clearance" "$work/second.clearance.orig"
run_backend SQLite "$work/library.sqlite" sqlite_sql

# PostgreSQL: a throwaway cluster (Debian's postgresql; run as its user when we are root).
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
pgdir=$(mktemp -d)
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pgdir"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -A trust -U clearance --no-sync >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -o "-k $pgdir -c listen_addresses=''" -l "$pgdir/log" -w start >/dev/null
trap '"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdir"' EXIT
"$pgbin/createdb" -h "$pgdir" -U clearance library
pg_sql() { "$pgbin/psql" -q -h "$pgdir" -U clearance -d library -v ON_ERROR_STOP=1 -c "$1"; }
run_backend PostgreSQL "postgresql://clearance@/library?host=$pgdir" pg_sql
