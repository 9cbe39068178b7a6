package org.prunedistill.extraction.model;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds an ONNX model (a serialised {@code onnx.ModelProto}) by writing the protobuf wire format field by field,
 * so that no generated ONNX classes are needed.
 *
 * <p>The model carries ir_version {@value #IR_VERSION}, one opset import of the default domain at version
 * {@value #OPSET_VERSION}, producer name {@value #PRODUCER}, and a single graph. Supported content is what a small
 * feed-forward float network needs: float graph inputs and outputs with fixed or symbolic dimensions, float
 * initializers (stored little-endian in {@code raw_data}, as float or as float16 behind a Cast), and nodes with int,
 * ints, float or string attributes. Repeated integers are written unpacked, the proto2 default that
 * {@code onnx.proto} uses. Field numbers follow {@code onnx/onnx.proto}. Nodes must be added in topological order (ONNX requires it). Not thread-safe.
 */
public final class OnnxModelWriter {

    /** IR version written (ONNX IR 8, 2021-07-30). */
    public static final long IR_VERSION = 8;
    /** Opset version of the default ("ai.onnx") domain. */
    public static final long OPSET_VERSION = 13;
    /** Producer name written into the model. */
    public static final String PRODUCER = "prune-distill";

    // onnx.proto field numbers, per message.
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION_FIELD = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_S = 4;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_FLOAT = 1;
    private static final int ATTR_TYPE_INT = 2;
    private static final int ATTR_TYPE_STRING = 3;
    private static final int ATTR_TYPE_INTS = 7;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int DATA_TYPE_FLOAT = 1;
    private static final int DATA_TYPE_INT64 = 7;
    private static final int DATA_TYPE_FLOAT16 = 10;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    /** One dimension of a graph input or output: a fixed size or a symbolic name such as "N". */
    public record Dim(long value, String param) {
        /** A fixed dimension. */
        public static Dim of(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("dimension value must be >= 0, was " + value);
            }
            return new Dim(value, null);
        }

        /** A symbolic dimension, e.g. the batch size. */
        public static Dim symbolic(String param) {
            if (param == null || param.isBlank()) {
                throw new IllegalArgumentException("dimension param must not be blank");
            }
            return new Dim(-1, param);
        }
    }

    /** A node attribute of type INT, INTS, FLOAT or STRING; build it with the factory methods. */
    public record Attribute(String name, int type, long intValue, long[] intValues, float floatValue,
                            String stringValue) {
        /** An INT attribute. */
        public static Attribute ofInt(String name, long value) {
            return new Attribute(name, ATTR_TYPE_INT, value, null, 0f, null);
        }

        /** An INTS attribute. */
        public static Attribute ofInts(String name, long... values) {
            return new Attribute(name, ATTR_TYPE_INTS, 0, values.clone(), 0f, null);
        }

        /** A FLOAT attribute. */
        public static Attribute ofFloat(String name, float value) {
            return new Attribute(name, ATTR_TYPE_FLOAT, 0, null, value, null);
        }

        /** A STRING attribute (UTF-8), e.g. auto_pad. */
        public static Attribute ofString(String name, String value) {
            return new Attribute(name, ATTR_TYPE_STRING, 0, null, 0f, value);
        }

        /** The INTS values (a copy), or null for other types. */
        @Override
        public long[] intValues() {
            return intValues == null ? null : intValues.clone();
        }
    }

    private final String graphName;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();

    private OnnxModelWriter(String graphName) {
        this.graphName = graphName;
    }

    /** Starts a model whose graph has the given name. */
    public static OnnxModelWriter graph(String graphName) {
        return new OnnxModelWriter(Objects.requireNonNull(graphName, "graphName"));
    }

    /** Declares a float graph input. */
    public OnnxModelWriter input(String name, Dim... shape) {
        inputs.add(valueInfo(name, shape));
        return this;
    }

    /** Declares a float graph output. */
    public OnnxModelWriter output(String name, Dim... shape) {
        outputs.add(valueInfo(name, shape));
        return this;
    }

    /** Adds a float constant tensor; {@code data} is in C order and must match the product of {@code dims}. */
    public OnnxModelWriter initializer(String name, float[] data, long... dims) {
        requireCount(name, data.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return tensor(name, DATA_TYPE_FLOAT, raw.array(), dims);
    }

    /**
     * Adds a float constant stored at half precision ({@link HalfFloats}, half the bytes): a float16 initializer
     * {@code name + "_half"} and a {@code Cast} node to float named {@code name}, which ONNX Runtime folds once when
     * it loads the model. The graph computes with the rounded values, {@link HalfFloats#round} of {@code data}.
     * Call it before adding the nodes that read {@code name}.
     */
    public OnnxModelWriter halfInitializer(String name, float[] data, long... dims) {
        requireCount(name, data.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(2 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : data) {
            raw.putShort(HalfFloats.toHalf(value));
        }
        String stored = name + "_half";
        return tensor(stored, DATA_TYPE_FLOAT16, raw.array(), dims).node("Cast", name + "_cast", List.of(stored), List.of(name), Attribute.ofInt("to", DATA_TYPE_FLOAT));
    }

    private static void requireCount(String name, int values, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values) {
            throw new IllegalArgumentException("initializer " + name + ": data has " + values
                    + " values but dims need " + count);
        }
    }

    /** Adds a 1-D int64 constant tensor (for example the pads of a Pad node), stored little-endian in raw_data. */
    public OnnxModelWriter integerInitializer(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return tensor(name, DATA_TYPE_INT64, raw.array(), values.length);
    }

    /** Adds an initializer: its dims, element type, name and little-endian raw_data, in onnx.proto's field order. */
    private OnnxModelWriter tensor(String name, int dataType, byte[] raw, long... dims) {
        initializers.add(message(out -> {
            for (long d : dims) {
                out.writeInt64(TENSOR_DIMS, d);
            }
            out.writeInt32(TENSOR_DATA_TYPE, dataType);
            out.writeString(TENSOR_NAME, name);
            out.writeByteArray(TENSOR_RAW_DATA, raw);
        }));
        return this;
    }

    /** Adds a node of the default domain. */
    public OnnxModelWriter node(String opType, String name, List<String> nodeInputs, List<String> nodeOutputs,
                                Attribute... attributes) {
        nodes.add(message(out -> {
            for (String in : nodeInputs) {
                out.writeString(NODE_INPUT, in);
            }
            for (String o : nodeOutputs) {
                out.writeString(NODE_OUTPUT, o);
            }
            out.writeString(NODE_NAME, name);
            out.writeString(NODE_OP_TYPE, opType);
            for (Attribute a : attributes) {
                out.writeByteArray(NODE_ATTRIBUTE, attribute(a));
            }
        }));
        return this;
    }

    /** Serialises the model. */
    public byte[] toBytes() {
        byte[] graph = message(out -> {
            for (byte[] n : nodes) {
                out.writeByteArray(GRAPH_NODE, n);
            }
            out.writeString(GRAPH_NAME, graphName);
            for (byte[] t : initializers) {
                out.writeByteArray(GRAPH_INITIALIZER, t);
            }
            for (byte[] i : inputs) {
                out.writeByteArray(GRAPH_INPUT, i);
            }
            for (byte[] o : outputs) {
                out.writeByteArray(GRAPH_OUTPUT, o);
            }
        });
        byte[] opset = message(out -> {
            out.writeString(OPSET_DOMAIN, "");
            out.writeInt64(OPSET_VERSION_FIELD, OPSET_VERSION);
        });
        return message(out -> {
            out.writeInt64(MODEL_IR_VERSION, IR_VERSION);
            out.writeString(MODEL_PRODUCER_NAME, PRODUCER);
            out.writeByteArray(MODEL_GRAPH, graph);
            out.writeByteArray(MODEL_OPSET_IMPORT, opset);
        });
    }

    private static byte[] attribute(Attribute a) {
        return message(out -> {
            out.writeString(ATTR_NAME, a.name());
            switch (a.type()) {
                case ATTR_TYPE_FLOAT -> out.writeFloat(ATTR_F, a.floatValue());
                case ATTR_TYPE_INT -> out.writeInt64(ATTR_I, a.intValue());
                case ATTR_TYPE_STRING -> out.writeString(ATTR_S, a.stringValue());
                case ATTR_TYPE_INTS -> {
                    for (long v : a.intValues()) {
                        out.writeInt64(ATTR_INTS, v);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported attribute type " + a.type());
            }
            out.writeInt32(ATTR_TYPE, a.type());
        });
    }

    private static byte[] valueInfo(String name, Dim... shape) {
        byte[] dims = message(out -> {
            for (Dim d : shape) {
                out.writeByteArray(SHAPE_DIM, message(dim -> {
                    if (d.param() != null) {
                        dim.writeString(DIM_PARAM, d.param());
                    } else {
                        dim.writeInt64(DIM_VALUE, d.value());
                    }
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT);
            out.writeByteArray(TENSOR_TYPE_SHAPE, dims);
        });
        byte[] type = message(out -> out.writeByteArray(TYPE_TENSOR_TYPE, tensorType));
        return message(out -> {
            out.writeString(VALUE_INFO_NAME, name);
            out.writeByteArray(VALUE_INFO_TYPE, type);
        });
    }

    /**
     * Writes one message body; nested messages are written to their own buffers first to know their length. Shared
     * with {@link OnnxGraph}'s output editing.
     */
    static byte[] message(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }
}
