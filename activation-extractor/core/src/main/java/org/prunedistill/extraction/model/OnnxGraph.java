package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.prunedistill.claimcheck.Excerpt;

/**
 * The top-level graph of a serialised ONNX model ({@code onnx.ModelProto}), read from the protobuf wire format
 * without generated ONNX classes, plus the one edit the extractor needs: choosing which tensors are graph outputs.
 *
 * <p>What is read: ir_version; the graph's inputs and outputs (name, element type, dimensions, symbolic ones
 * included), the names of its initializers (dense and sparse), the values of small integer constants (initializers
 * and Constant nodes), and its nodes in file order (name, op_type, domain, inputs, outputs, integer and string
 * attributes). Float attributes, other tensor attributes, doc strings, value_info and subgraphs of control-flow nodes
 * are skipped. Weights are never decoded or copied: a model of hundreds of MB costs one pass over its bytes.
 *
 * <p>The <b>image input</b> is the only graph input that is not also an initializer (since IR 4 an initializer may
 * be listed among the inputs; it stays a parameter). Parsing refuses with an {@link IllegalArgumentException}: bytes
 * that are not an ONNX model or are truncated, a model without a graph (or with two), an initializer stored as
 * external data (unsupported: such models must be re-saved with the weights inside the file), and a graph with zero
 * or several non-initializer inputs.
 *
 * <p>Instances are immutable; the model array is kept, not copied, and must not be modified afterwards. Field
 * numbers follow {@code onnx/onnx.proto}.
 */
public final class OnnxGraph {

    /** TensorProto.DataType FLOAT, the element type of every activation this project reads. */
    public static final int FLOAT = 1;

    /**
     * One dimension of a declared shape.
     *
     * @param size   the fixed size, or -1 when symbolic or unknown
     * @param symbol the symbolic name (e.g. "batch_size"), or null when fixed or unknown
     */
    public record Dimension(long size, String symbol) {
        /** True when the dimension has a fixed size. */
        public boolean isFixed() {
            return size >= 0;
        }

        @Override
        public String toString() {
            return isFixed() ? Long.toString(size) : symbol != null ? symbol : "?";
        }
    }

    /**
     * A declared graph input or output.
     *
     * @param name        tensor name
     * @param elementType TensorProto.DataType of a tensor type (1 = FLOAT), 0 when undeclared or not a tensor
     * @param shape       declared dimensions, empty when no shape is declared
     */
    public record ValueInfo(String name, int elementType, List<Dimension> shape) {
        public ValueInfo {
            shape = List.copyOf(shape);
        }
    }

