package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.extractor.config.ExtractorConfig;

/**
 * Sources extracted before, found by their provenance key: the claims of a source (its batch events and manifest)
 * are stored under {@code extraction-cache/<key>.pb} once it is published, so an identical request republishes them
 * instead of rendering and running the network again. The key covers everything that determines the tensors
 * ({@link org.prunedistill.extraction.provenance.ProvenanceKey}); the tensors themselves are content-addressed, so
 * an entry is used only when every object it claims is still in the store.
 */
@ApplicationScoped
public class ExtractionCache {

    static final String PREFIX = "extraction-cache/";
    private static final int DIGEST_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(ExtractionCache.class);

    @Inject
    ObjectStore store;

    @Inject
    ExtractorConfig config;

    /** A source as a previous run published it. */
    record Entry(List<ActivationBatch> batches, SourceManifest manifest) {
    }

    /** The entry under this key, if reuse is on, it exists, reads back whole and all its objects are there. */
    Optional<Entry> find(String key) {
        if (!config.extraction().reuse()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = store.fetchKey(PREFIX + key + ".pb");
        } catch (ClaimCheckException e) {
            if (e.problem() == ClaimCheckException.Problem.MISSING_OBJECT) {
                return Optional.empty();
            }
            throw e;
        }
        Entry entry;
        try {
            entry = decode(bytes);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("extraction cache entry %s is unreadable (%s); extracting again", key, e.getMessage());
            return Optional.empty();
        }
        Optional<ObjectRef> missing = claims(entry).filter(ref -> !store.exists(ref.getKey())).findFirst();
        if (missing.isPresent()) {
            LOG.warnf("extraction cache entry %s claims %s, which is gone; extracting again", key,
                    missing.get().getKey());
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** Remembers a published source under its key (replacing an older entry of the same key). */
    void remember(String key, Entry entry) {
        if (config.extraction().reuse()) {
            store.putNamed(PREFIX + key + ".pb", encode(entry), "application/octet-stream");
        }
    }

    /**
     * The manifest, then each of its batch events, as length-delimited messages, then the SHA-256 of all that: protobuf
     * reads a cut message as a shorter valid one, so the digest is what tells a whole entry from a truncated one.
     */
    static byte[] encode(Entry entry) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            entry.manifest().writeDelimitedTo(out);
            for (ActivationBatch batch : entry.batches()) {
                batch.writeDelimitedTo(out);
            }
            out.write(digest(out.toByteArray(), out.size()));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
    }

    static Entry decode(byte[] bytes) throws IOException {
        int length = bytes.length - DIGEST_BYTES;
        if (length < 0 || !MessageDigest.isEqual(digest(bytes, length),
                Arrays.copyOfRange(bytes, length, bytes.length))) {
            throw new IOException("truncated or corrupt entry (" + bytes.length + " bytes; digest mismatch)");
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, 0, length);
        SourceManifest manifest = SourceManifest.parseDelimitedFrom(in);
        if (manifest == null) {
            throw new IOException("empty entry");
        }
        List<ActivationBatch> batches = new ArrayList<>(manifest.getBatchesCount());
        for (int i = 0; i < manifest.getBatchesCount(); i++) {
            ActivationBatch batch = ActivationBatch.parseDelimitedFrom(in);
            if (batch == null || !batch.getTensor().equals(manifest.getBatches(i))) {
                throw new IOException("batch " + i + " of " + manifest.getBatchesCount() + " is missing or differs"
                        + " from the manifest");
            }
            batches.add(batch);
        }
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes after the last batch");
        }
        return new Entry(List.copyOf(batches), manifest);
    }

    private static byte[] digest(byte[] bytes, int length) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(bytes, 0, length);
        return sha256.digest();
    }

    /** Every object an entry claims: tensors, stimulus metadata and unit features (unset ones have no key). */
    static Stream<ObjectRef> claims(Entry entry) {
        SourceManifest manifest = entry.manifest();
        List<ObjectRef> refs = new ArrayList<>(manifest.getBatchesList());
        refs.add(manifest.getStimulusMetadata());
        if (manifest.hasUnitFeatures()) {
            refs.add(manifest.getUnitFeatures().getRfLuminance());
            refs.add(manifest.getUnitFeatures().getRfContrast());
            refs.add(manifest.getUnitFeatures().getRfAzimuth());
            refs.add(manifest.getUnitFeatures().getRfCoverage());
        }
        return refs.stream().filter(ref -> !ref.getKey().isEmpty()).distinct();
    }
}
