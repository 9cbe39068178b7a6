package org.prunedistill.extraction.provenance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.prunedistill.claimcheck.Sha256;

/**
 * The key of an extracted source: a SHA-256 over everything that determines its tensors (model hash, checkpoint,
 * preprocessing, stimulus-set hash, seed, layer, batch layout, code fingerprint...), so an identical request finds
 * what a previous run stored, and a change of any input gives another key: a stale entry can never be found.
 *
 * <p>Hashed: the format tag {@value #FORMAT}, then every entry in name order as name and value, each field a 4-byte
 * big-endian length followed by its UTF-8 bytes. Length prefixes keep the encoding unambiguous ({@code a=b, c=d} and
 * {@code a="b\nc=d"} hash differently) and the name order makes it independent of how the entries were collected.
 */
public final class ProvenanceKey {

    /** Tag of this encoding; changing the encoding must change the tag. */
    public static final String FORMAT = "prune-distill/source-provenance/v1";

    private ProvenanceKey() {
    }

    /**
     * 64 lower-case hex characters.
     *
     * @throws IllegalArgumentException if there are no entries, or a name or value is null or a name blank
     */
    public static String of(Map<String, String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("a provenance key needs at least one entry");
        }
        MessageDigest digest = Sha256.newDigest();
        field(digest, FORMAT);
        for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
            if (entry.getKey().isBlank() || entry.getValue() == null) {
                throw new IllegalArgumentException("provenance entry '" + entry.getKey() + "' has no name or value");
            }
            field(digest, entry.getKey());
            field(digest, entry.getValue());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

}
