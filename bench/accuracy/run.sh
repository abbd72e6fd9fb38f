#!/usr/bin/env bash
# make accuracy: Clearance, ScanCode Toolkit and askalono on one labelled corpus of real packages
# (bench/accuracy/accuracy.py says where each label comes from). Installs ScanCode from PyPI into
# .cache/accuracy/venv and askalono-cli from crates.io on first use. Not part of `make test`:
# ScanCode needs minutes. ACCURACY_SAMPLE=N sets the corpus size (default 150 per kind);
# ACCURACY_SEED=N draws a different corpus (a held-out check), kept in .cache/accuracy/seed-N.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=.cache/accuracy
mkdir -p "$work"
if [ ! -x "$work/venv/bin/scancode" ]; then
  echo "Installing ScanCode Toolkit (PyPI) into $work/venv …"
  python3 -m venv "$work/venv"
  # pluggy 1.6 rejects ScanCode 32's hook specifications; 1.5 works.
  "$work/venv/bin/pip" install -q --disable-pip-version-check 'scancode-toolkit==32.*' 'pluggy==1.5.0'
fi
if [ ! -x .cache/bench/askalono/bin/askalono ]; then
  cargo install -q askalono-cli --root .cache/bench/askalono
fi
# The Linux tree of `make bench` provides the header-notice part of the corpus.
ls "${XDG_CACHE_HOME:-$HOME/.cache}"/clearance-bench/linux/*/ >/dev/null 2>&1 || echo "note: no Linux tree (run make bench once); the header-notice part will be empty"
cargo build --release -q -p clearance-cli
[ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund
# Another ACCURACY_SEED draws another corpus, kept apart from the default one's.
data=$work${ACCURACY_SEED:+/seed-$ACCURACY_SEED}
mkdir -p "$data"
python3 bench/accuracy/accuracy.py "$data" target/release/clearance "$work/venv/bin/scancode" .cache/bench/askalono/bin/askalono
