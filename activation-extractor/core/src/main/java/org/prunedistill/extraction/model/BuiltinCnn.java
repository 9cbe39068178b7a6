package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Objects;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

/**
 * A small convolutional network written as an ONNX model: with He-normal random weights ({@link #random}, the
 * "untrained" checkpoint of the layer comparisons) or with given weights ({@link #fromWeights}, e.g. the trained
 * checkpoints of {@link BuiltinCheckpoints}).
 *
 * <p>Architecture, for one-channel images of side S (shapes per image, C x H x W):
 * <pre>
 * pixels  [1, S, S]
 * conv1   8 filters 5x5, stride 1, pad 2  -> Relu -> MaxPool 2x2 stride 2  = pool1  [8, S/2, S/2]
 * conv2  16 filters 3x3, stride 1, pad 1  -> Relu -> MaxPool 2x2 stride 2  = pool2  [16, S/4, S/4]
 * Flatten -> Gemm 64 (transB = 1) -> Relu                                   = fc1    [64]
 * Gemm classes (transB = 1)                                                 = logits [classes]
 * </pre>
 * (S/2 and S/4 round down, as MaxPool without padding does.) The batch dimension is the symbolic "N". pool1,
 * pool2, fc1 and logits are all graph outputs. Random weights are {@link CnnWeights#heNormal}, so the same seed
 * yields the same bytes on every JVM; the same weights always yield the same bytes. Relative depth counts the 4 conv
 * and dense operations. Immutable.
 */
public final class BuiltinCnn {

    /** Name of the input tensor (and of the input "layer"). */
    public static final String INPUT = "pixels";
    /** Number of conv + dense operations, the denominator of relative depth. */
    private static final int WEIGHTED_OPERATIONS = 4;
    private static final int CONV1_FILTERS = CnnWeights.CONV1_FILTERS;
    private static final int CONV1_KERNEL = CnnWeights.CONV1_KERNEL;
    private static final int CONV2_FILTERS = CnnWeights.CONV2_FILTERS;
    private static final int CONV2_KERNEL = CnnWeights.CONV2_KERNEL;
    private static final int FC1_UNITS = CnnWeights.FC1_UNITS;

    private final long seed;
    private final int imageSize;
    private final int classes;
    private final CnnWeights weights;
    private final byte[] onnxBytes;
    private final String sha256;
    private final List<LayerInfo> layers;

    private BuiltinCnn(long seed, CnnWeights weights) {
        this.seed = seed;
        this.weights = weights;
        this.imageSize = weights.imageSize();
        this.classes = weights.classes();
        this.layers = layers(imageSize, classes);
        this.onnxBytes = write(weights);
        this.sha256 = digest(onnxBytes);
    }

    /**
     * Creates a network with He-normal random weights.
     *
     * @param seed      weight seed
     * @param imageSize input side S in pixels, at least 4
     * @param classes   number of logits (objects), at least 1
     * @throws IllegalArgumentException naming the parameter when out of range
     */
    public static BuiltinCnn random(long seed, int imageSize, int classes) {
        return new BuiltinCnn(seed, CnnWeights.heNormal(seed, imageSize, classes));
    }

    /**
     * Creates a network with the given weights (image size and classes come from them).
     *
     * @param weights the parameters, in ONNX layouts
     * @param seed    provenance only, returned by {@link #seed()}: the seed the weights came from (for trained
     *                checkpoints, the training seed)
     */
    public static BuiltinCnn fromWeights(CnnWeights weights, long seed) {
        return new BuiltinCnn(seed, Objects.requireNonNull(weights, "weights"));
    }

    /** The serialised ONNX model (a copy). */
    public byte[] onnxBytes() {
        return onnxBytes.clone();
    }

    /** Lower-case hex SHA-256 of {@link #onnxBytes()}; identifies the checkpoint. */
    public String sha256() {
        return sha256;
    }

    /** Readable layers in hierarchical order: pixels, pool1, pool2, fc1, logits. */
    public List<LayerInfo> layers() {
        return layers;
    }

    /** The parameters written into the model. */
    public CnnWeights weights() {
        return weights;
    }

    /** Weight seed of {@link #random}, or the provenance seed given to {@link #fromWeights}. */
    public long seed() {
        return seed;
    }

    /** Input side in pixels. */
    public int imageSize() {
        return imageSize;
    }

