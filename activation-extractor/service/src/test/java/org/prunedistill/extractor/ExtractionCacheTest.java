package org.prunedistill.extractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.UnitFeatures;

/** The stored form of a cache entry reads back as written, and anything else is refused rather than half-used. */
class ExtractionCacheTest {

    private static ExtractionCache.Entry entry() {
        SourceRef source = SourceRef.newBuilder().setRunId("first").setName("pool2").setCheckpoint("trained").build();
        List<ActivationBatch> batches = List.of(batch(source, 0, "1"), batch(source, 1, "2"));
        SourceManifest manifest = SourceManifest.newBuilder().setSource(source)
                .addAllBatches(batches.stream().map(ActivationBatch::getTensor).toList())
                .addTotalShape(4).addTotalShape(2).addTotalShape(10)
                .build();
        return new ExtractionCache.Entry(batches, manifest);
    }

    private static ActivationBatch batch(SourceRef source, int index, String digit) {
        return ActivationBatch.newBuilder().setSource(source).setBatchIndex(index).setBatchCount(2)
                .addConditionIndices(2 * index).addConditionIndices(2 * index + 1)
                .setTensor(ObjectRef.newBuilder().setKey("tensors/" + digit.repeat(64) + ".npy").setBytes(208))
                .build();
    }

    @Test
    void anEntryReadsBackAsWritten() throws IOException {
        assertEquals(entry(), ExtractionCache.decode(ExtractionCache.encode(entry())));
    }

    @Test
    void anEntryKeepsAndClaimsItsUnitFeaturesCoverageIncluded() throws IOException {
        ExtractionCache.Entry plain = entry();
        UnitFeatures features = UnitFeatures.newBuilder().setPositions(4).setRfMap("input-window")
                .setRfLuminance(ref("a")).setRfContrast(ref("b")).setRfAzimuth(ref("c")).setRfCoverage(ref("d"))
                .build();
        ExtractionCache.Entry masked = new ExtractionCache.Entry(plain.batches(),
                plain.manifest().toBuilder().setUnitFeatures(features).build());
        ExtractionCache.Entry back = ExtractionCache.decode(ExtractionCache.encode(masked));
        assertEquals(ref("d"), back.manifest().getUnitFeatures().getRfCoverage());
        assertEquals(List.of("tensors/" + "1".repeat(64) + ".npy", "tensors/" + "2".repeat(64) + ".npy",
                        ref("a").getKey(), ref("b").getKey(), ref("c").getKey(), ref("d").getKey()),
                ExtractionCache.claims(back).map(ObjectRef::getKey).toList(), "an entry is used only if all are there");
        ExtractionCache.Entry unmasked = new ExtractionCache.Entry(plain.batches(), plain.manifest().toBuilder()
                .setUnitFeatures(features.toBuilder().clearRfCoverage()).build());
        assertEquals(5, ExtractionCache.claims(unmasked).count(), "no coverage, no claim of it");
    }

    private static ObjectRef ref(String digit) {
        return ObjectRef.newBuilder().setKey("tensors/" + digit.repeat(64) + ".npy").setBytes(144).build();
    }

    @Test
    void aTruncatedPaddedOrFlippedEntryIsRefused() {
        byte[] bytes = ExtractionCache.encode(entry());
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            IOException e = assertThrows(IOException.class, () -> ExtractionCache.decode(truncated),
                    "truncated to " + length);
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        }
        assertThrows(IOException.class, () -> ExtractionCache.decode(Arrays.copyOf(bytes, bytes.length + 3)));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        assertThrows(IOException.class, () -> ExtractionCache.decode(flipped));
    }

    @Test
    void batchesThatDisagreeWithTheManifestAreRefused() {
        ExtractionCache.Entry good = entry();
        ExtractionCache.Entry swapped = new ExtractionCache.Entry(List.of(good.batches().get(1),
                good.batches().get(0)), good.manifest());
        IOException e = assertThrows(IOException.class,
                () -> ExtractionCache.decode(ExtractionCache.encode(swapped)), "the digest is right, the order not");
        assertTrue(e.getMessage().contains("batch 0 of 2"), e.getMessage());
    }
}
