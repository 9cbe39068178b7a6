package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

/**
 * The deep built-in network ({@value #MODEL}): a {@link DeepCnnArchitecture} with given weights, written as an ONNX
 * model with {@link OnnxModelWriter} (the same writer and conventions as {@link BuiltinCnn}, the small network).
 *
 * <p>Graph, for input {@code pixels} [N, C, S, S] (N symbolic): per stage, ({@code Conv 3x3 pad 1 -> Relu}) x
 * convsPerStage, then {@code MaxPool 2x2 stride 2} = pool1, pool2, ...; {@code GlobalAveragePool -> Flatten} = gap;
 * per dense layer {@code Gemm (transB = 1)} = fc1, fc2, ... followed by Relu; {@code Gemm} = logits. Every probed
 * layer ({@link DeepCnnArchitecture#layers()}) except the input is a graph output; the dense outputs are taken before
 * their Relu, as SCIENCE.md 1 picks them. The bytes are a pure function of the weights; {@link #sha256()} identifies
 * the checkpoint. Receptive fields come from the written graph by {@link OnnxReceptiveFields}, the analysis used for
 * imported models. Immutable.
 */
public final class DeepCnn {

    /** Model name recorded as the origin of its layers. */
    public static final String MODEL = "builtin-cnn-deep";

    /** How the weights are stored in the ONNX model. */
    public enum Storage {
        /** float32 initializers: the weights exactly. */
        FLOAT,
        /**
         * float16 initializers behind Cast nodes ({@link OnnxModelWriter#halfInitializer}): half the bytes, and the
         * network computes with the weights rounded to half precision; used for the shipped checkpoints.
         */
        HALF
    }

    private final DeepCnnWeights weights;
    private final Storage storage;
    private final byte[] onnxBytes;
    private final String sha256;
    private final OnnxReceptiveFields fields;

    private DeepCnn(DeepCnnWeights weights, Storage storage) {
        this.weights = storage == Storage.HALF ? weights.roundedToHalf() : weights;
        this.storage = storage;
        this.onnxBytes = write(this.weights, storage);
        this.sha256 = BuiltinCnn.digest(onnxBytes);
        this.fields = OnnxReceptiveFields.of(OnnxGraph.parse(onnxBytes), weights.architecture().imageSize());
    }

    /** The network with the given weights. */
    public static DeepCnn fromWeights(DeepCnnWeights weights) {
        return fromWeights(weights, Storage.FLOAT);
    }

    /**
     * The network with the given weights stored as {@code storage} says; with {@link Storage#HALF} its
     * {@link #weights()} are the rounded ones, which its model computes with.
     */
    public static DeepCnn fromWeights(DeepCnnWeights weights, Storage storage) {
        return new DeepCnn(Objects.requireNonNull(weights, "weights"), Objects.requireNonNull(storage, "storage"));
    }

    /** The network with He-normal random weights ({@link DeepCnnWeights#heNormal}). */
    public static DeepCnn random(long seed, DeepCnnArchitecture architecture) {
        return fromWeights(DeepCnnWeights.heNormal(seed, architecture));
    }

    public DeepCnnArchitecture architecture() {
        return weights.architecture();
    }

    /** The weights the model computes with (rounded to half precision for {@link Storage#HALF}). */
    public DeepCnnWeights weights() {
        return weights;
    }

    public Storage storage() {
        return storage;
    }

    /** The serialised ONNX model (a copy). */
    public byte[] onnxBytes() {
        return onnxBytes.clone();
    }

    /** Lower-case hex SHA-256 of {@link #onnxBytes()}. */
    public String sha256() {
        return sha256;
    }

    /** The probed layers in hierarchical order. */
    public List<LayerInfo> layers() {
        return architecture().layers();
    }

    /**
     * Where the units of a probed layer look in the input image: the pooling layers' grids from the graph's
     * receptive-field arithmetic, the whole image for gap and the dense layers; empty for a name the network lacks.
     */
    public Optional<UnitGrid> grid(String layer) {
        return grid(architecture(), fields, layer);
    }

