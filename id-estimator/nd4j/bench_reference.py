#!/usr/bin/python3
"""Reference timings for bench.sh (not a test, nothing asserted).

  bench_reference.py sgemm SIZE     best float32 SIZE^3 matrix product numpy reaches (5 runs), one JSON line
  bench_reference.py knn FILE K     scikit-learn NearestNeighbors(n_neighbors=K, algorithm='brute') fit + kneighbors
                                    on the float32 .npy FILE, one JSON line with seconds and peak RSS
Run it with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset so that OpenBLAS picks its kernel itself (bench.sh does).
"""
import json
import resource
import sys
import time

import numpy as np


def blas_info():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    return "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} "
                     f"threads={i.get('num_threads')}" for i in threadpool_info() if i.get("user_api") == "blas")


def sgemm(size):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((size, size), dtype=np.float32)
    b = rng.standard_normal((size, size), dtype=np.float32)
    a @ b
    best = min(timed(lambda: a @ b) for _ in range(5))
    print(json.dumps({"size": size, "seconds": best, "gflops": 2.0 * size ** 3 / best / 1e9, "blas": blas_info()}))


def knn(path, k):
    from sklearn import __version__ as sklearn_version
    from sklearn.neighbors import NearestNeighbors
    x = np.load(path)
    start = time.perf_counter()
    distances, _ = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(x).kneighbors(x)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"n": x.shape[0], "d": x.shape[1], "seconds": seconds, "peak_rss_bytes": peak,
                      "sklearn": sklearn_version, "blas": blas_info(),
                      "mean_kth_distance": float(distances[:, -1].mean())}))


def timed(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


if __name__ == "__main__":
    if sys.argv[1] == "sgemm":
        sgemm(int(sys.argv[2]))
    else:
        knn(sys.argv[2], int(sys.argv[3]))
