package org.prunedistill.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.results.config.ResultsApiConfig;
import org.prunedistill.results.domain.StoredInput;

/**
 * Uploads of the files runs name, into the claim-check bucket under {@code inputs/<sha256>}.
 *
 * <p>An upload declares the file's SHA-256 and size first. A size above the store's limit
 * ({@code pd.store.max-object-bytes}) is refused then, before a byte is stored; an input the bucket holds already is
 * answered at once. Otherwise the bytes are hashed and counted as they arrive and written to a temporary file (never
 * held in the heap): one byte more than declared is refused at once, a digest or size other than declared at the
 * end. Only then is the file put into the bucket, part by part, and the temporary file deleted. Refusals are
 * {@link IllegalArgumentException}s naming the rule and never quoting content.
 */
@ApplicationScoped
public class InputUploads {

    private static final Logger LOG = Logger.getLogger(InputUploads.class);
    private static final String MEDIA_TYPE = "application/octet-stream";

    @Inject
    ObjectStore store;

    @Inject
    ResultsApiConfig config;

    /**
     * The input with this SHA-256, when the bucket holds it.
     *
     * @throws IllegalArgumentException unless {@code sha256} is 64 lower-case hex digits
     */
    public Optional<StoredInput> find(String sha256) {
        String key = ObjectKeys.inputKey(sha256);
        OptionalLong size = store.size(key);
        return size.isPresent() ? Optional.of(stored(key, sha256, size.getAsLong())) : Optional.empty();
    }

    /**
     * Begins an upload of {@code size} bytes with this SHA-256.
     *
     * @param name the file's name on the client, for the log and messages only
     * @throws IllegalArgumentException for a malformed SHA-256, a negative size or one above the store's limit
     */
    public Upload begin(String sha256, long size, String name) {
        String key = ObjectKeys.inputKey(sha256);
        String what = "upload of " + describe(name) + " (sha256 " + sha256 + ")";
        if (size < 0) {
            throw new IllegalArgumentException(what + ": size " + size + " is negative");
        }
        if (size > store.maxObjectBytes()) {
            throw new IllegalArgumentException(what + ": " + size + " bytes is more than the store takes "
                    + "(pd.store.max-object-bytes = " + store.maxObjectBytes() + ")");
        }
        Optional<StoredInput> present = find(sha256);
        if (present.isPresent()) {
            return new Upload(what, key, sha256, size, present.get(), null, null);
        }
        try {
            Path directory = Path.of(config.inputs().uploadDirectory());
            Files.createDirectories(directory);
            Path part = Files.createTempFile(directory, "pd-upload-", ".part");
            return new Upload(what, key, sha256, size, null, part, Files.newOutputStream(part));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a temporary file for the " + what, e);
        }
    }

    private StoredInput stored(String key, String sha256, long size) {
        return new StoredInput(key, "s3://" + store.bucket() + "/" + key, sha256, size);
    }

    /** A client's file name for messages: at most 120 characters, printable ones only. */
    private static String describe(String name) {
        String printable = name == null || name.isBlank() ? "an input" : name.replaceAll("[^\\p{Graph} ]", "?");
        return printable.length() <= 120 ? printable : printable.substring(0, 120) + "...";
    }

    /**
     * One upload in progress: {@link #write} its chunks in order, then {@link #finish}; {@link #close} always (it
     * deletes the temporary file). Not thread-safe: one caller feeds it.
     */
    public final class Upload implements AutoCloseable {

        private final String what;
        private final String key;
        private final String sha256;
        private final long declaredSize;
        private final StoredInput alreadyPresent;
        private final Path part;
        private final OutputStream out;
        private final MessageDigest digest = Sha256.newDigest();
        private long received;

        private Upload(String what, String key, String sha256, long declaredSize, StoredInput alreadyPresent,
                       Path part, OutputStream out) {
            this.what = what;
            this.key = key;
            this.sha256 = sha256;
            this.declaredSize = declaredSize;
            this.alreadyPresent = alreadyPresent;
            this.part = part;
            this.out = out;
        }

        /** The input, when the bucket held it already: nothing is to be sent then. */
        public Optional<StoredInput> alreadyPresent() {
            return Optional.ofNullable(alreadyPresent);
        }

        /**
         * Appends a chunk.
         *
         * @throws IllegalArgumentException when the bytes so far exceed the declared size
         */
        public void write(byte[] chunk) {
            requireToBeSent();
            if (chunk.length > declaredSize - received) {
                throw new IllegalArgumentException(what + ": more bytes arrived than the " + declaredSize
                        + " declared");
            }
            received += chunk.length;
            digest.update(chunk);
            try {
                out.write(chunk);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the " + what + " to " + part, e);
            }
        }

        /**
         * Verifies size and digest and puts the file into the bucket.
         *
         * @throws IllegalArgumentException when fewer bytes arrived than declared or their SHA-256 differs
         */
        public StoredInput finish() {
            requireToBeSent();
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the " + what + " to " + part, e);
            }
            if (received != declaredSize) {
                throw new IllegalArgumentException(what + ": " + received + " bytes arrived, " + declaredSize
                        + " were declared");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new IllegalArgumentException(what + ": the bytes that arrived have sha256 " + actual
                        + ", not the declared one; nothing was stored");
            }
            store.putFile(key, part, MEDIA_TYPE);
            LOG.infof("stored the %s as %s (%d bytes)", what, key, received);
            return stored(key, sha256, received);
        }

        private void requireToBeSent() {
            if (alreadyPresent != null) {
                throw new IllegalStateException(what + ": the input is present already, nothing is to be sent");
            }
        }

        @Override
        public void close() {
            if (part == null) {
                return;
            }
            try {
                out.close();
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warnf("cannot delete the temporary file %s of the %s: %s", part, what, e);
            }
        }
    }
}
