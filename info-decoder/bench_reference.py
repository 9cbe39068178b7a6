#!/usr/bin/python3
"""NumPy reference for info-decoder/bench.sh: the same single-unit estimators as the Java core, vectorised over units.

Per unit (SCIENCE.md 4.2-4.3): equipopulated binning into 3 bins with the tie rule (edges x_(floor(k N / nb) - 1),
label = number of edges strictly exceeded), plug-in MI, Panzeri-Treves with the Bayesian bin count (pyentropy
pt_bayescount, vectorised with masks), quadratic extrapolation in stored trial order (least
squares through the full set, halves and quarters per stimulus at their actual trial counts), and optionally the permutation p-value of the plug-in value
((1 + #null >= observed) / (1 + permutations), stimulus labels permuted over all trials).

Usage: bench_reference.py DIR PERMUTATIONS [UNITS]   (UNITS: time only the first UNITS units)
Reads DIR/responses.npy float32 [units, conditions, trials]; compares with DIR/java_p<PERMUTATIONS>.npy when present.
"""
import sys
import time

import numpy as np

BINS = 3
CHUNK = 128
TIMED_RUNS = 3
EPS = np.finfo(np.float64).eps


def equipopulated(values, bins):
    """Labels [units, n] of each row, the tie rule of SCIENCE.md 4.2."""
    n = values.shape[1]
    ordered = np.sort(values, axis=1)
    labels = np.zeros(values.shape, dtype=np.int64)
    for k in range(1, bins):
        edge = ordered[:, (k * n) // bins - 1]
        labels += values > edge[:, None]
    return labels


def joint_counts(labels, stimuli, stimulus_count, bins):
    """Counts [units, stimuli, bins]."""
    units = labels.shape[0]
    index = (np.arange(units)[:, None] * stimulus_count + stimuli[None, :]) * bins + labels
    return np.bincount(index.ravel(), minlength=units * stimulus_count * bins).reshape(units, stimulus_count, bins)


def plugin(counts):
    """Plug-in MI in bits per unit from counts [units, stimuli, bins]."""
    counts = counts.astype(np.float64)
    n = counts.sum(axis=(1, 2))
    ns = counts.sum(axis=2, keepdims=True)
    nr = counts.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = counts * np.log(counts * n[:, None, None] / (ns * nr))
    return np.where(counts > 0, terms, 0.0).sum(axis=(1, 2)) / (n * np.log(2.0))


def bayes_count(p, nt):
    """Relevant bins of probability rows p [m, dim] from nt [m] trials (pt_bayescount, vectorised)."""
    dim = p.shape[1]
    nz = p > EPS
    rn = nz.sum(axis=1).astype(np.float64)
    todo = rn < dim
    missed = np.where(nz, (1.0 - p) ** nt[:, None], 0.0).sum(axis=1)
    delta = np.abs(rn - (rn - missed))
    prev = np.full(rn.shape, float(dim))
    x = np.zeros(rn.shape)
    shrink = 1.0 - (nt / (nt + rn)) ** (1.0 / nt)
    active = todo.copy()
    for _ in range(dim):
        active &= (delta < prev) & (rn + x < dim)
        if not active.any():
            break
        x = np.where(active, x + 1, x)
        g = x * shrink
        scale = (1.0 - g) / (nt + rn)
        expected = np.where(nz, 1.0 - (1.0 - scale[:, None] * (p * nt[:, None] + 1.0)) ** nt[:, None], 0.0).sum(1)
        with np.errstate(divide="ignore", invalid="ignore"):
            expected += np.where(x > 0, x * (1.0 - (1.0 - g / np.maximum(x, 1)) ** nt), 0.0)
        prev = np.where(active, delta, prev)
        delta = np.where(active, np.abs(rn - expected), delta)
    relevant = rn + x - 1.0 + (delta < prev)
    return np.where(todo, relevant, float(dim))


def panzeri_treves(counts):
    """Plug-in minus the Bayesian PT bias, bits per unit."""
    units, stimuli, bins = counts.shape
    counts = counts.astype(np.float64)
    ns = counts.sum(axis=2)
    n = ns.sum(axis=1)
    flat = counts.reshape(-1, bins)
    nsf = ns.ravel()
    present = nsf > 0
    r_s = np.zeros(nsf.shape)
    r_s[present] = bayes_count(flat[present] / nsf[present, None], nsf[present])
    r_s = np.where(present, r_s - 1.0, 0.0).reshape(units, stimuli).sum(axis=1)
    r = bayes_count(counts.sum(axis=1) / n[:, None], n) - 1.0
    return plugin(counts) - (r_s - r) / (2.0 * n * np.log(2.0))


def quadratic_extrapolation(labels, stimuli, stimulus_count, trials):
    """QE in stored order; trials are condition-major with the same count per stimulus.

    Halves and quarters are cut as evenly as possible, the first parts one trial larger (quarters of 10 trials: 3, 3,
    2, 2), and I = I_inf + a/N + b/N^2 is fitted by least squares through the seven values at their actual counts.
    """
    units = labels.shape[0]
    grouped = labels.reshape(units, stimulus_count, trials)

    def parts(count):
        sizes = [trials // count + (1 if k < trials % count else 0) for k in range(count)]
        start = 0
        for size in sizes:
            sub = grouped[:, :, start:start + size].reshape(units, -1)
            start += size
            sub_stimuli = np.repeat(np.arange(stimulus_count), size)
            yield size * stimulus_count, plugin(joint_counts(sub, sub_stimuli, stimulus_count, BINS))

    points = [(trials * stimulus_count, plugin(joint_counts(labels, stimuli, stimulus_count, BINS)))]
    points += list(parts(2)) + list(parts(4))
    inverse = np.array([1.0 / n for n, _ in points])
    design = np.stack([np.ones_like(inverse), inverse, inverse ** 2], axis=1)
    values = np.stack([bits for _, bits in points], axis=0)
    coefficients, *_ = np.linalg.lstsq(design, values, rcond=None)
    return coefficients[0]


def p_values(labels, stimuli, stimulus_count, permutations, rng):
    observed = plugin(joint_counts(labels, stimuli, stimulus_count, BINS))
    at_least = np.zeros(labels.shape[0])
    tiled = np.tile(stimuli, (labels.shape[0], 1))
    for _ in range(permutations):
        permuted = rng.permuted(tiled, axis=1)
        at_least += plugin(joint_counts(labels, permuted, stimulus_count, BINS)) >= observed
    return (1.0 + at_least) / (1.0 + permutations)


def main():
    directory = sys.argv[1]
    permutations = int(sys.argv[2])
    data = np.load(directory + "/responses.npy")
    units_total, conditions, trials = data.shape
    units = int(sys.argv[3]) if len(sys.argv) > 3 else units_total
    stimuli = np.repeat(np.arange(conditions), trials)
    runs = [run(data, units, conditions, trials, stimuli, permutations) for _ in range(TIMED_RUNS)]
    seconds = sorted(r[1] for r in runs)[TIMED_RUNS // 2]
    cpu_seconds = sorted(r[2] for r in runs)[TIMED_RUNS // 2]
    out = runs[0][0]
    scale = units_total / units
    print(f"numpy units={units} of {units_total} conditions={conditions} trials={trials} "
          f"permutations={permutations} seconds={seconds:.3f} cpu_seconds={cpu_seconds:.3f} "
          f"scaled_to_all_units: seconds={seconds * scale:.3f} cpu_seconds={cpu_seconds * scale:.3f} "
          f"(median of {TIMED_RUNS} runs; runs: {[round(r[1], 3) for r in runs]} s)")
    compare(directory, permutations, units, out)


def run(data, units, conditions, trials, stimuli, permutations):
    """One timed pass over the first UNITS units: (results [units, 4], wall seconds, CPU seconds)."""
    rng = np.random.default_rng(2017)
    out = np.full((units, 4), np.nan)
    start = time.perf_counter()
    cpu_start = time.process_time()
    for first in range(0, units, CHUNK):
        block = data[first:min(first + CHUNK, units)].reshape(-1, conditions * trials).astype(np.float64)
        labels = equipopulated(block, BINS)
        counts = joint_counts(labels, stimuli, conditions, BINS)
        rows = slice(first, first + block.shape[0])
        out[rows, 0] = plugin(counts)
        out[rows, 1] = panzeri_treves(counts)
        out[rows, 2] = quadratic_extrapolation(labels, stimuli, conditions, trials)
        if permutations > 0:
            out[rows, 3] = p_values(labels, stimuli, conditions, permutations, rng)
    return out, time.perf_counter() - start, time.process_time() - cpu_start


def compare(directory, permutations, units, out):
    """Agreement with the Java results of the same units, when present."""
    try:
        java = np.load(f"{directory}/java_p{permutations}.npy")[:units]
    except FileNotFoundError:
        return
    for column, name in enumerate(["plugin", "pt", "qe"]):
        print(f"compare {name}: max |java - numpy| = {np.max(np.abs(java[:, column] - out[:, column])):.3e}")
    if permutations > 0:
        alpha = 0.05
        agree = np.mean((java[:, 3] < alpha) == (out[:, 3] < alpha))
        print(f"compare p: mean |java - numpy| = {np.mean(np.abs(java[:, 3] - out[:, 3])):.4f}, "
              f"significance at {alpha} agrees for {100 * agree:.2f}% of units (independent permutations)")


if __name__ == "__main__":
    main()
