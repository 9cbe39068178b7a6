#!/usr/bin/env bash
# Bounded memory of the info-decoder's analysis on a CNN-layer-sized source: by default 100,000 units x 380
# conditions x 10 trials (1.52 GB of float32). One JVM serves the source from an in-process S3 server (uploaded in
# batches of BENCH_BATCH conditions, as the extractor does); a second JVM, under -Xmx${BENCH_HEAP}, spills it to a
# temporary file and computes the six information results over every unit, as the service does
# (BoundedAnalysisMain). Then a third JVM, under -Xmx${BENCH_ID_HEAP}, does the same with the id-estimator's analysis
# (BoundedIdMain, id-estimator/service tests). Prints each analyser's seconds (spill, analysis), peak RSS
# (/usr/bin/time) and heap (the largest heap in use after a collection).
#
# Usage: info-decoder/bench-bounded.sh [UNITS]
# Environment: BENCH_OBJECTS (10: objects x 38 conditions of the rat design), BENCH_TRIALS (10),
#              BENCH_DIR (default /tmp/pd-bounded-bench), BENCH_HEAP (384m), BENCH_BATCH (8 conditions per batch),
#              BENCH_PERMUTATIONS (100, the service default), BENCH_BOOTSTRAP (0: exact, the service default), BENCH_BLOCK (1024 units),
#              BENCH_HEAP empty: skip the info-decoder; BENCH_ID_HEAP (768m; empty: skip the id-estimator),
#              BENCH_ID_MAX_UNITS (0: every unit), BENCH_PROFILE (the decoding profile: quick, the default here,
#              or paper, the service's default), BENCH_JAVA_OPTS (extra options of the analyser's JVM, for example
#              -XX:StartFlightRecording=filename=/tmp/info.jfr to profile it), BENCH_SERVER_JAVA_OPTS (the same for
#              the JVM that serves the source from its in-process S3 server).
set -euo pipefail
cd "$(dirname "$0")/.."

UNITS="${1:-100000}"
DIR="${BENCH_DIR:-/tmp/pd-bounded-bench}"
HEAP="${BENCH_HEAP-384m}"
BATCH="${BENCH_BATCH:-8}"
PERMUTATIONS="${BENCH_PERMUTATIONS:-100}"
BOOTSTRAP="${BENCH_BOOTSTRAP:-0}"
BLOCK="${BENCH_BLOCK:-1024}"
ID_HEAP="${BENCH_ID_HEAP-768m}"
ID_MAX_UNITS="${BENCH_ID_MAX_UNITS:-0}"
PROFILE="${BENCH_PROFILE:-quick}"
OBJECTS="${BENCH_OBJECTS:-10}"
TRIALS="${BENCH_TRIALS:-10}"

rm -rf "$DIR" && mkdir -p "$DIR/s3" "$DIR/spill"
./mvnw -q -B -o -pl info-decoder/service,id-estimator/service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="info-decoder/service/target/test-classes:info-decoder/service/target/classes"
CP="$CP:$(cat info-decoder/service/target/bench-classpath.txt)"
ID_CP="id-estimator/service/target/test-classes:id-estimator/service/target/classes"
ID_CP="$ID_CP:$(cat id-estimator/service/target/bench-classpath.txt)"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(java -version 2>&1 | head -1)"
echo "source: $UNITS units x $((OBJECTS * 38)) conditions x $TRIALS trials, batches of $BATCH conditions; analyser -Xmx$HEAP," \
    "unit block $BLOCK, $PERMUTATIONS permutations, $BOOTSTRAP bootstrap resamples, decoding profile $PROFILE"

java -Xmx2g ${BENCH_SERVER_JAVA_OPTS:-} -cp "$CP" org.prunedistill.infodecoder.LayerSource "$DIR/s3" 0 "$UNITS" "$OBJECTS" "$TRIALS" "$BATCH" \
    "$DIR/manifest.pb" > "$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do
    [[ -s "$DIR/manifest.pb.endpoint" ]] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$DIR/server.log"; exit 1; }
    sleep 1
done
[[ -s "$DIR/manifest.pb.endpoint" ]] || { echo "the source was not served within 20 minutes"; exit 1; }

if [[ -n "$HEAP" ]]; then
    echo "== info-decoder: -Xmx$HEAP; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "peak_rss_kb=%M wall_seconds=%e cpu_user_seconds=%U cpu_system_seconds=%S" \
        java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -cp "$CP" org.prunedistill.infodecoder.BoundedAnalysisMain "$(cat "$DIR/manifest.pb.endpoint")" \
        bench "$DIR/manifest.pb" "$DIR/spill" "$DIR/found.properties" "$PERMUTATIONS" "$BOOTSTRAP" "$BLOCK" \
        "$PROFILE" > "$DIR/analyser.log" 2>&1 || { tail -40 "$DIR/analyser.log"; exit 1; }
    grep -E '^peak_rss_kb' "$DIR/analyser.log"
    grep -E '^(spill_seconds|analyse_seconds|seconds\..*|source_bytes|max_heap_bytes|peak_heap_bytes|peak_live_heap_bytes|results)=' "$DIR/found.properties"
    grep -E '^(single-unit-decoding|population-decoding)\.units_(analysed|included)=' "$DIR/found.properties"
    # Digests of the stored per-unit tables: equal digests from two versions mean equal values in every cell.
    grep -E '\.per_unit_sha256=' "$DIR/found.properties"
    grep -E '^(significance\.(share|units_in_source|units_analysed|unit_sample)|mutual-information-object\.(units_analysed|INFORMATION_QUANTITY_OBJECT\.CORRECTION_PANZERI_TREVES\.median))=' \
        "$DIR/found.properties"
    echo "spill files left: $(find "$DIR/spill" -type f | wc -l)"
fi

if [[ -n "$ID_HEAP" ]]; then
    echo "== id-estimator: -Xmx$ID_HEAP, max units $ID_MAX_UNITS (0: all); load: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "peak_rss_kb=%M wall_seconds=%e cpu_user_seconds=%U cpu_system_seconds=%S" \
        java -Xmx"$ID_HEAP" -cp "$ID_CP" org.prunedistill.idestimator.BoundedIdMain \
        "$(cat "$DIR/manifest.pb.endpoint")" bench "$DIR/manifest.pb" "$DIR/spill" "$DIR/id.properties" \
        "$ID_MAX_UNITS" > "$DIR/id.log" 2>&1 || { tail -40 "$DIR/id.log"; exit 1; }
    grep -E '^peak_rss_kb' "$DIR/id.log"
    grep -E '^(spill_seconds|analyse_seconds|max_heap_bytes|peak_live_heap_bytes|results)=' "$DIR/id.properties"
    grep -E '^twonn\.(id|units_in_source|units_analysed|unit_sample)=' "$DIR/id.properties"
    echo "spill files left: $(find "$DIR/spill" -type f | wc -l)"
fi