    /**
     * A node of the top-level graph.
     *
     * @param name    node name, may be empty
     * @param opType  operator, e.g. "Conv"
     * @param domain  operator set domain, "" for the default ONNX domain
     * @param inputs  input tensor names ("" marks an omitted optional input)
     * @param outputs output tensor names ("" marks an omitted optional output)
     * @param ints    integer attributes by name ({@code i} as one value, {@code ints} as a list), e.g. "strides"
     * @param strings string attributes by name, e.g. "auto_pad"
     */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, List<Long>> ints, Map<String, String> strings) {
        public Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            Map<String, List<Long>> copied = new HashMap<>();
            ints.forEach((key, values) -> copied.put(key, List.copyOf(values)));
            ints = Map.copyOf(copied);
            strings = Map.copyOf(strings);
        }

        /** The integer attribute's values, or {@code fallback} when the node does not set it. */
        public long[] ints(String attribute, long... fallback) {
            List<Long> values = ints.get(attribute);
            return values == null ? fallback : values.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Where the graph and its output entries sit in the model bytes, for splicing. */
    record Layout(int graphTagStart, int graphPayloadStart, int graphPayloadEnd, List<int[]> outputFieldRanges) {
    }

    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int LISTED_NAMES = 50;

    private final byte[] model;
    private final long irVersion;
    private final String graphName;
    private final List<ValueInfo> inputs;
    private final ValueInfo input;
    private final List<ValueInfo> outputs;
    private final Set<String> initializerNames;
    private final List<Node> nodes;
    private final Layout layout;
    private final Map<String, List<Long>> integerConstants;
    private final List<CandidateLayer> candidates;

    OnnxGraph(byte[] model, long irVersion, String graphName, List<ValueInfo> inputs, List<ValueInfo> outputs,
              Set<String> initializerNames, List<Node> nodes, Layout layout, Map<String, List<Long>> integerConstants) {
        this.model = model;
        this.irVersion = irVersion;
        this.graphName = graphName;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.initializerNames = Set.copyOf(initializerNames);
        this.nodes = List.copyOf(nodes);
        this.layout = layout;
        this.integerConstants = Map.copyOf(integerConstants);
        List<ValueInfo> images = inputs.stream().filter(i -> !initializerNames.contains(i.name())).toList();
        if (images.size() != 1) {
            throw new IllegalArgumentException("the graph must have exactly one input that is not an initializer "
                    + "(the image), has " + images.stream().map(ValueInfo::name).toList());
        }
        this.input = images.get(0);
        this.candidates = OnnxLayerCandidates.of(input.name(), this.nodes, this.initializerNames);
    }

    /**
     * Parses a serialised ModelProto.
     *
     * @throws IllegalArgumentException if the bytes are not a complete ONNX model, have no graph, hold external
     *                                  data, or the graph does not have exactly one non-initializer input
     */
    public static OnnxGraph parse(byte[] model) {
        return OnnxGraphParser.parse(Objects.requireNonNull(model, "model"));
    }

    /** The model's IR version. */
    public long irVersion() {
        return irVersion;
    }

    /** The graph's name, possibly empty. */
    public String graphName() {
        return graphName;
    }

    /** Every declared graph input, initializers listed as inputs included, in model order. */
    public List<ValueInfo> inputs() {
        return inputs;
    }

    /** The image input: the only graph input that is not an initializer. */
    public ValueInfo input() {
        return input;
    }

    /** The declared graph outputs, in model order. */
    public List<ValueInfo> outputs() {
        return outputs;
    }

    /** Names of all initializers, dense and sparse. */
    public Set<String> initializerNames() {
        return initializerNames;
    }

    /**
     * The values of a small integer constant (an int32/int64 initializer or Constant node of at most 64 values, such as
     * the pads of a Pad node), or empty when the tensor is not one.
     */
    public java.util.Optional<long[]> integers(String tensor) {
        List<Long> values = integerConstants.get(tensor);
        return values == null ? java.util.Optional.empty()
                : java.util.Optional.of(values.stream().mapToLong(Long::longValue).toArray());
    }

    /** Nodes of the top-level graph in file order, which ONNX requires to be topological. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The readable layers: the input, then every float activation in graph order ({@link OnnxLayerCandidates}). */
    public List<CandidateLayer> candidateLayers() {
        return candidates;
    }

    /** Names of {@link #candidateLayers()}, in order. */
    public List<String> candidateNames() {
        return candidates.stream().map(CandidateLayer::name).toList();
    }

    /**
     * Returns new model bytes whose graph outputs are exactly the given tensors, in the given order.
     *
     * <p>The original outputs are dropped (list them again to keep them). Each chosen tensor becomes a
     * ValueInfoProto with its name and element type FLOAT and no shape (ONNX Runtime infers it). Every other byte of
     * the model is copied unchanged, weights included; only the graph's length prefix is rewritten.
     *
     * @param tensors candidate layer names other than the graph input (which is read without running the model);
     *                duplicates are dropped
     * @throws IllegalArgumentException if the list is empty, names the input, or names a tensor that is not a
     *                                  candidate layer (the message lists the valid names)
     */
    public byte[] withOutputs(List<String> tensors) {
        Set<String> chosen = new LinkedHashSet<>(Objects.requireNonNull(tensors, "tensors"));
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("tensors must name at least one layer; valid layers: "
                    + describeNames(candidateNames().subList(1, candidates.size())));
        }
        Set<String> valid = new LinkedHashSet<>(candidateNames());
        for (String name : chosen) {
            if (input.name().equals(name)) {
                throw new IllegalArgumentException("'" + name + "' is the graph input, which is read without running "
                        + "the model; it cannot be a graph output");
            }
            if (!valid.contains(name)) {
                throw new IllegalArgumentException("unknown layer " + Excerpt.of(name) + "; valid layers: "
                        + describeNames(List.copyOf(valid)));
            }
        }
        List<byte[]> added = new ArrayList<>();
        for (String name : chosen) {
            added.add(floatOutput(name));
        }
        return OnnxOutputSplicer.splice(model, layout, added);
    }

    /** A name list for error messages: all of it, or the first {@value #LISTED_NAMES} and how many more. */
    static String describeNames(List<String> names) {
        if (names.size() <= LISTED_NAMES) {
            return names.toString();
        }
        return names.subList(0, LISTED_NAMES) + " ... and " + (names.size() - LISTED_NAMES) + " more ("
                + names.size() + " in all)";
    }

    /** GraphProto.output entry: field number and tag included. */
    private static byte[] floatOutput(String name) {
        byte[] tensorType = OnnxModelWriter.message(out -> out.writeInt32(TENSOR_TYPE_ELEM_TYPE, FLOAT));
        byte[] type = OnnxModelWriter.message(out -> out.writeByteArray(TYPE_TENSOR_TYPE, tensorType));
        byte[] valueInfo = OnnxModelWriter.message(out -> {
            out.writeString(VALUE_INFO_NAME, name);
            out.writeByteArray(VALUE_INFO_TYPE, type);
        });
        return OnnxModelWriter.message(out -> out.writeByteArray(GRAPH_OUTPUT, valueInfo));
    }
}
