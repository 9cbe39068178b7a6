package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

/** A replay with the same parameters lands on the same result key; other parameters stand beside it. */
class SourceKeysTest {

    private static final SourceRef POOL2 = SourceRef.newBuilder().setRunId("r1").setKind(SourceKind.SOURCE_KIND_LAYER)
            .setName("pool2").setCheckpoint("trained").build();

    @Test
    void theSameParametersInAnyOrderGiveTheSameKey() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("subsamples", "50");
        forward.put("fraction", "0.9");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("fraction", "0.9");
        backward.put("subsamples", "50");
        String key = SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", forward);
        assertEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", backward));
        assertTrue(key.startsWith("r1/layer/pool2/trained/intrinsic-dimension/twonn/"), key);
    }

    @Test
    void aChangedParameterOrAnotherEstimatorOrSourceGivesAnotherKey() {
        String key = SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", Map.of("subsamples", "50"));
        assertNotEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", Map.of("subsamples", "51")));
        assertNotEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn",
                Map.of("subsamples", "50", "seed", "1")));
        assertNotEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "gride", Map.of("subsamples", "50")));
        assertNotEquals(key, SourceKeys.resultKey(POOL2.toBuilder().setCheckpoint("early").build(),
                "intrinsic-dimension", "twonn", Map.of("subsamples", "50")));
    }
}
