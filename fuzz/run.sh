#!/usr/bin/env bash
# Runs every fuzz target for a while (FUZZ_SECONDS, default 60 each) with cargo-fuzz (libFuzzer).
# Seeds come from the repository's fixtures. A crash leaves its input in fuzz/artifacts/<target>/;
# turn it into a regression test in the crate the target exercises, then fix the bug.
#   bash fuzz/run.sh                 # all targets
#   FUZZ_SECONDS=600 bash fuzz/run.sh detect manifest
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# cargo-fuzz needs nightly flags (-Zsanitizer); the one toolchain here is stable, which accepts
# them with RUSTC_BOOTSTRAP=1.
export RUSTC_BOOTSTRAP=1
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(expression policy detect manifest copyright import archive)
seed() { # target, files…
  mkdir -p "corpus/$1"
  for f in "${@:2}"; do
    [ -f "$f" ] || continue
    cp "$f" "corpus/$1/$(basename "$f" | tr -c 'A-Za-z0-9._-' _)-$(cksum < "$f" | cut -d' ' -f1)"
  done
}
mkdir -p corpus/expression
printf 'MIT OR Apache-2.0' > corpus/expression/or
printf 'GPL-2.0+ WITH Classpath-exception-2.0' > corpus/expression/with
printf '(MIT AND (BSD-3-Clause OR ISC))' > corpus/expression/nested
seed policy ../docs/POLICY.md ../policy/dependencies.toml
seed detect $(find ../fixtures/licenses -type f -not -name '*.expected' | head -40)
seed manifest $(find ../fixtures/sample-release -name Cargo.toml -o -name package.json -o -name PKG-INFO -o -name METADATA)
seed copyright $(find ../fixtures/sample-release -type f | head -30)
seed import ../fixtures/imports/scancode-v32.json
mkdir -p corpus/archive
python3 - corpus/archive <<'PY'
import gzip, io, os, sys, tarfile, zipfile
d = sys.argv[1]
z = io.BytesIO()
with zipfile.ZipFile(z, "w") as zf:
    zf.writestr("a/LICENSE", "MIT")
    zf.writestr("../x", "y")
open(os.path.join(d, "seed.zip"), "wb").write(z.getvalue())
t = io.BytesIO()
with tarfile.open(fileobj=t, mode="w") as tf:
    info = tarfile.TarInfo("p/README")
    info.size = 5
    tf.addfile(info, io.BytesIO(b"hello"))
open(os.path.join(d, "seed.tar"), "wb").write(t.getvalue())
open(os.path.join(d, "seed.tgz"), "wb").write(gzip.compress(t.getvalue()))
PY
failed=0
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  if ! cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048; then
    echo "!! $t found a crash: see fuzz/artifacts/$t/"
    failed=$((failed + 1))
  fi
done
echo "$(( ${#targets[@]} - failed )) passed, $failed failed"
[ "$failed" = 0 ]
