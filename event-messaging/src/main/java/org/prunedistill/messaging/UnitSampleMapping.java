package org.prunedistill.messaging;

import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.events.v1.UnitCounts;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.events.v1.UnitSampling;

/** A {@link UnitSample} as every result records it: the typed sampling parameters and the unit counts. */
public final class UnitSampleMapping {

    private UnitSampleMapping() {
    }

    /**
     * The sampling parameters: every unit, or a seeded subset with its seed.
     *
     * @param maxUnits the configured largest number of units, 0 for none
     */
    public static UnitSampling sampling(UnitSample sample, int maxUnits) {
        return UnitSampling.newBuilder()
                .setSample(sample.subset() ? UnitSampleKind.UNIT_SAMPLE_KIND_SEEDED_SUBSET
                        : UnitSampleKind.UNIT_SAMPLE_KIND_ALL)
                .setMaxUnits(maxUnits)
                .setSeed(sample.subset() ? sample.seed() : 0)
                .build();
    }

    /** Units of the source and units the sample holds. */
    public static UnitCounts counts(UnitSample sample) {
        return UnitCounts.newBuilder().setInSource(sample.unitsInSource()).setAnalysed(sample.units().length).build();
    }
}
