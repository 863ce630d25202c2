#!/usr/bin/env bash
# Builds the fuzz targets of fuzz/ with libFuzzer's coverage instrumentation on the stable
# toolchain and runs each for a while; fails on any crash, timeout (a call over 1 s), leak of
# memory past the limit, or broken invariant. docs/reliability.md says what each target checks.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 30); 0 only replays the seed corpus and the saved corpus.
# TARGET defaults to every file of fuzz/fuzz_targets/. FUZZ_NO_BUILD=1 skips the build;
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-runs=10000000 to stop at 10 million).
# FUZZ_PROFILE picks the cargo profile: `release` (default, as cargo-fuzz builds) or `ci`
# (opt-level 1: a cold build in less time, for CI's short runs).
# New inputs go to fuzz/corpus/<target> (not committed), findings and the log to
# fuzz/artifacts/<target> (FUZZ_WORK_DIR moves both elsewhere, for runs side by side);
# rerun one with `fuzz/target/<host>/release/<target> <file>`.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for file in fuzz/fuzz_targets/*.rs; do
    targets+=("$(basename "$file" .rs)")
  done
fi

host="$(rustc -vV | sed -n 's/^host: //p')"
profile="${FUZZ_PROFILE:-release}"
bin_dir="fuzz/target/$host/$profile"

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  # The flags cargo-fuzz passes with `--sanitizer none` (no ASan: -Zsanitizer needs nightly,
  # and the code under test has no unsafe of its own), set here so that CI needs neither
  # cargo-fuzz nor nightly. `--target` keeps them away from build scripts and proc macros.
  # The separate target directory keeps them from invalidating the main build's cache.
  RUSTFLAGS="-Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
-Cllvm-args=-sanitizer-coverage-stack-depth \
-Cllvm-args=-simplifycfg-branch-fold-threshold=0 \
--cfg fuzzing -Cdebug-assertions" \
    cargo build --profile "$profile" --manifest-path fuzz/Cargo.toml --target "$host" \
      --target-dir fuzz/target --bins --locked
fi

failed=()
for target in "${targets[@]}"; do
  corpus="${FUZZ_WORK_DIR:-fuzz}/corpus/$target"
  artifacts="${FUZZ_WORK_DIR:-fuzz}/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  if [ "$seconds" = 0 ]; then
    limit=(-runs=0)
  else
    limit=("-max_total_time=$seconds")
  fi
  echo "== fuzz $target (${seconds}s)"
  # -timeout=1: a call over one second is a failure. New inputs are written to the first
  # directory; the committed seeds are only read.
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  if ! "$bin_dir/$target" "${limit[@]}" ${FUZZ_ARGS:-} -timeout=1 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$corpus" "fuzz/seeds/$target" 2>"$artifacts/log"; then
    tail -n 40 "$artifacts/log" >&2
    echo "error: fuzz target $target failed; the input is in $artifacts/" >&2
    echo "help: rerun it with $bin_dir/$target $artifacts/<file>, then add it as a regression test under sdk/tests/" >&2
    failed+=("$target")
    continue
  fi
  grep -aE '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+ *DONE)' \
    "$artifacts/log" || true
  echo "corpus: $(find "$corpus" -type f | wc -l) inputs"
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "error: failed fuzz targets: ${failed[*]}" >&2
  exit 1
fi
