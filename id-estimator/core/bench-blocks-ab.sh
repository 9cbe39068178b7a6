#!/usr/bin/env bash
# The analysis of column blocks (IdAnalysis.analyse(ColumnBlocks): every pair's exact distance summed block by block,
# then every estimator) of this checkout (B) against that of another commit (A), timed side by side in one JVM: each
# build's classes in their own class loader, alternating round by round, so that the host's changes of speed fall on
# both alike. Seeded standard-normal points, each block generated when handed out. Prints each round, each build's
# median and the per-round ratio B/A of the pairs' step; `bench-blocks-ab.sh HEAD` measures the harness's own bias.
# The commit's id-estimator/core is compiled in a temporary worktree, removed at the end.
#
# Usage: id-estimator/core/bench-blocks-ab.sh COMMIT [N] [D] [WIDTH] [ROUNDS]     (defaults 500, 100000, 1048, 6)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ $# -lt 1 || "$1" == "--help" || "$1" == "-h" ]]; then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit $(( $# < 1 ))
fi
REV="$(git rev-parse --verify "$1^{commit}")"
N="${2:-500}"
D="${3:-100000}"
WIDTH="${4:-1048}"
ROUNDS="${5:-6}"
WORKTREE="$(mktemp -d /tmp/pd-blocks-ab.XXXXXX)"
trap 'git worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"' EXIT

./mvnw -q -B -o -pl benchmarks -am compile
git worktree add -q --detach "$WORKTREE" "$REV"
(cd "$WORKTREE" && ./mvnw -q -B -o -pl id-estimator/core compile)
MODEL="$(lscpu | sed -n 's/^Model name: *//p')"
echo "machine: $(nproc) cores, ${MODEL}, $(java -version 2>&1 | head -1), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "A = ${REV:0:12}, B = this checkout ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- id-estimator/core || echo ', with changes'))"
java -cp benchmarks/target/classes org.prunedistill.bench.ColumnBlocksAb "$WORKTREE/id-estimator/core/target/classes" \
    id-estimator/core/target/classes "$N" "$D" "$WIDTH" "$ROUNDS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
