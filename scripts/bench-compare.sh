#!/usr/bin/env bash
# Criterion beside a peer: the search benchmarks of another commit (default
# HEAD~1) and of the working tree, back to back on this machine, so the
# ratio is what to read (criterion prints each change against the commit's
# run). Each side builds in its own target directory under
# target/bench-compare/ (the first run of a side builds it cold, ~5 min).
#
#   scripts/bench-compare.sh [COMMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
peer="${1:-HEAD~1}"
root="$PWD/target/bench-compare"
tree="$root/peer-tree"
mkdir -p "$root"
git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
git worktree add --detach --force "$tree" "$peer" >/dev/null
trap 'git worktree remove --force "$tree" 2>/dev/null || true' EXIT
echo "== $peer ($(git rev-parse --short "$peer"))"
(cd "$tree" && CARGO_TARGET_DIR="$root/peer-target" \
  cargo bench -q -p citater-query --bench search -- --save-baseline peer)
# Criterion keeps baselines in the target directory: hand the peer's over.
mkdir -p "$root/this-target"
rm -rf "$root/this-target/criterion"
cp -r "$root/peer-target/criterion" "$root/this-target/criterion"
echo "== the working tree, against $peer"
CARGO_TARGET_DIR="$root/this-target" \
  cargo bench -q -p citater-query --bench search -- --baseline peer
