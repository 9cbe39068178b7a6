package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tensors of an ONNX graph count as layers, and their relative depth.
 *
 * <p>The rule, without shape or type inference: the graph input is an activation (it is FLOAT, checked by
 * {@link ImportedModel}). A node's output is an activation when the node is in the default ONNX domain, its op type
 * is one of {@link #ACTIVATION_OPS} (operators whose output has the element type of their data input: convolutions,
 * dense products, pointwise nonlinearities and arithmetic, pooling, normalisation, reshaping, reductions, softmax)
 * and at least one of its inputs is already an activation. Only the first output counts (the second output of
 * MaxPool is int64 indices, that of Dropout a mask), except for Split, whose outputs all count. So Constant, Shape,
 * Gather-on-a-shape, Concat-of-shapes, Cast and comparison "plumbing" never qualify, and neither do initializers,
 * operators of other domains (e.g. com.microsoft fused ops) or nodes inside control-flow subgraphs.
 *
 * <p>Relative depth (SCIENCE.md section 3.7): the number of weighted nodes ({@link #WEIGHTED_OPS}: Conv,
 * ConvTranspose, Gemm, MatMul) that are activations, counted in graph order up to and including the producer,
 * divided by their total. The input has depth 0, the last weighted layer and everything after it depth 1. In a
 * branched graph (ResNet) the count follows the file's topological order, not a path through the graph. A graph
 * without weighted nodes gives every layer depth 0.
 */
public final class OnnxLayerCandidates {

    /** Operators that count toward relative depth. */
    public static final Set<String> WEIGHTED_OPS = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul");

    /** Operators whose first output is an activation when one of their inputs is. */
    public static final Set<String> ACTIVATION_OPS = Set.of(
            "Conv", "ConvTranspose", "Gemm", "MatMul", "Einsum",
            "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh",
            "Softplus", "Softsign", "Gelu", "Mish", "Clip", "ThresholdedRelu", "Erf", "Exp", "Log", "Sqrt", "Abs",
            "Neg", "Reciprocal",
            "Add", "Sub", "Mul", "Div", "Pow", "Sum", "Mean", "Max", "Min",
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool", "GlobalLpPool",
            "BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization",
            "LpNormalization", "LRN", "MeanVarianceNormalization",
            "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Transpose", "Concat", "Split", "Slice", "Pad", "Resize",
            "Upsample", "Gather", "Tile", "Expand", "DepthToSpace", "SpaceToDepth",
            "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum", "ReduceL1", "ReduceL2", "ReduceSumSquare",
            "Softmax", "LogSoftmax", "Dropout", "Identity");

    private OnnxLayerCandidates() {
    }

    /**
     * Lists the candidate layers: the input at order 0, then every activation in graph order.
     *
     * @param input        name of the image input
     * @param nodes        top-level nodes in file (topological) order
     * @param initializers initializer names, never layers
     */
    public static List<CandidateLayer> of(String input, List<OnnxGraph.Node> nodes, Set<String> initializers) {
        Set<String> activations = new HashSet<>();
        activations.add(input);
        List<OnnxGraph.Node> producers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> weightedSoFar = new ArrayList<>();
        int weighted = 0;
        for (OnnxGraph.Node node : nodes) {
            if (!isActivationOp(node) || node.inputs().stream().noneMatch(activations::contains)) {
                continue;
            }
            if (WEIGHTED_OPS.contains(node.opType())) {
                weighted++;
            }
            List<String> outputs = node.opType().equals("Split") ? node.outputs()
                    : node.outputs().subList(0, Math.min(1, node.outputs().size()));
            for (String output : outputs) {
                if (!output.isEmpty() && !initializers.contains(output) && activations.add(output)) {
                    producers.add(node);
                    names.add(output);
                    weightedSoFar.add(weighted);
                }
            }
        }
        List<CandidateLayer> layers = new ArrayList<>(names.size() + 1);
        layers.add(new CandidateLayer(input, CandidateLayer.INPUT_OP, 0, 0.0));
        for (int i = 0; i < names.size(); i++) {
            double depth = weighted == 0 ? 0.0 : (double) weightedSoFar.get(i) / weighted;
            layers.add(new CandidateLayer(names.get(i), producers.get(i).opType(), i + 1, depth));
        }
        return List.copyOf(layers);
    }

    private static boolean isActivationOp(OnnxGraph.Node node) {
        boolean defaultDomain = node.domain().isEmpty() || node.domain().equals("ai.onnx");
        return defaultDomain && ACTIVATION_OPS.contains(node.opType());
    }
}
