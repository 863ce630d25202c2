#!/usr/bin/env bash
# Benchmark: connector-new + connector-sdk against the reference Python SDK (connector-py).
#
# Usage:
#   bench/run.sh                 # everything, 7 runs per figure (about 20 minutes on 2 cores)
#   bench/run.sh --runs 9        # more runs per figure (median of N)
#   bench/run.sh --sync-runs 3   # fewer full 10,000-account syncs (the slowest part)
#   bench/run.sh --skip-build-cost   # leave out the clean build (section 5)
#   bench/run.sh --no-write      # print the table, leave docs/benchmarks.md alone
#   bench/run.sh --only package --update-doc   # one section, spliced into docs/benchmarks.md
#   bench/run.sh --help          # all options
#
# Needs: a Rust toolchain, python3 (3.10+) with venv, network access to PyPI and crates.io on
# the first run. No root: the reference SDK is installed into bench/.venv (gitignored), every
# generated file goes to bench/work (gitignored) or a temporary directory, and peak RSS uses
# /usr/bin/time when it exists (else an upper bound from wait4, flagged in the output).
#
# It builds connector-new (release, default target dir), generates a connector with it and
# builds that in release mode (CARGO_TARGET_DIR=target/e2e), scaffolds the reference connector
# with `connector scaffold`, measures, prints a table and rewrites docs/benchmarks.md. Section 6
# bundles both connectors for the on-premise agent (`connector-new package` vs the reference's
# PyInstaller-based `connector compile-on-prem`).
# See bench/README.md for what is measured and how.
set -euo pipefail
cd "$(dirname "$0")/.."

# The reference SDK version the protocol docs were measured with. Change both together.
REFERENCE_PACKAGE="connector-py[dev]==4.280.0"
# What its `compile-on-prem` runs (section 6); the [dev] extra only bounds them (<7, <6).
REFERENCE_TOOLS=("pyinstaller==6.22.3" "pyinstaller-hooks-contrib==2026.9" "pip-licenses==5.5.5")

PYTHON="${PYTHON:-python3}"
VENV=bench/.venv
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("connector-py") != "4.280.0" or m.version("pyinstaller") != "6.22.3")' 2>/dev/null; then
  echo "== installing $REFERENCE_PACKAGE ${REFERENCE_TOOLS[*]} into $VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$REFERENCE_PACKAGE" "${REFERENCE_TOOLS[@]}"
fi

echo "== cargo build --release -p connector-new" >&2
cargo build --release --quiet -p connector-new

exec "$VENV/bin/python" bench/bench.py "$@"
