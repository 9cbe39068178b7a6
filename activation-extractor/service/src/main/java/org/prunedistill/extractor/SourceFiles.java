package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prunedistill.claimcheck.ObjectStore;

/**
 * Reads the files a run names (recordings, condition tables, ONNX models): {@code file://} paths on the extractor's
 * machine, or {@code s3://<bucket>/<key>} objects of the pipeline's own bucket (no other bucket, no ".." in keys).
 */
@ApplicationScoped
public class SourceFiles {

    @Inject
    ObjectStore store;

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
        try {
            return Files.readAllBytes(Path.of(URI.create(uri)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": cannot read " + uri + " (" + e + ")", e);
        }
    }
}
