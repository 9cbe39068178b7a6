package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.extraction.inputs.InputRoots;
import org.prunedistill.extractor.config.ExtractorConfig;

/**
 * Reads the files a run names (recordings, condition tables, ONNX models, image folders): {@code s3://<bucket>/<key>}
 * objects of the pipeline's own bucket (no other bucket, no ".." in keys), or {@code file://} paths of the extractor's
 * machine under the roots the operator allows ({@link InputRoots}: checked, size included, before a byte is read).
 *
 * <p>Uploads through results-api ({@code InputService}) are {@code s3://<bucket>/inputs/<sha256>}: their bytes are
 * checked against the hash their key names before use.
 */
@ApplicationScoped
public class SourceFiles {

    @Inject
    ObjectStore store;

    @Inject
    ExtractorConfig config;

    private volatile InputRoots roots;

    /** The allowed roots, resolved once (a missing root fails the first file:// input, naming it). */
    private InputRoots roots() {
        if (roots == null) {
            roots = InputRoots.of(config.inputRoots().orElse(List.of()), store.maxObjectBytes());
        }
        return roots;
    }

    /**
     * A folder a run names ({@code file://} only): its real path, under an allowed root.
     *
     * @throws IllegalArgumentException naming {@code what}, the URI and the rule broken
     */
    public Path folder(String uri, String what) {
        return roots().directory(uri, what);
    }

    /**
     * A file a run names ({@code file://} only): its real path, under an allowed root, within the size limit.
     *
     * @throws IllegalArgumentException naming {@code what}, the URI and the rule broken
     */
    public Path file(String uri, String what) {
        return roots().file(uri, what);
    }

    /**
     * The file's bytes.
     *
     * @param what names the file in error messages, e.g. "area V1" or "model alexnet"
     * @throws IllegalArgumentException naming {@code what} and the URI when the file cannot be read
     */
    public byte[] read(String uri, String what) {
        if (uri.startsWith("s3://")) {
            String path = uri.substring("s3://".length());
            int slash = path.indexOf('/');
            if (slash < 0 || !path.substring(0, slash).equals(store.bucket()) || path.contains("..")) {
                throw new IllegalArgumentException(what + ": " + uri + " is not an object of bucket " + store.bucket());
            }
            String key = path.substring(slash + 1);
            byte[] bytes = store.fetchKey(key);
            if (key.startsWith(ObjectKeys.INPUTS + "/")) {
                requireContent(bytes, key, uri, what);
            }
            return bytes;
        }
        Path file = roots().file(uri, what);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read " + uri + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** An uploaded input holds the bytes its key names, or it was altered in the bucket: refuse it. */
    private static void requireContent(byte[] bytes, String key, String uri, String what) {
        String expected = key.substring(ObjectKeys.INPUTS.length() + 1);
        if (!Sha256.hex(bytes).equals(expected)) {
            throw new IllegalArgumentException(what + ": " + uri + " does not hold the bytes its key names (sha256 "
                    + expected + "): the object was altered in the bucket; upload the file again");
        }
    }
}
