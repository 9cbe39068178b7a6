package org.prunedistill.claimcheck;

import java.util.regex.Pattern;

/**
 * Content-addressed object keys: {@code <prefix>/<sha256 of the bytes>.<extension>}.
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
    /** Prefix of uploaded recordings. */
    public static final String RECORDINGS = "recordings";

    private static final Pattern VALID =
            Pattern.compile("(tensors|documents|results|recordings)/[0-9a-f]{64}\\.(npy|json)");

    private ObjectKeys() {
    }


    /** The key the bytes are stored under. */
    public static String keyFor(String prefix, byte[] bytes, String extension) {
        String key = prefix + "/" + Sha256.hex(bytes) + "." + extension;
        requireValid(key);
        return key;
    }

    /**
     * Checks that a key taken from an event has the content-addressed form.
     *
     * @throws IllegalArgumentException naming the key otherwise
     */
    public static String requireValid(String key) {
        if (key == null || !VALID.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid object key " + Excerpt.of(key)
                    + ": expected <tensors|documents|results|recordings>/<64 hex digits>.<npy|json>");
        }
        return key;
    }
}
