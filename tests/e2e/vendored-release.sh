#!/usr/bin/env bash
# A release that vendors real crates, unpacked from cargo's download cache at the versions this
# workspace locks (so CI has them once the workspace is built). Each crate ships its own
# Cargo.lock, listing its dev- and build-dependencies: nested lockfiles whose entries the release
# does not ship. The release's own Cargo.lock lists itself and the four crates.
#   tests/e2e/vendored-release.sh DEST [WORKSPACE_CARGO_LOCK]
set -euo pipefail
dest=$1
lock=${2:-$(cd "$(dirname "$0")/../.." && pwd)/Cargo.lock}
cache="${CARGO_HOME:-$HOME/.cargo}/registry/cache"
mkdir -p "$dest/vendor" "$dest/src"
printf '[package]\nname = "release-c"\nversion = "2.0.0"\nlicense = "MIT"\n' >"$dest/Cargo.toml"
printf 'fn main() {}\n' >"$dest/src/main.rs"
printf 'version = 3\n\n[[package]]\nname = "release-c"\nversion = "2.0.0"\n' >"$dest/Cargo.lock"
for name in memchr aho-corasick walkdir sha2; do
  version=$(awk -v n="$name" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' "$lock")
  crate=$(ls "$cache"/*/"$name-$version.crate" 2>/dev/null | head -n1)
  [ -n "$crate" ] || { echo "vendored-release: $name-$version.crate is not in $cache (build the workspace first)"; exit 1; }
  tar -xzf "$crate" -C "$dest/vendor"
  [ -f "$dest/vendor/$name-$version/Cargo.lock" ] || { echo "vendored-release: $name-$version ships no Cargo.lock"; exit 1; }
  printf '\n[[package]]\nname = "%s"\nversion = "%s"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' "$name" "$version" >>"$dest/Cargo.lock"
done
