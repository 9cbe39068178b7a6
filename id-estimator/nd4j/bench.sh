#!/usr/bin/env bash
# Benchmark of exact neighbours + TwoNN + multiscale GRIDE (k = 64) against scikit-learn, numpy's best sgemm and the
# same square product by the OpenBLAS the search calls (the screening products are rated against it).
# Not a test: nothing is asserted. See README.md ("Benchmark") for what it prints.
#
#   id-estimator/nd4j/bench.sh [--quick] [--sizes 2000,5000] [--dims 512,4096] [--cap-bytes B] [--budget-bytes B]
#                              [--no-reference] [--work DIR]
#   --quick          N in {2000, 5000, 10000} x D in {512, 4096}
#   --cap-bytes      skip combinations whose float32 input N*D*4 exceeds this (default 3 GiB)
#   --budget-bytes   working-memory budget of the neighbour search (default 2 GiB)
#   --no-reference   skip scikit-learn and numpy
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for every run (Java, numpy, scikit-learn): each OpenBLAS picks its
# own kernel, its best. The kernels used are printed.
# Both sides run with large mallocs on transparent huge pages and OpenBLAS's idle threads asleep at once (README.md,
# Which environment); scikit-learn's time does not change with them. Java gets the Vector API where the JDK has it.
set -euo pipefail
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"
export OPENBLAS_THREAD_TIMEOUT=4
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="2000,5000,10000,20000"
dims="512,4096,32768"
cap=$((3 * 1024 * 1024 * 1024))
budget=$((2 * 1024 * 1024 * 1024))
reference=1
work="${TMPDIR:-/tmp}/pd-neighbour-bench"
python=/usr/bin/python3
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) sizes="2000,5000,10000"; dims="512,4096" ;;
        --sizes) sizes="$2"; shift ;;
        --dims) dims="$2"; shift ;;
        --cap-bytes) cap="$2"; shift ;;
        --budget-bytes) budget="$2"; shift ;;
        --no-reference) reference=0 ;;
        --work) work="$2"; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
# The reference side needs Debian's scikit-learn and numpy on OpenBLAS (numpy on the reference BLAS would be a
# hundred times slower than the machine allows): say what to install before anything is built or measured.
if [ "$reference" = 1 ]; then
    if ! "$python" -c 'import sklearn, numpy' 2> /dev/null; then
        echo "bench.sh: $python cannot import scikit-learn and numpy: apt-get install -y python3-sklearn" \
             "python3-numpy libopenblas0-pthread (or run with --no-reference)" >&2
        exit 2
    fi
    if ! ldconfig -p | grep -q 'libopenblas'; then
        echo "bench.sh: no OpenBLAS library, so numpy would use the reference BLAS: apt-get install -y" \
             "libopenblas0-pthread (or run with --no-reference)" >&2
        exit 2
    fi
fi
mvn=mvn; [ -x "$root/mvnw" ] && mvn="$root/mvnw"
mkdir -p "$work"
# The benchmark's Java side lives in the benchmarks module; the reactor resolves the project's own modules to their
# target/classes, so nothing is installed into the local repository.
"$mvn" -q -B -o -f "$root/pom.xml" -pl benchmarks -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/bench-classpath.txt")"
results="$work/results.tsv"
: > "$results"
rm -f "$work/sgemm.json" "$work/java-sgemm.json"   # a reference from an earlier run is not this run's

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
# The Vector API for the exact distances where the JDK has it, as the services run (README.md, Which environment).
java=(java --add-modules=ALL-SYSTEM)
probe="$(OPENBLAS_VERBOSE=2 "${java[@]}" -cp "$cp" org.prunedistill.bench.NeighbourBenchmark 100 8 2 2>&1 || true)"
echo "ND4J OpenBLAS kernel: $(grep -m1 'Core:' <<< "$probe" || echo unknown); $(grep -m1 'exact pass:' <<< "$probe" \
     || echo 'exact pass: unknown'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# The same square product by the OpenBLAS the search calls: the rate its block products are compared with.
