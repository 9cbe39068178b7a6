package org.prunedistill.claimcheck;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash of the project: content-addressed keys, model and stimulus hashes, tokens. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest to feed in parts. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The digest of the bytes. */
    public static byte[] digest(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** Lower-case hex digest of the bytes. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** Lower-case hex digest of the text's UTF-8 bytes. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
