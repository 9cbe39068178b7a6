package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.extraction.inputs.InputRoots;
import org.prunedistill.extractor.config.ExtractorConfig;

/**
 * Reads the files a run names (recordings, condition tables, ONNX models, image folders): {@code s3://<bucket>/<key>}
 * objects of the pipeline's own bucket (no other bucket, no ".." in keys), or {@code file://} paths of the extractor's
 * machine under the roots the operator allows ({@link InputRoots}: checked, size included, before a byte is read).
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
            return store.fetchKey(path.substring(slash + 1));
        }
        Path file = roots().file(uri, what);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read " + uri + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