blas="$("${java[@]}" -cp "$cp" org.prunedistill.bench.BlasProductBenchmark 4096 2> /dev/null)"
echo "Java OpenBLAS sgemm 4096^3: $blas"
echo "$blas" > "$work/java-sgemm.json"
if [ "$reference" = 1 ]; then
    sgemm="$("$python" "$here/bench_reference.py" sgemm 4096)"
    echo "numpy sgemm 4096^3: $sgemm"
    echo "$sgemm" > "$work/sgemm.json"
fi
IFS=, read -r -a ns <<< "$sizes"
IFS=, read -r -a ds <<< "$dims"
for n in "${ns[@]}"; do
    for d in "${ds[@]}"; do
        bytes=$((n * d * 4))
        if [ "$bytes" -gt "$cap" ]; then
            echo "skip N=$n D=$d: input $bytes bytes exceeds the cap $cap"
            continue
        fi
        heap_mb=$(( (bytes * 3 / 2) / 1048576 + 2048 ))
        npy="$work/points-$n-$d.npy"
        args=("$n" "$d" 64 "$budget" 1)
        [ "$reference" = 1 ] && args+=("$npy")
        line="$("${java[@]}" -Xmx${heap_mb}m -cp "$cp" org.prunedistill.bench.NeighbourBenchmark "${args[@]}" \
            2> "$work/java-$n-$d.log")"
        sk="{}"
        if [ "$reference" = 1 ]; then
            sk="$("$python" "$here/bench_reference.py" knn "$npy" 65)"
            rm -f "$npy"
        fi
        printf '%s\t%s\n' "$line" "$sk" | tee -a "$results"
        echo "load average after N=$n D=$d: $(cut -d' ' -f1-3 /proc/loadavg)"
    done
done
"$python" - "$results" "$work/sgemm.json" "$work/java-sgemm.json" <<'PY'
import json, os, sys
best = json.load(open(sys.argv[2]))["gflops"] if os.path.exists(sys.argv[2]) else None
java_blas = json.load(open(sys.argv[3]))["gflops"]
print()
print("| N | D | neighbours s | total s | peak RSS GB | GFLOP/s (2N^2D/total) | % of numpy sgemm "
      "| sklearn s | sklearn peak GB | speed-up vs sklearn | rescanned | plan | TwoNN | MLE "
      "| centring/products/keys/exact s | products GFLOP/s (N^2D/s) | % of Java's sgemm |")
print("|" + "---|" * 17)
for row in open(sys.argv[1]):
    f = row.rstrip("\n").split("\t")
    sk = json.loads(f[14])
    total, gflops = float(f[4]), float(f[5])
    pct = f"{100 * gflops / best:.0f}%" if best else "-"
    sks = f"{sk['seconds']:.2f}" if sk else "-"
    skm = f"{sk['peak_rss_bytes'] / 1e9:.2f}" if sk else "-"
    ratio = f"{sk['seconds'] / total:.2f}x" if sk else "-"
    # The screening multiplies each pair once: N^2 / 2 pairs x D multiply-adds x 2 flops = N^2 D flops.
    product_rate = int(f[0]) ** 2 * int(f[1]) / float(f[13].split("/")[1]) / 1e9
    print(f"| {f[0]} | {f[1]} | {float(f[3]):.2f} | {total:.2f} | {int(f[6]) / 1e9:.2f} | {gflops:.0f} | {pct} "
          f"| {sks} | {skm} | {ratio} | {f[8]} | {f[9]} | {float(f[10]):.1f} | {float(f[11]):.1f} | {f[13]} "
          f"| {product_rate:.0f} | {100 * product_rate / java_blas:.0f}% |")
print(f"\nJava's OpenBLAS float32 4096^3 product: {java_blas:.0f} GFLOP/s")
if best:
    print(f"numpy float32 4096^3 product: {best:.0f} GFLOP/s")
PY
