package org.prunedistill.extraction.model;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Rewrites a model's graph outputs by copying byte ranges: everything before the graph field, the graph payload
 * without its output entries, the new output entries, then everything after the graph. Only the graph field's tag
 * and length prefix are written anew, so weights and every other field come out byte-identical.
 */
final class OnnxOutputSplicer {

    private static final int MODEL_GRAPH = 7;

    private OnnxOutputSplicer() {
    }

    /**
     * @param model         the original ModelProto bytes
     * @param layout        where the graph and its output entries are
     * @param outputFields  complete GraphProto.output fields (tag, length, ValueInfoProto) to append
     */
    static byte[] splice(byte[] model, OnnxGraph.Layout layout, List<byte[]> outputFields) {
        long payload = layout.graphPayloadEnd() - layout.graphPayloadStart();
        for (int[] range : layout.outputFieldRanges()) {
            payload -= range[1] - range[0];
        }
        for (byte[] field : outputFields) {
            payload += field.length;
        }
        if (payload > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the edited graph would exceed 2 GB, the protobuf limit");
        }
        long total = layout.graphTagStart() + CodedOutputStream.computeTagSize(MODEL_GRAPH)
                + CodedOutputStream.computeUInt32SizeNoTag((int) payload) + payload
                + (model.length - layout.graphPayloadEnd());
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the edited model would exceed 2 GB, the protobuf limit");
        }
        byte[] result = new byte[(int) total];
        CodedOutputStream out = CodedOutputStream.newInstance(result);
        try {
            out.writeRawBytes(model, 0, layout.graphTagStart());
            out.writeTag(MODEL_GRAPH, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag((int) payload);
            int from = layout.graphPayloadStart();
            for (int[] range : layout.outputFieldRanges()) {
                out.writeRawBytes(model, from, range[0] - from);
                from = range[1];
            }
            out.writeRawBytes(model, from, layout.graphPayloadEnd() - from);
            for (byte[] field : outputFields) {
                out.writeRawBytes(field);
            }
            out.writeRawBytes(model, layout.graphPayloadEnd(), model.length - layout.graphPayloadEnd());
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return result;
    }
}
