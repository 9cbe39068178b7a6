#!/usr/bin/python3
"""Writes the small recording fixtures read by org.prunedistill.extraction.recording tests.

Run from anywhere with Debian's python3-numpy and python3-h5py:

    /usr/bin/python3 activation-extractor/core/src/test/python/make_recording_fixtures.py

The outputs are committed under src/test/resources/recordings, so the tests never need Python. Every value follows
value(unit, condition, trial) = 100 * unit + 10 * condition + trial (plus an offset per file, given below), so a
test can check any element by hand; NaN marks a missing trial at the positions listed next to each file.
"""
import os

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "recordings")


def grid(units, conditions, trials, offset=0.0, dtype=np.float32):
    u, c, t = np.meshgrid(np.arange(units), np.arange(conditions), np.arange(trials), indexing="ij")
    return (offset + 100 * u + 10 * c + t).astype(dtype)


def main():
    os.makedirs(OUT, exist_ok=True)

    # float32 [3, 4, 5]; NaN at (0, 1, 2), (2, 3, 0), (2, 3, 1).
    nan_trials = grid(3, 4, 5)
    nan_trials[0, 1, 2] = np.nan
    nan_trials[2, 3, 0] = np.nan
    nan_trials[2, 3, 1] = np.nan
    np.save(os.path.join(OUT, "nan_trials.npy"), nan_trials)

    # float64 [3, 2, 2], offset 0.5; unit 1 has no valid trial at all (a silent, lost unit).
    silent = grid(3, 2, 2, offset=0.5, dtype=np.float64)
    silent[1, :, :] = np.nan
    np.save(os.path.join(OUT, "silent_unit_f64.npy"), silent)

    # int32 spike counts [2, 3, 4].
    np.save(os.path.join(OUT, "counts_i4.npy"), grid(2, 3, 4, dtype=np.int32))

    # numpy.savez (stored): float64 [2, 3, 4], NaN at (1, 2, 3); unit ids 11, 42; session "rat1-day1".
    stored = grid(2, 3, 4, dtype=np.float64)
    stored[1, 2, 3] = np.nan
    np.savez(os.path.join(OUT, "session_stored.npz"), responses=stored,
             unit_ids=np.array([11, 42], dtype=np.int64), session=np.array("rat1-day1"))

    # numpy.savez_compressed (deflated): int16 counts [3, 2, 3], offset 1; string unit ids; session "rat2".
    np.savez_compressed(os.path.join(OUT, "session_compressed.npz"), responses=grid(3, 2, 3, offset=1, dtype=np.int16),
                        unit_ids=np.array(["V1-a", "V1-b", "LM-c"]), session=np.array("rat2"))

    # An archive whose responses are under another name, float32 [1, 2, 2].
    np.savez(os.path.join(OUT, "spikes_member.npz"), spikes=grid(1, 2, 2), stimulus=np.arange(2))

    # NWB-like HDF5: /processing/ecephys/spike_counts/data float32 [3, 2, 4], chunked and gzip-compressed,
    # NaN at (2, 1, 3); /units/id = 5, 6, 7; /general/session_id = "rat3-day2".
    nwb = grid(3, 2, 4)
    nwb[2, 1, 3] = np.nan
    with h5py.File(os.path.join(OUT, "nwb_like.h5"), "w") as f:
        f.attrs["nwb_version"] = "2.6.0"
        f.create_dataset("session_description", data="prune-distill recording fixture")
        f.create_dataset("identifier", data="fixture-nwb-like")
        f.create_dataset("general/session_id", data="rat3-day2")
        f.create_dataset("processing/ecephys/spike_counts/data", data=nwb, chunks=(1, 2, 4), compression="gzip")
        f.create_dataset("units/id", data=np.array([5, 6, 7], dtype=np.int64))

    # Project convention: /prune_distill/responses float64 [2, 2, 3], offset 0.25; string unit ids; session.
    with h5py.File(os.path.join(OUT, "prune_distill.h5"), "w") as f:
        f.create_dataset("prune_distill/responses", data=grid(2, 2, 3, offset=0.25, dtype=np.float64))
        f.create_dataset("prune_distill/unit_ids", data=np.array([b"LL-1", b"LL-2"]))
        f.create_dataset("prune_distill/session", data="rat4")

    # An HDF5 file in neither layout.
    with h5py.File(os.path.join(OUT, "other_layout.h5"), "w") as f:
        f.create_dataset("acquisition/ElectricalSeries/data", data=np.zeros((4, 2), dtype=np.float32))
        f.create_dataset("stimulus/presentation/times", data=np.arange(3, dtype=np.float64))


if __name__ == "__main__":
    main()
