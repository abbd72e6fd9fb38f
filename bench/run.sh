#!/usr/bin/env bash
# make bench: scan large real trees with Clearance and, in the same run, askalono's CLI; print
# files/s, MB/s, CPU seconds and peak RSS for each, and the ratio. Trees:
#   - the crates in the cargo registry (what `cargo build` downloaded: real crates, offline);
#   - the Linux kernel source from Debian's linux-source package (set BENCH_LINUX=0 to skip).
# Timing and memory come from /usr/bin/time -v. Not a test: these machines are noisy, so read
# the ratios of runs made side by side, not absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.cache/bench
# Trees live outside the repository: tools that honour .gitignore (askalono) would skip them here.
trees_dir=${XDG_CACHE_HOME:-$HOME/.cache}/clearance-bench
mkdir -p "$cache" "$trees_dir"
sudo=$([ "$(id -u)" = 0 ] || echo sudo)
for tool in bc:bc time:/usr/bin/time; do
  command -v "${tool#*:}" >/dev/null || { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${tool%%:*}"; }
done
cargo build --release -q -p clearance-cli
clearance=target/release/clearance

if [ ! -x "$cache/askalono/bin/askalono" ]; then
  echo "Installing askalono-cli (crates.io) for the comparison…"
  cargo install -q askalono-cli --root "$cache/askalono"
fi
askalono="$cache/askalono/bin/askalono"

trees=()
registry=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ 2>/dev/null | head -n1 || true)
[ -n "$registry" ] && trees+=("cargo-registry=$registry")
if [ "${BENCH_LINUX:-1}" != 0 ]; then
  if [ ! -d "$trees_dir/linux" ]; then
    if ! ls /usr/src/linux-source-*.tar.xz >/dev/null 2>&1; then
      $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends linux-source
    fi
    mkdir -p "$trees_dir/linux" && tar -xJf "$(ls /usr/src/linux-source-*.tar.xz | head -n1)" -C "$trees_dir/linux"
  fi
  trees+=("linux=$(ls -d "$trees_dir"/linux/*/ | head -n1)")
fi

measure() { # label, command…  → prints "wall user sys rss_kb"
  local out; out=$(mktemp)
  /usr/bin/time -v "${@}" >/dev/null 2>"$out" || { cat "$out" >&2; rm -f "$out"; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n=split($2,p,":"); w=0; for(i=1;i<=n;i++) w=w*60+p[i] }
    /User time/ { u=$2 } /System time/ { s=$2 } /Maximum resident set size/ { r=$2 }
    END { printf "%s %s %s %s\n", w, u, s, r }' "$out"
  rm -f "$out"
}

