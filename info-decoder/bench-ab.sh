#!/usr/bin/env bash
# The per-unit information estimators of this checkout (B) against those of another commit (A), timed side by side in
# one JVM: each build's classes in their own class loader, the two alternating round by round on one thread, so that
# the host's changes of speed (up to a third within minutes on a shared VM) fall on both alike. The case is bench.sh's
# (380 conditions x 20 trials a unit, 3 bins, plug-in + PT + stored-order QE, optionally the permutation p-value).
# Prints each build's time per unit and the per-round ratio B/A (median and quartiles); `bench-ab.sh HEAD` measures the
# harness's own bias (A = B). The commit's info-decoder/core is compiled in a temporary worktree, removed at the end.
#
# Usage: info-decoder/bench-ab.sh COMMIT [PERMUTATIONS] [UNITS] [ROUNDS]     (defaults 0, 1024, 40)
# Environment: BENCH_DIR (default /tmp/pd-info-bench: bench.sh's data, made here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 || "$1" == "--help" || "$1" == "-h" ]]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit $(( $# < 1 ))
fi
REV="$(git rev-parse --verify "$1^{commit}")"
PERMUTATIONS="${2:-0}"
UNITS="${3:-1024}"
ROUNDS="${4:-40}"
DIR="${BENCH_DIR:-/tmp/pd-info-bench}-4096"
WORKTREE="$(mktemp -d /tmp/pd-bench-ab.XXXXXX)"
trap 'git worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"' EXIT

./mvnw -q -B -o -pl benchmarks -am compile
git worktree add -q --detach "$WORKTREE" "$REV"
(cd "$WORKTREE" && ./mvnw -q -B -o -pl info-decoder/core compile)
CP=benchmarks/target/classes:info-decoder/core/target/classes:claim-check/target/classes
if [[ ! -f "$DIR/responses.npy" ]]; then
    java -cp "$CP" org.prunedistill.bench.InformationBenchmark "$DIR" 4096 380 20 0 "$(nproc)" >/dev/null
fi
MODEL="$(lscpu | sed -n 's/^Model name: *//p')"
echo "machine: $(nproc) cores, ${MODEL}, $(java -version 2>&1 | head -1), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "A = ${REV:0:12}, B = this checkout ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- info-decoder/core || echo ', with changes'))"
java -cp benchmarks/target/classes org.prunedistill.bench.EstimatorAb "$WORKTREE/info-decoder/core/target/classes" \
    info-decoder/core/target/classes "$DIR/responses.npy" "$UNITS" "$ROUNDS" "$PERMUTATIONS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
