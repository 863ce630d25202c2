#!/usr/bin/env bash
# Generates a connector into a scratch directory, runs its own tests, and calls it the way
# the Lumos platform does. Usage: scripts/demo.sh [NAME] [AUTH]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:-acme}
auth=${2:-token}
out=$(mktemp -d)/"$name"
# One target directory for everything: dependencies build once.
export CARGO_TARGET_DIR="$root/target"

cargo run -q --manifest-path "$root/Cargo.toml" -p connector-new -- \
  "$name" --auth "$auth" --all-capabilities --yes --output "$out"

cd "$out"
echo "== cargo test (the generated connector's own tests, against a local mock API)"
cargo test -q
bin="$CARGO_TARGET_DIR/debug/$name-connector"
echo "== $name-connector info (first 300 bytes)"
info=$("$bin" info)
echo "${info:0:300} ..."
echo "== $name-connector validate_credentials against an address where nothing listens"
"$bin" validate_credentials --json '{"credentials":[{"id":"'"$name"'_'"${auth//-/_}"'","'"${auth//-/_}"'":{"token":"t"}}],"settings":{"base_url":"http://127.0.0.1:9"},"request":{}}'
echo "== generated crate: $out"
