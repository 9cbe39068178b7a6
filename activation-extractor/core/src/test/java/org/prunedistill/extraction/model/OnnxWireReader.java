package org.prunedistill.extraction.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side decoder of the few ModelProto fields the writer emits, written independently of
 * {@link OnnxModelWriter} from the onnx.proto field numbers, so the tests check the wire format and can pull the
 * weights out of the bytes for the reference forward pass.
 */
final class OnnxWireReader {

    /** What the tests look at in a decoded model. */
    record Model(long irVersion, String producer, long opsetVersion, List<String> opTypes,
                 Map<String, Tensor> initializers, List<String> inputs, List<String> outputs) {
    }

    /** A float initializer in C order. */
    record Tensor(long[] dims, float[] values) {
    }

    private OnnxWireReader() {
    }

    static Model read(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long irVersion = -1;
        String producer = null;
        long opset = -1;
        Graph graph = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> irVersion = in.readInt64();
                case 2 -> producer = in.readString();
                case 7 -> graph = readGraph(in.readByteArray());
                case 8 -> opset = readOpsetVersion(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new IOException("no graph");
        }
        return new Model(irVersion, producer, opset, graph.opTypes, graph.initializers, graph.inputs,
                graph.outputs);
    }

    private static final class Graph {
        private final List<String> opTypes = new ArrayList<>();
        private final Map<String, Tensor> initializers = new LinkedHashMap<>();
        private final List<String> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
    }

    private static Graph readGraph(byte[] bytes) throws IOException {
        Graph graph = new Graph();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> graph.opTypes.add(stringField(in.readByteArray(), 4));
                case 5 -> readInitializer(in.readByteArray(), graph.initializers);
                case 11 -> graph.inputs.add(stringField(in.readByteArray(), 1));
                case 12 -> graph.outputs.add(stringField(in.readByteArray(), 1));
                default -> in.skipField(tag);
            }
        }
        return graph;
    }

    private static void readInitializer(byte[] bytes, Map<String, Tensor> into) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Long> dims = new ArrayList<>();
        String name = null;
        byte[] raw = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> dims.add(in.readInt64());
                case 2 -> {
                    if (in.readInt32() != 1) {
                        throw new IOException("initializer is not FLOAT");
                    }
                }
                case 8 -> name = in.readString();
                case 9 -> raw = in.readByteArray();
                default -> in.skipField(tag);
            }
        }
        float[] values = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        into.put(name, new Tensor(dims.stream().mapToLong(Long::longValue).toArray(), values));
    }

    private static long readOpsetVersion(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long version = -1;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 2) {
                version = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
        return version;
    }

    /** The first string at {@code field} of a message (op_type of a node, name of a value info). */
    private static String stringField(byte[] bytes, int field) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == field) {
                return in.readString();
            }
            in.skipField(tag);
        }
        throw new IOException("field " + field + " absent");
    }
}
