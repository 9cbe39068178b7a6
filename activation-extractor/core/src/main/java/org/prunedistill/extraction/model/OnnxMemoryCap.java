package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Map;

/**
 * A cap on the native memory ONNX Runtime may take for one model ({@code pd.extraction.onnx-memory-mb}), and how many
 * images it may therefore run at once.
 *
 * <p>ONNX Runtime's Java API sets no limit on its CPU arena (the C API's arena {@code max_mem} is not exposed), and
 * the arena keeps the memory of the largest run for as long as the session lives, extending itself by powers of two,
 * so holding up to twice what a run needs. So the cap is kept around ONNX Runtime instead: a batch is cut into runs of
 * at most {@link #imagesPerRun} images, so that the model's bytes held twice (its initializers and their pre-packed
 * copies) plus twice every float activation of the graph for those images fit in the cap. The sum of every
 * activation is an upper bound: ONNX Runtime's planner reuses buffers, so fewer are alive at a time. The arena stays
 * on: without it every run's tensors are fresh pages of the kernel's, and a run of the deep network at 64 px took
 * 2.5 times the CPU (page faults), measured. The activations per image are found by
 * running one all-zero image through a copy of the model whose outputs are every float activation, as
 * {@link LayerCatalog} does; that probe itself holds the model and one image's activations, within the same bound.
 *
 * @param bytes the cap in bytes, at least 1; {@link Long#MAX_VALUE} for none
 */
public record OnnxMemoryCap(long bytes) {

    /** No cap: one run per batch, with ONNX Runtime's arena (tests and offline tools, never a deployment). */
    public static final OnnxMemoryCap NONE = new OnnxMemoryCap(Long.MAX_VALUE);
    private static final long MIB = 1L << 20;
    /** The model's bytes are held twice: the initializers and the pre-packed weights of Conv and Gemm kernels. */
    private static final int MODEL_COPIES = 2;
    /** The arena extends by powers of two, so it may hold up to twice what a run's activations need. */
    private static final int ARENA_GROWTH = 2;

    public OnnxMemoryCap {
        if (bytes < 1) {
            throw new IllegalArgumentException("the ONNX Runtime memory cap must be positive, was " + bytes + " bytes");
        }
    }

    /** A cap of {@code mebibytes} MiB, as {@code pd.extraction.onnx-memory-mb} gives it. */
    public static OnnxMemoryCap ofMebibytes(long mebibytes) {
        if (mebibytes < 1) {
            throw new IllegalArgumentException("pd.extraction.onnx-memory-mb must be at least 1, was " + mebibytes);
        }
        return new OnnxMemoryCap(Math.multiplyExact(mebibytes, MIB));
    }

    /** Whether this is a cap at all. */
    public boolean isCapped() {
        return bytes != Long.MAX_VALUE;
    }

    /**
     * The most images one ONNX Runtime run of this model may take within the cap; {@link Integer#MAX_VALUE} without
     * a cap (nothing is probed then).
     *
     * @param model    the serialised model as it will run
     * @param channels channels of the model input
     * @param side     height and width of the model input
     * @param threads  ONNX Runtime intra-op threads for the probe
     * @throws IllegalArgumentException if the cap is below what one image needs, saying how much that is
     */
    public int imagesPerRun(byte[] model, int channels, int side, int threads) {
        if (!isCapped()) {
            return Integer.MAX_VALUE;
        }
        long fixed = (long) MODEL_COPIES * model.length;
        long perImage = activationBytesPerImage(model, channels, side, threads);
        long images = (bytes - fixed) / (ARENA_GROWTH * perImage);
        if (bytes <= fixed || images < 1) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the ONNX Runtime memory cap of "
                    + "%d MiB (pd.extraction.onnx-memory-mb) is below what one image needs: the model's %.1f MiB held "
                    + "twice plus twice %.1f MiB of activations per image at %d x %d x %d (ONNX Runtime's arena may "
                    + "hold twice what a run needs)", bytes / MIB,
                    model.length / (double) MIB, perImage / (double) MIB, channels, side, side));
        }
        return (int) Math.min(Integer.MAX_VALUE, images);
    }

    /** Bytes of the input and of every float activation of the graph for one image. */
    static long activationBytesPerImage(byte[] model, int channels, int side, int threads) {
        OnnxGraph graph = OnnxGraph.parse(model);
        List<String> activations = graph.candidateNames().subList(1, graph.candidateNames().size());
        long floats = (long) channels * side * side;
        if (!activations.isEmpty()) {
            try (OnnxActivations probe = new OnnxActivations(graph.withOutputs(activations), threads)) {
                for (Map.Entry<String, long[]> output : probe.outputShapes(channels, side).entrySet()) {
                    long[] shape = output.getValue();
                    long perImage = 1;
                    for (int axis = 1; axis < shape.length; axis++) {
                        perImage = Math.multiplyExact(perImage, shape[axis]);
                    }
                    floats += perImage;
                }
            }
        }
        return Math.multiplyExact(floats, Float.BYTES);
    }
}
