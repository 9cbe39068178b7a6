package org.prunedistill.extraction.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wire-format reader behind {@link OnnxGraph#parse}. Nested messages are read in place with
 * {@link CodedInputStream#pushLimit}, so initializer payloads are skipped, never copied. Every length prefix is
 * checked against the bytes that remain, which is how truncation is detected (protobuf alone would stop quietly
 * at the end of the array). Field numbers follow {@code onnx/onnx.proto}.
 */
final class OnnxGraphParser {

    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_SPARSE_INITIALIZER = 15;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_S = 4;
    private static final int ATTRIBUTE_T = 5;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int DATA_TYPE_INT32 = 6;
    private static final int DATA_TYPE_INT64 = 7;
    /** Integer tensors up to this many values are kept (pads, shapes, axes); weights are never decoded. */
    private static final int MAX_CONSTANT_VALUES = 64;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int DATA_LOCATION_EXTERNAL = 1;
    private static final int SPARSE_VALUES = 1;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private final byte[] bytes;
    private final CodedInputStream in;
    private String graphName = "";
    private final List<OnnxGraph.ValueInfo> inputs = new ArrayList<>();
    private final List<OnnxGraph.ValueInfo> outputs = new ArrayList<>();
    private final Set<String> initializers = new LinkedHashSet<>();
    private final List<OnnxGraph.Node> nodes = new ArrayList<>();
    private final Map<String, List<Long>> integerConstants = new HashMap<>();
    private final List<int[]> outputRanges = new ArrayList<>();

    private OnnxGraphParser(byte[] bytes) {
        this.bytes = bytes;
        this.in = CodedInputStream.newInstance(bytes);
    }

    static OnnxGraph parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("not an ONNX model: no bytes");
        }
        try {
            return new OnnxGraphParser(bytes).model();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an ONNX model, or truncated (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    private OnnxGraph model() throws IOException {
        long irVersion = -1;
        OnnxGraph.Layout layout = null;
        while (true) {
            int tagStart = in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case MODEL_IR_VERSION -> irVersion = varint(tag, "ModelProto.ir_version");
                case MODEL_GRAPH -> {
                    if (layout != null) {
                        throw new IllegalArgumentException("the ONNX model has more than one graph field");
                    }
                    int[] payload = new int[2];
                    message(tag, "ModelProto.graph", () -> {
                        payload[0] = in.getTotalBytesRead();
                        graph();
                        payload[1] = in.getTotalBytesRead();
                    });
                    layout = new OnnxGraph.Layout(tagStart, payload[0], payload[1], outputRanges);
                }
                default -> in.skipField(tag);
            }
        }
        if (irVersion < 1) {
            throw new IllegalArgumentException("not an ONNX model: no ir_version (" + bytes.length + " bytes)");
        }
        if (layout == null) {
            throw new IllegalArgumentException("the ONNX model has no graph");
        }
        return new OnnxGraph(bytes, irVersion, graphName, inputs, outputs, initializers, nodes, layout,
                integerConstants);
    }

    private void graph() throws IOException {
        while (true) {
            int fieldStart = in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                return;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> message(tag, "GraphProto.node", this::node);
                case GRAPH_NAME -> graphName = string(tag, "GraphProto.name");
                case GRAPH_INITIALIZER -> message(tag, "GraphProto.initializer", () -> {
                    Tensor tensor = tensor();
                    initializers.add(tensor.name());
                    if (tensor.integers() != null) {
                        integerConstants.put(tensor.name(), tensor.integers());
                    }
                });
                case GRAPH_SPARSE_INITIALIZER -> message(tag, "GraphProto.sparse_initializer", this::sparseTensor);
                case GRAPH_INPUT -> message(tag, "GraphProto.input", () -> inputs.add(valueInfo()));
                case GRAPH_OUTPUT -> {
                    message(tag, "GraphProto.output", () -> outputs.add(valueInfo()));
                    outputRanges.add(new int[] {fieldStart, in.getTotalBytesRead()});
                }
                default -> in.skipField(tag);
            }
        }
    }

    private void node() throws IOException {
        String name = "";
        String opType = "";
        String domain = "";
        List<String> nodeInputs = new ArrayList<>();
        List<String> nodeOutputs = new ArrayList<>();
        Map<String, List<Long>> ints = new HashMap<>();
        Map<String, String> strings = new HashMap<>();
        Map<String, List<Long>> tensorValues = new HashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> nodeInputs.add(string(tag, "NodeProto.input"));
                case NODE_OUTPUT -> nodeOutputs.add(string(tag, "NodeProto.output"));
                case NODE_NAME -> name = string(tag, "NodeProto.name");
                case NODE_OP_TYPE -> opType = string(tag, "NodeProto.op_type");
                case NODE_DOMAIN -> domain = string(tag, "NodeProto.domain");
                case NODE_ATTRIBUTE -> message(tag, "NodeProto.attribute", () -> attribute(ints, strings,
                        tensorValues));
                default -> in.skipField(tag);
            }
        }
        if (opType.isEmpty()) {
            throw new IllegalArgumentException("not an ONNX model: node #" + nodes.size() + " '" + name
                    + "' has no op_type");
        }
        nodes.add(new OnnxGraph.Node(name, opType, domain, nodeInputs, nodeOutputs, ints, strings));
        // A Constant node's small integer value (a tensor, or value_ints) is a constant like an initializer.
        List<Long> constant = tensorValues.containsKey("value") ? tensorValues.get("value") : ints.get("value_ints");
        if (opType.equals("Constant") && domain.isEmpty() && nodeOutputs.size() == 1 && constant != null) {
            integerConstants.put(nodeOutputs.get(0), constant);
        }
    }

    /**
     * Reads an AttributeProto's integer ({@code i}, {@code ints}, packed or not), string ({@code s}) and small integer
     * tensor ({@code t}) values; floats, other tensors and graphs are skipped. An attribute is keyed by its name.
     */
    private void attribute(Map<String, List<Long>> ints, Map<String, String> strings,
                           Map<String, List<Long>> tensorValues) throws IOException {
        String name = "";
        List<Long> values = new ArrayList<>();
        String text = null;
        List<Long> tensorIntegers = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ATTRIBUTE_NAME -> name = string(tag, "AttributeProto.name");
                case ATTRIBUTE_I -> values.add(varint(tag, "AttributeProto.i"));
                case ATTRIBUTE_S -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "AttributeProto.s");
                    text = in.readBytes().toStringUtf8();
                }
                case ATTRIBUTE_INTS -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        message(tag, "AttributeProto.ints", () -> {
                            while (!in.isAtEnd()) {
                                values.add(in.readInt64());
                            }
                        });
                    } else {
                        values.add(varint(tag, "AttributeProto.ints"));
                    }
                }
                case ATTRIBUTE_T -> {
                    Tensor[] tensor = new Tensor[1];
                    message(tag, "AttributeProto.t", () -> tensor[0] = tensor());
                    tensorIntegers = tensor[0].integers();
                }
                default -> in.skipField(tag);
            }
        }
        if (!values.isEmpty()) {
            ints.put(name, values);
        }
        if (text != null) {
            strings.put(name, text);
        }
        if (tensorIntegers != null) {
            tensorValues.put(name, tensorIntegers);
        }
    }

    /** A TensorProto's name, and its values if it is a small int32/int64 tensor (null otherwise). */
    private record Tensor(String name, List<Long> integers) {
    }

    /**
     * Reads a TensorProto's name, refusing external data. The payload is skipped, except for integer tensors of at
     * most {@value #MAX_CONSTANT_VALUES} values (pads, shapes, axes), whose values are kept.
     */
    private Tensor tensor() throws IOException {
        String name = "";
        boolean external = false;
        long dataType = 0;
        List<Long> values = new ArrayList<>();
        byte[] raw = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_NAME -> name = string(tag, "TensorProto.name");
                case TENSOR_DATA_TYPE -> dataType = varint(tag, "TensorProto.data_type");
                case TENSOR_INT32_DATA, TENSOR_INT64_DATA -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        message(tag, "TensorProto integer data", () -> {
                            while (!in.isAtEnd() && values.size() <= MAX_CONSTANT_VALUES) {
                                values.add(in.readInt64());
                            }
                            in.skipRawBytes(in.getBytesUntilLimit());
                        });
                    } else {
                        long value = varint(tag, "TensorProto integer data");
                        if (values.size() <= MAX_CONSTANT_VALUES) {
                            values.add(value);
                        }
                    }
                }
                case TENSOR_RAW_DATA -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "TensorProto.raw_data");
                    int length = in.readRawVarint32();
                    if (length < 0 || length > in.getBytesUntilLimit() && in.getBytesUntilLimit() >= 0) {
                        throw new InvalidProtocolBufferException("TensorProto.raw_data claims " + length + " bytes");
                    }
                    if (length <= 8 * MAX_CONSTANT_VALUES) {
                        raw = in.readRawBytes(length);
                    } else {
                        in.skipRawBytes(length);
                    }
                }
                case TENSOR_DATA_LOCATION -> external |= varint(tag, "TensorProto.data_location")
                        == DATA_LOCATION_EXTERNAL;
                case TENSOR_EXTERNAL_DATA -> {
                    external = true;
                    in.skipField(tag);
                }
                default -> in.skipField(tag);
            }
        }
        if (external) {
            throw new IllegalArgumentException("initializer '" + name + "' is stored as external data, which is "
                    + "unsupported: save the model with its weights inside the .onnx file "
                    + "(onnx.save(model, path, save_as_external_data=False); only possible below 2 GB)");
        }
        return new Tensor(name, integers(dataType, values, raw));
    }

    /** The values of a small int32/int64 tensor, from raw_data (little-endian) or the typed field; null otherwise. */
    private static List<Long> integers(long dataType, List<Long> typed, byte[] raw) {
        if (dataType != DATA_TYPE_INT64 && dataType != DATA_TYPE_INT32) {
            return null;
        }
        if (raw == null) {
            return typed.isEmpty() || typed.size() > MAX_CONSTANT_VALUES ? null : List.copyOf(typed);
        }
        int width = dataType == DATA_TYPE_INT64 ? 8 : 4;
        if (raw.length % width != 0) {
            return null;
        }
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<Long> values = new ArrayList<>();
        while (buffer.hasRemaining()) {
            values.add(width == 8 ? buffer.getLong() : buffer.getInt());
        }
        return List.copyOf(values);
    }

    private void sparseTensor() throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == SPARSE_VALUES) {
                message(tag, "SparseTensorProto.values", () -> initializers.add(tensor().name()));
            } else {
                in.skipField(tag);
            }
        }
    }

    private OnnxGraph.ValueInfo valueInfo() throws IOException {
        String name = "";
        int[] elementType = {0};
        List<OnnxGraph.Dimension> shape = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case VALUE_INFO_NAME -> name = string(tag, "ValueInfoProto.name");
                case VALUE_INFO_TYPE -> message(tag, "ValueInfoProto.type", () -> typeProto(elementType, shape));
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.ValueInfo(name, elementType[0], shape);
    }

    private void typeProto(int[] elementType, List<OnnxGraph.Dimension> shape) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != TYPE_TENSOR_TYPE) {
                in.skipField(tag);
                continue;
            }
            message(tag, "TypeProto.tensor_type", () -> {
                for (int t = in.readTag(); t != 0; t = in.readTag()) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case TENSOR_TYPE_ELEM_TYPE -> elementType[0] = (int) varint(t, "TypeProto.Tensor.elem_type");
                        case TENSOR_TYPE_SHAPE -> message(t, "TypeProto.Tensor.shape", () -> shape(shape));
                        default -> in.skipField(t);
                    }
                }
            });
        }
    }

    private void shape(List<OnnxGraph.Dimension> shape) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != SHAPE_DIM) {
                in.skipField(tag);
                continue;
            }
            long[] size = {-1};
            String[] symbol = {null};
            message(tag, "TensorShapeProto.dim", () -> {
                for (int t = in.readTag(); t != 0; t = in.readTag()) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case DIM_VALUE -> size[0] = varint(t, "Dimension.dim_value");
                        case DIM_PARAM -> symbol[0] = string(t, "Dimension.dim_param");
                        default -> in.skipField(t);
                    }
                }
            });
            shape.add(size[0] >= 0 ? new OnnxGraph.Dimension(size[0], null) : new OnnxGraph.Dimension(-1, symbol[0]));
        }
    }

    /** Enters a length-delimited field, runs the body inside its limit and leaves it. */
    private void message(int tag, String field, Body body) throws IOException {
        expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        int length = in.readRawVarint32();
        int position = in.getTotalBytesRead();
        int untilLimit = in.getBytesUntilLimit();
        if (length < 0 || length > bytes.length - position || (untilLimit >= 0 && length > untilLimit)) {
            throw new InvalidProtocolBufferException(field + " at byte " + position + " claims " + length
                    + " bytes but only " + Math.min(bytes.length - position, untilLimit < 0 ? Integer.MAX_VALUE
                    : untilLimit) + " remain");
        }
        int previous = in.pushLimit(length);
        body.read();
        if (!in.isAtEnd()) {
            throw new InvalidProtocolBufferException(field + " ended before its length");
        }
        in.popLimit(previous);
    }

    private String string(int tag, String field) throws IOException {
        expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        return in.readStringRequireUtf8();
    }

    private long varint(int tag, String field) throws IOException {
        expectWireType(tag, WireFormat.WIRETYPE_VARINT, field);
        return in.readInt64();
    }

    private static void expectWireType(int tag, int wireType, String field) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException(field + " has wire type " + WireFormat.getTagWireType(tag)
                    + ", expected " + wireType);
        }
    }

    @FunctionalInterface
    private interface Body {
        void read() throws IOException;
    }
}
