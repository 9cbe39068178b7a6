package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * ConvTranspose, Gemm, MatMul) on the longest path from the input up to and including the producer, divided by the
 * largest such number in the graph. In a chain this is the count in graph order; in a branched graph it follows the
 * deepest branch, so a residual block's shortcut projection does not add to the depth (ResNet-18 counts its 17
 * convolutions and one dense layer, whatever order the exporter wrote the shortcut in). The input has depth 0, the
 * last weighted layer and everything after it depth 1. A graph without weighted nodes gives every layer depth 0.
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
        Map<String, Integer> weightedOnPath = new HashMap<>();
        weightedOnPath.put(input, 0);
        List<OnnxGraph.Node> producers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int deepest = 0;
        for (OnnxGraph.Node node : nodes) {
            if (!isActivationOp(node) || node.inputs().stream().noneMatch(weightedOnPath::containsKey)) {
                continue;
            }
            int below = node.inputs().stream().filter(weightedOnPath::containsKey).mapToInt(weightedOnPath::get)
                    .max().orElseThrow();
            int count = below + (WEIGHTED_OPS.contains(node.opType()) ? 1 : 0);
            deepest = Math.max(deepest, count);
            List<String> outputs = node.opType().equals("Split") ? node.outputs()
                    : node.outputs().subList(0, Math.min(1, node.outputs().size()));
            for (String output : outputs) {
                if (!output.isEmpty() && !initializers.contains(output) && !weightedOnPath.containsKey(output)) {
                    weightedOnPath.put(output, count);
                    producers.add(node);
                    names.add(output);
                }
            }
        }
        List<CandidateLayer> layers = new ArrayList<>(names.size() + 1);
        layers.add(new CandidateLayer(input, CandidateLayer.INPUT_OP, 0, 0.0));
        for (int i = 0; i < names.size(); i++) {
            double depth = deepest == 0 ? 0.0 : (double) weightedOnPath.get(names.get(i)) / deepest;
            layers.add(new CandidateLayer(names.get(i), producers.get(i).opType(), i + 1, depth));
        }
        return List.copyOf(layers);
    }

    private static boolean isActivationOp(OnnxGraph.Node node) {
        boolean defaultDomain = node.domain().isEmpty() || node.domain().equals("ai.onnx");
        return defaultDomain && ACTIVATION_OPS.contains(node.opType());
    }
}