    /** {@link #grid(String)} for any model written from {@code architecture}, given its graph's fields. */
    static Optional<UnitGrid> grid(DeepCnnArchitecture architecture, OnnxReceptiveFields fields, String layer) {
        int side = architecture.imageSize();
        return architecture.layers().stream().filter(l -> l.name().equals(layer)).findFirst()
                .flatMap(l -> l.name().equals(BuiltinCnn.INPUT) ? Optional.of(new UnitGrid(side, side, 1, 0, 1))
                        : fields.grid(l.name(), l.units(), side));
    }

    private static byte[] write(DeepCnnWeights weights, Storage storage) {
        DeepCnnArchitecture a = weights.architecture();
        Dim n = Dim.symbolic("N");
        int s = a.imageSize();
        OnnxModelWriter model = OnnxModelWriter.graph("builtin_cnn_deep")
                .input(BuiltinCnn.INPUT, n, Dim.of(a.inputChannels()), Dim.of(s), Dim.of(s));
        List<DeepCnnArchitecture.Parameter> parameters = a.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            int[] dims = parameters.get(i).dims();
            long[] shape = Arrays.stream(dims).asLongStream().toArray();
            if (storage == Storage.HALF) {
                model.halfInitializer(parameters.get(i).name(), weights.values(i), shape);
            } else {
                model.initializer(parameters.get(i).name(), weights.values(i), shape);
            }
        }
        String previous = BuiltinCnn.INPUT;
        List<Dim[]> outputShapes = new ArrayList<>();
        for (int stage = 0; stage < a.stages(); stage++) {
            for (int conv = 0; conv < a.convsPerStage(); conv++) {
                String name = DeepCnnArchitecture.convName(stage, conv);
                model.node("Conv", name, List.of(previous, name + ".weight", name + ".bias"), List.of(name),
                                Attribute.ofInts("kernel_shape", DeepCnnArchitecture.KERNEL,
                                        DeepCnnArchitecture.KERNEL),
                                Attribute.ofInts("pads", 1, 1, 1, 1), Attribute.ofInts("strides", 1, 1))
                        .node("Relu", name + "_relu", List.of(name), List.of(name + "_relu"));
                previous = name + "_relu";
            }
            String pool = DeepCnnArchitecture.poolName(stage);
            model.node("MaxPool", pool, List.of(previous), List.of(pool), Attribute.ofInts("kernel_shape", 2, 2),
                    Attribute.ofInts("strides", 2, 2));
            int pooled = a.side(stage) / 2;
            outputShapes.add(new Dim[] {n, Dim.of(a.stageWidths().get(stage)), Dim.of(pooled), Dim.of(pooled)});
            previous = pool;
        }
        model.node("GlobalAveragePool", "global_pool", List.of(previous), List.of("gap_map"))
                .node("Flatten", "gap_flatten", List.of("gap_map"), List.of(DeepCnnArchitecture.GLOBAL_POOL),
                        Attribute.ofInt("axis", 1));
        outputShapes.add(new Dim[] {n, Dim.of(a.pooledWidth())});
        previous = DeepCnnArchitecture.GLOBAL_POOL;
        for (int d = 0; d <= a.denseWidths().size(); d++) {
            String name = a.denseName(d);
            model.node("Gemm", name + "_gemm", List.of(previous, name + ".weight", name + ".bias"), List.of(name),
                    Attribute.ofInt("transB", 1));
            boolean logits = d == a.denseWidths().size();
            if (!logits) {
                model.node("Relu", name + "_relu", List.of(name), List.of(name + "_relu"));
                previous = name + "_relu";
            }
            outputShapes.add(new Dim[] {n, Dim.of(logits ? a.classes() : a.denseWidths().get(d))});
        }
        List<LayerInfo> layers = a.layers();
        for (int i = 1; i < layers.size(); i++) {
            model.output(layers.get(i).name(), outputShapes.get(i - 1));
        }
        return model.toBytes();
    }
}
