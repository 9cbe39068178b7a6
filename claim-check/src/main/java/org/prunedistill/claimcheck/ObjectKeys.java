package org.prunedistill.claimcheck;

import java.util.regex.Pattern;

/**
 * Content-addressed object keys: {@code <prefix>/<sha256 of the bytes>.<extension>}, and {@code inputs/<sha256>} for
 * the files users upload.
 *
 * <p>The same bytes always get the same key, so a re-run stores nothing twice, and a key can never be served with
 * other content. Keys from events are validated against the same grammar, which rules out path traversal.
 */
public final class ObjectKeys {

    /** Prefix of activation tensors. */
    public static final String TENSORS = "tensors";
    /** Prefix of JSON documents: stimulus metadata, condition tables. */
    public static final String DOCUMENTS = "documents";
    /** Prefix of per-unit result tables. */
    public static final String RESULTS = "results";
    /**
     * Prefix of uploaded inputs (recordings, condition tables, ONNX models, image archives, metadata tables). Their
     * keys have no extension: the format of an input is told by its content (the extractor reads magic bytes or
     * parses), never by a name, so the same bytes uploaded as {@code a.npy} and {@code copy.bin} are one object.
     */
    public static final String INPUTS = "inputs";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VALID =
            Pattern.compile("(tensors|documents|results)/[0-9a-f]{64}\\.(npy|json)|inputs/[0-9a-f]{64}");

    private ObjectKeys() {
    }


    /** The key the bytes are stored under. */
    public static String keyFor(String prefix, byte[] bytes, String extension) {
        String key = prefix + "/" + Sha256.hex(bytes) + "." + extension;
        requireValid(key);
        return key;
    }

    /**
     * The key of an uploaded input with this SHA-256.
     *
     * @throws IllegalArgumentException unless {@code sha256} is 64 lower-case hex digits
     */
    public static String inputKey(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 '" + shortened(sha256) + "' is not 64 lower-case hex digits");
        }
        return INPUTS + "/" + sha256;
    }

    /** At most 80 characters of a text a client sent, for a message. */
    private static String shortened(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /**
     * Checks that a key taken from an event has the content-addressed form.
     *
     * @throws IllegalArgumentException naming the key otherwise
     */
    public static String requireValid(String key) {
        if (key == null || !VALID.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid object key " + Excerpt.of(key)
                    + ": expected <tensors|documents|results>/<64 hex digits>.<npy|json> or inputs/<64 hex digits>");
        }
        return key;
    }
}
