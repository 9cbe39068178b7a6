package org.prunedistill.messaging;

import org.prunedistill.claimcheck.Sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.PcIdParameters;
import org.prunedistill.events.v1.PerUnitColumn;
import org.prunedistill.events.v1.PerUnitTable;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.TwoNnParameters;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.events.v1.UnitSampling;

/** A replay with the same typed parameters lands on the same result key; other parameters stand beside it. */
class SourceKeysTest {

    private static final SourceRef POOL2 = SourceRef.newBuilder().setRunId("r1").setKind(SourceKind.SOURCE_KIND_LAYER)
            .setName("pool2").setCheckpoint("trained").build();
    private static final EstimatorParameters TWO_NN = EstimatorParameters.newBuilder()
            .setUnitSampling(UnitSampling.newBuilder().setSample(UnitSampleKind.UNIT_SAMPLE_KIND_ALL))
            .setTwoNn(TwoNnParameters.newBuilder().setFraction(0.9).setSubsamples(50).setSubsampleFraction(0.9)
                    .setSubsampleSize(342).setSeed(0))
            .build();

    @Test
    void theSameParametersBuiltInAnyOrderGiveTheSameKey() {
        EstimatorParameters backwards = EstimatorParameters.newBuilder()
                .setTwoNn(TwoNnParameters.newBuilder().setSeed(0).setSubsampleSize(342).setSubsampleFraction(0.9)
                        .setSubsamples(50).setFraction(0.9))
                .setUnitSampling(UnitSampling.newBuilder().setSample(UnitSampleKind.UNIT_SAMPLE_KIND_ALL))
                .build();
        String key = SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", TWO_NN);
        assertEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", backwards));
        String prefix = "r1/layer/pool2/trained/intrinsic-dimension/twonn/";
        assertTrue(key.startsWith(prefix), key);
        assertEquals(SourceKeys.HASH_DIGITS, key.length() - prefix.length(), key);
    }

    @Test
    void theKeyHashesTheDeterministicSerialisationOfTheParameters() {
        byte[] canonical = SourceKeys.canonicalBytes(TWO_NN);
        assertArrayEquals(TWO_NN.toByteArray(), canonical, "no map field: the plain serialisation is canonical");
        assertTrue(SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", TWO_NN)
                .endsWith("/" + Sha256.hex(canonical).substring(0, SourceKeys.HASH_DIGITS)));
    }

    @Test
    void aChangedParameterOrAnotherEstimatorOrSourceGivesAnotherKey() {
        String key = SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", TWO_NN);
        EstimatorParameters moreSubsamples = TWO_NN.toBuilder()
                .setTwoNn(TWO_NN.getTwoNn().toBuilder().setSubsamples(51)).build();
        assertNotEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", moreSubsamples));
        EstimatorParameters seeded = TWO_NN.toBuilder().setTwoNn(TWO_NN.getTwoNn().toBuilder().setSeed(1)).build();
        assertNotEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "twonn", seeded));
        assertNotEquals(key, SourceKeys.resultKey(POOL2, "intrinsic-dimension", "gride", TWO_NN));
        assertNotEquals(key, SourceKeys.resultKey(POOL2.toBuilder().setCheckpoint("early").build(),
                "intrinsic-dimension", "twonn", TWO_NN));
        EstimatorParameters pcId = EstimatorParameters.newBuilder().setUnitSampling(TWO_NN.getUnitSampling())
                .setPcId(PcIdParameters.newBuilder().setVarianceThreshold(0.9).setStandardised(true)).build();
        assertNotEquals(SourceKeys.resultKey(POOL2, "intrinsic-dimension", "pc-id", pcId),
                SourceKeys.resultKey(POOL2, "intrinsic-dimension", "pc-id", pcId.toBuilder()
                        .setPcId(pcId.getPcId().toBuilder().setVarianceThreshold(0.8)).build()));
    }

    @Test
    void rewordingANoteOrAColumnLabelKeepsTheKey() {
        AnalysisResult result = AnalysisResult.newBuilder().setSource(POOL2).setAnalysis("information")
                .setEstimator("luminance-decomposition").setParameters(TWO_NN)
                .putNotes("f_high", "I_PT(R;S'|L) / I_PT(R;S), NaN when I_PT(R;S) <= 0")
                .setPerUnitTable(PerUnitTable.newBuilder().addColumns(PerUnitColumn.newBuilder().setLabel("f_high(L)")))
                .build();
        AnalysisResult reworded = result.toBuilder()
                .putNotes("f_high", "the luminance-independent fraction of I(R;S)")
                .setPerUnitTable(PerUnitTable.newBuilder().addColumns(PerUnitColumn.newBuilder()
                        .setLabel("high-level fraction (luminance)")))
                .build();
        assertEquals(key(result), key(reworded));
    }

    private static String key(AnalysisResult result) {
        return SourceKeys.resultKey(result.getSource(), result.getAnalysis(), result.getEstimator(),
                result.getParameters());
    }
}
