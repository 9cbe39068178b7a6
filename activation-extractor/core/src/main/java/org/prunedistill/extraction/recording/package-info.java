/**
 * Recorded areas: spike counts {@code [units, conditions, trials]} read from {@code .npy}, {@code .npz} and NWB/HDF5
 * files ({@link org.prunedistill.extraction.recording.RecordingReader}), held with missing trials as NaN
 * ({@link org.prunedistill.extraction.recording.RecordedResponses}), and units of several sessions aligned into one
 * pseudo-population over shared conditions ({@link org.prunedistill.extraction.recording.PseudoPopulation}).
 *
 * <p>Framework-free: no logging, no I/O beyond reading the file handed in; every refusal is an
 * {@link java.lang.IllegalArgumentException} naming the file (and member or dataset) and the position at fault.
 */
package org.prunedistill.extraction.recording;
