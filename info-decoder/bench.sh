#!/usr/bin/env bash
# Throughput of the single-unit information estimators (Java core) next to a NumPy reference on the same data:
# 4096 units x 380 conditions x 20 trials, binning + plug-in + Panzeri-Treves + quadratic extrapolation, then the same
# with 100 label permutations (NumPy: on the first BENCH_NUMPY_UNITS units, scaled linearly). Prints seconds (wall and
# CPU; Java: the median of 5 timed runs after at least 3 s of warm-up runs, NumPy: the median of 3 runs), peak resident
# memory, the load average, and how far the two implementations agree.
#
# Usage: info-decoder/bench.sh [--quick]     (--quick: 512 units)
# Environment: BENCH_DIR (default /tmp/pd-info-bench), BENCH_THREADS (default: all cores), BENCH_NUMPY_UNITS (256).
set -euo pipefail
cd "$(dirname "$0")/.."

UNITS=4096
if [[ "${1:-}" == "--quick" ]]; then
    UNITS=512
fi
DIR="${BENCH_DIR:-/tmp/pd-info-bench}-${UNITS}"
THREADS="${BENCH_THREADS:-$(nproc)}"
NUMPY_UNITS="${BENCH_NUMPY_UNITS:-256}"
CP=benchmarks/target/classes:info-decoder/core/target/classes:claim-check/target/classes

if ! NUMPY="$(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)' 2>/dev/null)"; then
    echo "bench.sh: /usr/bin/python3 has no numpy; install Debian's python3-numpy (apt-get install python3-numpy)" >&2
    exit 1
fi
./mvnw -q -B -o -pl benchmarks -am compile
MODEL="$(lscpu | sed -n 's/^Model name: *//p')"
echo "machine: $(nproc) cores, ${MODEL}, $(java -version 2>&1 | head -1), numpy ${NUMPY}, load: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() {
    /usr/bin/time -f "  peak_rss_kb=%M" "$@" 2>&1
}

for PERMUTATIONS in 0 100; do
    echo "== binning + plug-in + PT + QE$([[ $PERMUTATIONS -gt 0 ]] && echo " + $PERMUTATIONS permutations")"
    measure java -Xmx1g -cp "$CP" org.prunedistill.bench.InformationBenchmark "$DIR" "$UNITS" 380 20 \
        "$PERMUTATIONS" "$THREADS"
    if [[ $PERMUTATIONS -eq 0 ]]; then
        measure /usr/bin/python3 info-decoder/bench_reference.py "$DIR" 0
    else
        measure /usr/bin/python3 info-decoder/bench_reference.py "$DIR" "$PERMUTATIONS" "$NUMPY_UNITS"
    fi
    echo "  load after this case: $(cut -d' ' -f1-3 /proc/loadavg)"
done
