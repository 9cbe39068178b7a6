package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a VGG-like network (Simonyan and Zisserman 2015): stages of {@code convsPerStage} 3x3 convolutions
 * (stride 1, pad 1, each followed by Relu), each stage closed by a 2x2 stride-2 max-pool; then a global average pool,
 * the dense layers (each Gemm followed by Relu) and the logits (a Gemm). {@link #deep} is the built-in deep network
 * of the project; smaller instances exist for tests.
 *
 * <p>The global average pool (instead of VGG's flatten) keeps the first dense layer at {@code stageWidths.last x
 * denseWidths.first} weights: with a flattened 4 x 4 x 256 map it alone would hold a million, more than all eight
 * convolutions together, and the checkpoints would not fit the repository.
 *
 * @param imageSize     input side S in pixels; a multiple of 2^stages, so every pooling halves it exactly
 * @param inputChannels input channels (3 for RGB)
 * @param stageWidths   output channels of the convolutions of each stage
 * @param convsPerStage 3x3 convolutions per stage
 * @param denseWidths   units of the dense layers before the logits
 * @param classes       number of logits
 */
public record DeepCnnArchitecture(int imageSize, int inputChannels, List<Integer> stageWidths, int convsPerStage,
                                  List<Integer> denseWidths, int classes) {

    /** Side of every convolution kernel. */
    public static final int KERNEL = 3;

    /** One parameter tensor: its ONNX initializer name, dimensions (ONNX layout) and fan-in. */
    public record Parameter(String name, int[] dims, int fanIn, boolean weight) {
        /** Number of values. */
        public int size() {
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }

        @Override
        public int[] dims() {
            return dims.clone();
        }
    }

    /** @throws IllegalArgumentException naming the parameter when out of range */
    public DeepCnnArchitecture {
        stageWidths = List.copyOf(stageWidths);
        denseWidths = List.copyOf(denseWidths);
        require(!stageWidths.isEmpty(), "stageWidths must not be empty");
        require(stageWidths.stream().allMatch(w -> w >= 1), "stageWidths must be >= 1, were " + stageWidths);
        require(denseWidths.stream().allMatch(w -> w >= 1), "denseWidths must be >= 1, were " + denseWidths);
        require(inputChannels >= 1, "inputChannels must be >= 1, was " + inputChannels);
        require(convsPerStage >= 1, "convsPerStage must be >= 1, was " + convsPerStage);
        require(classes >= 2, "classes must be >= 2, was " + classes);
        int reduction = 1 << stageWidths.size();
        require(imageSize >= reduction && imageSize % reduction == 0,
                "imageSize must be a positive multiple of 2^stages = " + reduction + ", was " + imageSize);
    }

    /** The built-in deep network: RGB, stages of 2 convolutions 32, 64, 128, 256 wide, dense 256, 256. */
    public static DeepCnnArchitecture deep(int imageSize, int classes) {
        return new DeepCnnArchitecture(imageSize, 3, List.of(32, 64, 128, 256), 2, List.of(256, 256), classes);
    }

    /** Number of stages (poolings). */
    public int stages() {
        return stageWidths.size();
    }

    /** Side of the maps inside stage {@code stage} (0-based), before its pooling. */
    public int side(int stage) {
        return imageSize >> stage;
    }

    /** Channels after the last stage (the global pool's width). */
    public int pooledWidth() {
        return stageWidths.get(stages() - 1);
    }

    /** Conv and dense operations, the denominator of relative depth (SCIENCE.md 3.7). */
    public int weightedOperations() {
        return stages() * convsPerStage + denseWidths.size() + 1;
    }

    /**
     * Every parameter in vector order: for each convolution its weight [out, in, 3, 3] and bias, then for each dense
     * layer and the logits its weight [out, in] (Gemm transB = 1) and bias.
     */
    public List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        int in = inputChannels;
        for (int stage = 0; stage < stages(); stage++) {
            int out = stageWidths.get(stage);
            for (int conv = 0; conv < convsPerStage; conv++) {
                String name = convName(stage, conv);
                list.add(new Parameter(name + ".weight", new int[] {out, in, KERNEL, KERNEL}, in * KERNEL * KERNEL,
                        true));
                list.add(new Parameter(name + ".bias", new int[] {out}, in * KERNEL * KERNEL, false));
                in = out;
            }
        }
        for (int d = 0; d <= denseWidths.size(); d++) {
            int out = d < denseWidths.size() ? denseWidths.get(d) : classes;
            list.add(new Parameter(denseName(d) + ".weight", new int[] {out, in}, in, true));
            list.add(new Parameter(denseName(d) + ".bias", new int[] {out}, in, false));
            in = out;
        }
        return List.copyOf(list);
    }

    /** Total number of parameters. */
    public int parameterCount() {
        return parameters().stream().mapToInt(Parameter::size).sum();
    }

    /**
     * The probed layers in hierarchical order (SCIENCE.md 1): the input, every pooling output (pool1 .. poolK and the
     * global pool {@code gap}), every dense output before its Relu (fc1 ..) and the logits.
     */
    public List<LayerInfo> layers() {
        double total = weightedOperations();
        List<LayerInfo> layers = new ArrayList<>();
        layers.add(new LayerInfo(BuiltinCnn.INPUT, 0, 0.0, inputChannels * imageSize * imageSize));
        for (int stage = 0; stage < stages(); stage++) {
            int pooled = side(stage) / 2;
            layers.add(new LayerInfo(poolName(stage), layers.size(), (stage + 1) * convsPerStage / total,
                    stageWidths.get(stage) * pooled * pooled));
        }
        int convs = stages() * convsPerStage;
        layers.add(new LayerInfo(GLOBAL_POOL, layers.size(), convs / total, pooledWidth()));
        for (int d = 0; d <= denseWidths.size(); d++) {
            int units = d < denseWidths.size() ? denseWidths.get(d) : classes;
            layers.add(new LayerInfo(denseName(d), layers.size(), (convs + d + 1) / total, units));
        }
        return List.copyOf(layers);
    }

    /** Name of the global average pool layer. */
    public static final String GLOBAL_POOL = "gap";

    /** "conv{stage+1}_{conv+1}". */
    static String convName(int stage, int conv) {
        return "conv" + (stage + 1) + "_" + (conv + 1);
    }

    /** "pool{stage+1}". */
    static String poolName(int stage) {
        return "pool" + (stage + 1);
    }

    /** "fc{d+1}" for the dense layers, "logits" after them. */
    String denseName(int d) {
        return d < denseWidths.size() ? "fc" + (d + 1) : "logits";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
