package org.prunedistill.messaging;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

/** Kafka keys and result keys derived from a source, so every service computes them the same way. */
public final class SourceKeys {

    /** Hex digits of the parameters' SHA-256 a result key keeps (48 bits). */
    static final int HASH_DIGITS = 12;

    private SourceKeys() {
    }

    /** {@code <run>/<layer|area>/<name>/<checkpoint>}: the key of every activation event of one source. */
    public static String sourceKey(SourceRef source) {
        return source.getRunId() + "/" + kindName(source.getKind()) + "/" + source.getName() + "/"
                + source.getCheckpoint();
    }

    /**
     * The key of one analysis result: the source, the analysis, the estimator and the first {@value #HASH_DIGITS} hex
     * digits of the SHA-256 of the typed parameters' deterministic serialisation, so that a replay with the same
     * parameters overwrites and one with other parameters stands beside it. Words for people (a result's notes, column
     * labels) never enter it.
     */
    public static String resultKey(SourceRef source, String analysis, String estimator,
                                   EstimatorParameters parameters) {
        String hash = Sha256.hex(canonicalBytes(parameters)).substring(0, HASH_DIGITS);
        return sourceKey(source) + "/" + analysis + "/" + estimator + "/" + hash;
    }

    /**
     * A message serialised deterministically (fields in number order, map entries sorted): the parameters of a
     * result key (which hold no map), the content of a manifest.
     */
    static byte[] canonicalBytes(MessageLite message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.getSerializedSize());
        CodedOutputStream output = CodedOutputStream.newInstance(bytes);
        output.useDeterministicSerialization();
        try {
            message.writeTo(output);
            output.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("serialising a message in memory", e);
        }
        return bytes.toByteArray();
    }

    /** "layer" or "area". */
    public static String kindName(SourceKind kind) {
        return switch (kind) {
            case SOURCE_KIND_LAYER -> "layer";
            case SOURCE_KIND_AREA -> "area";
            default -> "unknown";
        };
    }
}