printf '\nMachine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
printf '%-15s %-10s %8s %8s %8s %8s %11s %8s %9s\n' tree tool files MB wall_s cpu_s files/cpu_s MB/s rss_MiB
for entry in "${trees[@]}"; do
  name=${entry%%=*}; dir=${entry#*=}
  files=$(find "$dir" -type f | wc -l)
  mb=$(du -sm "$dir" | cut -f1)
  db="$cache/$name.clearance"; rm -f "$db" "$db-wal" "$db-shm"
  read -r w u s r < <(measure "$clearance" scan "$dir" --db "$db")
  cpu=$(echo "$u + $s" | bc -l)
  printf '%-15s %-10s %8d %8d %8.2f %8.2f %11.0f %8.1f %9.0f\n' "$name" clearance "$files" "$mb" "$w" "$cpu" "$(echo "$files / $cpu" | bc -l)" "$(echo "$mb / $w" | bc -l)" "$(echo "$r / 1024" | bc -l)"
  c_cpu=$cpu
  read -r w u s r < <(measure "$askalono" crawl "$dir")
  cpu=$(echo "$u + $s" | bc -l)
  printf '%-15s %-10s %8d %8d %8.2f %8.2f %11.0f %8.1f %9.0f\n' "$name" askalono "$files" "$mb" "$w" "$cpu" "$(echo "$files / $cpu" | bc -l)" "$(echo "$mb / $w" | bc -l)" "$(echo "$r / 1024" | bc -l)"
  printf '%-15s ratio: askalono CPU / clearance CPU = %.2f (askalono crawl reads only license-named files; clearance runs every detector on every file)\n' "$name" "$(echo "$cpu / $c_cpu" | bc -l)"
  # Re-scan of the unchanged tree: what reuse saves.
  read -r w u s r < <(measure "$clearance" scan "$dir" --db "$db")
  printf '%-15s %-10s %8d %8d %8.2f %8.2f %11s %8s %9.0f\n' "$name" rescan "$files" "$mb" "$w" "$(echo "$u + $s" | bc -l)" - - "$(echo "$r / 1024" | bc -l)"
done

# Exports, timed, of a synthetic review of 10,000 components and 200,000 files (the exports
# issue's target: every format in < 2 s).
mkdir -p "$cache/empty"
rm -f "$cache/synthetic.clearance"*
"$clearance" scan "$cache/empty" --db "$cache/synthetic.clearance" >/dev/null 2>&1
python3 bench/synthetic_review.py "$cache/synthetic.clearance" 10000 20
largest="$cache/synthetic.clearance"
if [ -n "$largest" ]; then
  echo
  printf '%-16s %8s %9s   (%s)\n' export wall_s rss_MiB "$(basename "$largest")"
  for fmt in spdx-json spdx-tv cyclonedx-json notice-txt notice-html report-html report-csv; do
    read -r w u s r < <(measure "$clearance" export --db "$largest" --format "$fmt" -o "$cache/export.$fmt")
    printf '%-16s %8.2f %9.0f\n' "$fmt" "$w" "$(echo "$r / 1024" | bc -l)"
  done
fi

# Known vulnerabilities (#14's targets: the npm dump, ~200 MB zipped, imported in under a
# minute in bounded memory; 5,000 components matched against 200,000 records in < 1 s, RSS <
# 300 MiB): the two real dumps, then a synthetic 200,000-record npm dump, and a synthetic review
# of 5,000 components matched against it.
echo
adv="$cache/advisories.sqlite"
rm -f "$adv"
[ -f "$cache/synthetic-osv.zip" ] || python3 bench/synthetic_osv.py "$cache/synthetic-osv.zip" 200000 50000
rm -f "$cache/vuln5k.clearance"*
"$clearance" scan "$cache/empty" --db "$cache/vuln5k.clearance" >/dev/null 2>&1
python3 bench/synthetic_review.py "$cache/vuln5k.clearance" 5000 2
printf '%-44s %8s %8s %9s\n' advisories wall_s cpu_s rss_MiB
read -r w u s r < <(measure "$clearance" advisories import fixtures/osv/crates.io-all.zip fixtures/osv/PyPI-all.zip --advisories "$adv")
printf '%-44s %8.2f %8.2f %9.0f\n' "import the real dumps (3,867 records)" "$w" "$(echo "$u + $s" | bc -l)" "$(echo "$r / 1024" | bc -l)"
read -r w u s r < <(measure "$clearance" advisories import "$cache/synthetic-osv.zip" --advisories "$adv")
printf '%-44s %8.2f %8.2f %9.0f\n' "import 200,000 synthetic npm records" "$w" "$(echo "$u + $s" | bc -l)" "$(echo "$r / 1024" | bc -l)"
read -r w u s r < <(measure "$clearance" advisories match --db "$cache/vuln5k.clearance" --advisories "$adv")
printf '%-44s %8.2f %8.2f %9.0f\n' "match 5,000 components" "$w" "$(echo "$u + $s" | bc -l)" "$(echo "$r / 1024" | bc -l)"

# The decision library and the portfolio.
echo
bash bench/library.sh "$clearance" "$cache"

# Peak memory on hostile inputs.
echo
bash bench/hostile_memory.sh "$clearance"

# What the desktop asks of the same review (targets: components view < 1 s, filter and sort
# < 100 ms; the synthetic review is twice the target's 5k components / 100k files).
echo
cargo run -q --release -p clearance-app --example table_bench -- "$cache/synthetic.clearance"
# The same through the real app (release build, WebDriver under Xvfb).
echo
(cd ui && npm run build >/dev/null) && cargo build -q --release -p clearance-desktop
bash bench/desktop.sh target/release/clearance-desktop "$cache/synthetic.clearance"

if [ -f "$cache/cargo-registry.clearance" ]; then
  echo
  python3 bench/declared_agreement.py "$cache/cargo-registry.clearance"
fi
