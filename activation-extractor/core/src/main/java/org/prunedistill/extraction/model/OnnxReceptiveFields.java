package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the units of an imported model's layers look in its input, derived from the graph by receptive-field
 * arithmetic (SCIENCE.md section 2 needs each unit's RF luminance and contrast): one pass over the nodes in
 * topological order tracks, for every activation tensor, its spatial size and the input window of its positions
 * (jump between neighbouring positions, offset of position 0, window side), as for {@link BuiltinCnnGeometry}.
 *
 * <ul>
 *     <li>Conv, MaxPool, AveragePool, LpPool with square kernels, strides, dilations and begin pads: window +=
 *     (dilation (kernel - 1)) jump, offset -= pad jump, jump *= stride ({@code auto_pad} and {@code ceil_mode}
 *     included);</li>
 *     <li>element-wise and per-channel ops (activations, BatchNormalization, LRN, Dropout, Add, Mul, channel Concat,
 *     ...) keep the window; where branches meet (a residual Add) the window is their union;</li>
 *     <li>Flatten, Reshape, Squeeze and Unsqueeze keep the order of the values and so each unit's window; global
 *     pooling, Gemm, MatMul and reductions see the whole input;</li>
 *     <li>Pad with constant pads on the spatial axes shifts the windows as a convolution's own padding does;</li>
 *     <li>anything else (Resize, Transpose, Softmax over positions, a window slid over a reshaped tensor,
 *     non-square kernels, branches at different strides) makes the layer's field <em>unknown</em>, with the reason;
 *     the extractor then takes the whole image.</li>
 * </ul>
 */
public final class OnnxReceptiveFields {

    /** What the positions of one tensor see of the model input. */
    public sealed interface Field permits Local, Global, Unknown {
    }

    /**
     * A spatial tensor of {@code size x size} positions; position i along an axis sees input pixels
     * [i jump + offset, + window) along it (before clipping to the input). {@code reshaped}: the tensor went through
     * Flatten, Reshape, Squeeze or Unsqueeze, which keep the order of its values (so each unit keeps its window) but
     * not its spatial axes (so no window can be slid over it any more).
     */
    public record Local(int size, long jump, long offset, long window, boolean reshaped) implements Field {
        /** A tensor with its spatial axes. */
        public Local(int size, long jump, long offset, long window) {
            this(size, jump, offset, window, false);
        }
    }

    /** Every value depends on the whole input (dense layers, global pooling). */
    public record Global() implements Field {
    }

    /** The graph does something this analysis does not model; {@code reason} says what and where. */
    public record Unknown(String reason) implements Field {
    }

    private static final Set<String> WINDOWED = Set.of("Conv", "MaxPool", "AveragePool", "LpPool");
    private static final Set<String> POSITION_WISE = Set.of("Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu",
            "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Softsign", "Mish", "Gelu", "Erf", "Clip",
            "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Pow", "Sign", "Floor", "Ceil", "Round", "Not",
            "BatchNormalization", "LRN", "Dropout", "Identity", "Cast", "Add", "Sub", "Mul", "Div", "Max", "Min",
            "Sum", "Mean", "Where", "Equal", "Greater", "Less", "And", "Or", "Xor", "QuantizeLinear",
            "DequantizeLinear");
    private static final Set<String> WHOLE_INPUT = Set.of("GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool",
            "Gemm", "MatMul", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum", "ReduceL1", "ReduceL2",
            "ReduceLogSumExp", "ReduceProd", "ReduceSumSquare");
    /** Change the shape, never the order of the values (C order): every unit keeps its window. */
    private static final Set<String> RESHAPING = Set.of("Flatten", "Reshape", "Squeeze", "Unsqueeze");
    /** Outputs describe the tensor's shape, not its values: constants as far as windows go. */
    private static final Set<String> SHAPE_ONLY = Set.of("Shape", "Size");

    private final Map<String, Field> fields;

    private OnnxReceptiveFields(Map<String, Field> fields) {
        this.fields = fields;
    }

    /**
     * Analyses the graph for an input of {@code inputSide x inputSide} pixels (the preprocessing's crop).
     *
     * @throws IllegalArgumentException if the side is not positive
     */
    public static OnnxReceptiveFields of(OnnxGraph graph, int inputSide) {
        if (inputSide < 1) {
            throw new IllegalArgumentException("input side must be positive, was " + inputSide);
        }
        Map<String, Field> fields = new HashMap<>();
        fields.put(graph.input().name(), new Local(inputSide, 1, 0, 1));
        for (OnnxGraph.Node node : graph.nodes()) {
            Field field = SHAPE_ONLY.contains(node.opType()) ? null : apply(node, fields, graph);
            if (field != null) {
                for (String output : node.outputs()) {
                    if (!output.isEmpty()) {
                        fields.put(output, field);
                    }
                }
            }
        }
        return new OnnxReceptiveFields(fields);
    }

    /** The field of a tensor, or unknown if no activation of the input reaches it. */
    public Field field(String tensor) {
        return fields.getOrDefault(tensor, new Unknown("tensor '" + tensor + "' does not depend on the image"));
    }

    /**
     * The grid of a layer in model-input pixels, if its field is known and its {@code units} lie on it channel-major:
     * a spatial layer's positions and windows, or one position seeing the whole input.
     */
    public java.util.Optional<UnitGrid> grid(String tensor, int units, int inputSide) {
        Field field = field(tensor);
        if (field instanceof Global) {
            return java.util.Optional.of(UnitGrid.wholeImage(inputSide));
        }
        if (field instanceof Local local && units % (local.size() * local.size()) == 0) {
            return java.util.Optional.of(new UnitGrid(local.size(), local.size(), local.jump(), local.offset(),
                    local.window()));
        }
        return java.util.Optional.empty();
    }

    /** The output's field, or null when the node computes only from constants. */
    private static Field apply(OnnxGraph.Node node, Map<String, Field> fields, OnnxGraph graph) {
        List<Field> inputs = new ArrayList<>();
        for (String input : node.inputs()) {
            Field field = input.isEmpty() ? null : fields.get(input);
            if (field != null) {
                inputs.add(field);
            }
        }
        if (inputs.isEmpty()) {
            return null;
        }
        for (Field input : inputs) {
            if (input instanceof Unknown) {
                return input;
            }
        }
        if (inputs.stream().allMatch(Global.class::isInstance)) {
            return inputs.get(0); // whatever follows a dense layer still sees everything
        }
        String op = node.opType();
        if (WHOLE_INPUT.contains(op)) {
            return new Global();
        }
        if (WINDOWED.contains(op)) {
            return inputs.get(0) instanceof Local local ? windowed(node, local) : new Global();
        }
        if (op.equals("Pad") && inputs.size() == 1 && inputs.get(0) instanceof Local local) {
            return padded(node, local, graph);
        }
        if (RESHAPING.contains(op)) {
            // The first input is the data (Reshape's second is the shape, computed from constants or Shape).
            Local data = (Local) inputs.get(0);
            return new Local(data.size(), data.jump(), data.offset(), data.window(), true);
        }
        if (op.equals("Concat")) {
            long axis = node.ints("axis", 1)[0];
            if (axis != 1 && axis != -3) {
                return unknown(node, "concatenates along axis " + axis + ", not channels");
            }
            if (inputs.stream().anyMatch(input -> input instanceof Local local && local.reshaped())) {
                return unknown(node, "concatenates reshaped tensors");
            }
            return union(node, inputs);
        }
        if (POSITION_WISE.contains(op)) {
            return union(node, inputs);
        }
        return unknown(node, "op " + op + " is not modelled");
    }

    /** Where branches meet: the union of their windows, if they are at the same stride and size. */
    private static Field union(OnnxGraph.Node node, List<Field> inputs) {
        Local merged = null;
        for (Field input : inputs) {
            if (input instanceof Global) {
                return input;
            }
            Local local = (Local) input;
            if (merged == null) {
                merged = local;
            } else if (merged.jump() != local.jump() || merged.size() != local.size()
                    || merged.reshaped() != local.reshaped()) {
                return unknown(node, "joins tensors of stride " + merged.jump() + " and " + local.jump()
                        + " (sizes " + merged.size() + " and " + local.size() + ")");
            } else {
                long offset = Math.min(merged.offset(), local.offset());
                long end = Math.max(merged.offset() + merged.window(), local.offset() + local.window());
                merged = new Local(merged.size(), merged.jump(), offset, end - offset, merged.reshaped());
            }
        }
        return merged;
    }

    private static Field windowed(OnnxGraph.Node node, Local in) {
        if (in.reshaped()) {
            return unknown(node, "slides a window over a reshaped tensor");
        }
        long[] kernel = node.ints("kernel_shape");
        if (kernel.length == 0) {
            return unknown(node, "has no kernel_shape attribute");
        }
        long[] strides = node.ints("strides", 1, 1);
        long[] dilations = node.ints("dilations", 1, 1);
        long[] pads = node.ints("pads", 0, 0, 0, 0);
        if (kernel.length != 2 || strides.length != 2 || dilations.length != 2 || pads.length != 4) {
            return unknown(node, "is not a 2-D window (kernel_shape " + java.util.Arrays.toString(kernel) + ")");
        }
        if (kernel[0] != kernel[1] || strides[0] != strides[1] || dilations[0] != dilations[1]) {
            return unknown(node, "has a non-square window (kernel " + java.util.Arrays.toString(kernel)
                    + ", strides " + java.util.Arrays.toString(strides) + ", dilations "
                    + java.util.Arrays.toString(dilations) + ")");
        }
        if (kernel[0] < 1 || dilations[0] < 1 || kernel[0] > Integer.MAX_VALUE || dilations[0] > Integer.MAX_VALUE) {
            return unknown(node, "has kernel " + kernel[0] + " and dilation " + dilations[0]);
        }
        long k = dilations[0] * (kernel[0] - 1) + 1;
        long s = strides[0];
        if (s < 1 || s > Integer.MAX_VALUE) {
            return unknown(node, "has kernel " + kernel[0] + ", stride " + s + " and dilation " + dilations[0]);
        }
        String autoPad = node.strings().getOrDefault("auto_pad", "NOTSET");
        long begin;
        long end;
        switch (autoPad) {
            case "NOTSET" -> {
                if (pads[0] != pads[1] || pads[2] != pads[3]) {
                    return unknown(node, "pads rows and columns differently " + java.util.Arrays.toString(pads));
                }
                begin = pads[0];
                end = pads[2];
            }
            case "VALID" -> {
                begin = 0;
                end = 0;
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                long out = (in.size() + s - 1) / s;
                long total = Math.max((out - 1) * s + k - in.size(), 0);
                begin = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                end = total - begin;
            }
            default -> {
                return unknown(node, "has auto_pad " + autoPad);
            }
        }
        if (begin < 0 || end < 0) {
            return unknown(node, "has negative pads " + java.util.Arrays.toString(pads));
        }
        try {
            long span = Math.subtractExact(Math.addExact(Math.addExact(in.size(), begin), end), k);
            if (span < 0) {
                return unknown(node, "has a window of " + k + " larger than its padded input of " + (span + k));
            }
            long size = span / s + 1;
            boolean ceil = !node.opType().equals("Conv") && node.ints("ceil_mode", 0)[0] == 1;
            if (ceil && span % s != 0) {
                size++;
                if ((size - 1) * s >= in.size() + begin) {
                    size--; // the last window would start in the end padding: PyTorch and ONNX Runtime drop it
                }
            }
            return new Local(Math.toIntExact(size), Math.multiplyExact(in.jump(), s),
                    Math.subtractExact(in.offset(), Math.multiplyExact(begin, in.jump())),
                    Math.addExact(in.window(), Math.multiplyExact(k - 1, in.jump())), false);
        } catch (ArithmeticException overflow) {
            return unknown(node, "has a window, stride or pads too large to compute with (" + overflow.getMessage()
                    + ")");
        }
    }

    /**
     * A Pad node: its pads (the attribute before opset 11, a constant input since) move the first position's window
     * by the begin pad, as a convolution's own padding would; negative pads crop. Only the spatial axes of an NCHW
     * tensor may be padded, rows as columns.
     */
    private static Field padded(OnnxGraph.Node node, Local in, OnnxGraph graph) {
        if (in.reshaped()) {
            return unknown(node, "pads a reshaped tensor");
        }
        long[] pads = node.ints("pads");
        if (pads.length == 0 && node.inputs().size() > 1) {
            pads = graph.integers(node.inputs().get(1)).orElse(new long[0]);
        }
        if (node.inputs().size() > 3 && !node.inputs().get(3).isEmpty()) {
            return unknown(node, "names its axes");
        }
        if (pads.length != 8) {
            return unknown(node, pads.length == 0 ? "has pads that are not a constant"
                    : "has " + pads.length + " pads, not those of an NCHW tensor");
        }
        if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
            return unknown(node, "pads the batch or channel axis " + java.util.Arrays.toString(pads));
        }
        if (pads[2] != pads[3] || pads[6] != pads[7]) {
            return unknown(node, "pads rows and columns differently " + java.util.Arrays.toString(pads));
        }
        try {
            long size = Math.addExact(in.size(), Math.addExact(pads[2], pads[6]));
            if (size < 1) {
                return unknown(node, "crops away the whole tensor");
            }
            return new Local(Math.toIntExact(size), in.jump(),
                    Math.subtractExact(in.offset(), Math.multiplyExact(pads[2], in.jump())), in.window(), false);
        } catch (ArithmeticException overflow) {
            return unknown(node, "has pads too large to compute with (" + overflow.getMessage() + ")");
        }
    }

    private static Unknown unknown(OnnxGraph.Node node, String why) {
        return new Unknown(node.opType() + " node '" + node.name() + "' " + why);
    }
}