    /** Number of logits. */
    public int classes() {
        return classes;
    }

    /** The readable layers of the architecture for the given input side and classes. */
    static List<LayerInfo> layers(int imageSize, int classes) {
        int s1 = imageSize / 2;
        int s2 = s1 / 2;
        return List.of(
                new LayerInfo(INPUT, 0, 0.0, imageSize * imageSize),
                new LayerInfo("pool1", 1, 1.0 / WEIGHTED_OPERATIONS, CONV1_FILTERS * s1 * s1),
                new LayerInfo("pool2", 2, 2.0 / WEIGHTED_OPERATIONS, CONV2_FILTERS * s2 * s2),
                new LayerInfo("fc1", 3, 3.0 / WEIGHTED_OPERATIONS, FC1_UNITS),
                new LayerInfo("logits", 4, 4.0 / WEIGHTED_OPERATIONS, classes));
    }

    private static byte[] write(CnnWeights w) {
        int s = w.imageSize();
        int classes = w.classes();
        int s1 = s / 2;
        int s2 = s1 / 2;
        int flat = CnnWeights.flatUnits(s);
        Dim n = Dim.symbolic("N");
        OnnxModelWriter model = OnnxModelWriter.graph("builtin_cnn")
                .input(INPUT, n, Dim.of(1), Dim.of(s), Dim.of(s))
                .initializer("conv1.weight", w.conv1Weight(), CONV1_FILTERS, 1, CONV1_KERNEL, CONV1_KERNEL)
                .initializer("conv1.bias", w.conv1Bias(), CONV1_FILTERS)
                .initializer("conv2.weight", w.conv2Weight(), CONV2_FILTERS, CONV1_FILTERS, CONV2_KERNEL,
                        CONV2_KERNEL)
                .initializer("conv2.bias", w.conv2Bias(), CONV2_FILTERS)
                .initializer("fc1.weight", w.fc1Weight(), FC1_UNITS, flat)
                .initializer("fc1.bias", w.fc1Bias(), FC1_UNITS)
                .initializer("logits.weight", w.logitsWeight(), classes, FC1_UNITS)
                .initializer("logits.bias", w.logitsBias(), classes);
        convBlock(model, "1", INPUT, CONV1_KERNEL, "pool1");
        convBlock(model, "2", "pool1", CONV2_KERNEL, "pool2");
        model.node("Flatten", "flatten", List.of("pool2"), List.of("flat"), Attribute.ofInt("axis", 1))
                .node("Gemm", "fc1_gemm", List.of("flat", "fc1.weight", "fc1.bias"), List.of("fc1_linear"),
                        Attribute.ofInt("transB", 1))
                .node("Relu", "fc1_relu", List.of("fc1_linear"), List.of("fc1"))
                .node("Gemm", "logits_gemm", List.of("fc1", "logits.weight", "logits.bias"), List.of("logits"),
                        Attribute.ofInt("transB", 1))
                .output("pool1", n, Dim.of(CONV1_FILTERS), Dim.of(s1), Dim.of(s1))
                .output("pool2", n, Dim.of(CONV2_FILTERS), Dim.of(s2), Dim.of(s2))
                .output("fc1", n, Dim.of(FC1_UNITS))
                .output("logits", n, Dim.of(classes));
        return model.toBytes();
    }

    /** Conv (same padding) -> Relu -> MaxPool 2x2 stride 2. */
    private static void convBlock(OnnxModelWriter model, String k, String input, int kernel, String output) {
        int pad = kernel / 2;
        model.node("Conv", "conv" + k, List.of(input, "conv" + k + ".weight", "conv" + k + ".bias"),
                        List.of("conv" + k + "_out"),
                        Attribute.ofInts("kernel_shape", kernel, kernel),
                        Attribute.ofInts("pads", pad, pad, pad, pad),
                        Attribute.ofInts("strides", 1, 1))
                .node("Relu", "relu" + k, List.of("conv" + k + "_out"), List.of("relu" + k + "_out"))
                .node("MaxPool", "maxpool" + k, List.of("relu" + k + "_out"), List.of(output),
                        Attribute.ofInts("kernel_shape", 2, 2),
                        Attribute.ofInts("strides", 2, 2));
    }

    /** Lower-case hex SHA-256 of the bytes. */
    static String digest(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
