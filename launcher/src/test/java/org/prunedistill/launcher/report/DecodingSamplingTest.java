package org.prunedistill.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.Run;
import org.prunedistill.events.v1.DecodingProfile;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.InformationQuantity;

/** The report says how the decoding was sampled, from the profile and sizes results-api serves with each point. */
class DecodingSamplingTest {

    @Test
    void aQuickRunNamesItsSizesAndWhatThePapersProfileDoesInstead() {
        InformationPoint single = decoding(1, DecodingProfile.DECODING_PROFILE_QUICK).putParameters(
                "unit_sampling.max_units", "64").putParameters("pairs_per_unit", "3")
                .putParameters("generalisation_repetitions", "100").build();
        InformationPoint population = decoding(6, DecodingProfile.DECODING_PROFILE_QUICK).putParameters(
                "unit_sampling.max_units", "256").putParameters("sizes", "6,24,96").putParameters("resamplings", "3")
                .putParameters("pairs", "2").build();
        assertEquals("Decoding profile: quick (single units: at most 64 included units x at most 3 passing pairs, "
                + "100 generalisation repetitions; pseudo-populations of 6,24,96 units from at most 256 included "
                + "units, 3 resamplings, at most 2 passing pairs each). Not the paper's sampling: the paper profile "
                + "(pd.info.decoding.profile=paper, the service's default) decodes every included unit and every "
                + "object pair passing Th, with 1000 generalisation repetitions and pseudo-populations of 6, 12, 24, "
                + "48 and 96 units resampled 50 times.", DecodingSampling.describe(profiles(single, population,
                        single.toBuilder().setSource(single.getSource().toBuilder().setName("fc1")).build())));
    }

    @Test
    void thePapersProfileIsNamedWithoutAnAside() {
        InformationPoint single = decoding(1, DecodingProfile.DECODING_PROFILE_PAPER).putParameters(
                "unit_sampling.max_units", "0").putParameters("pairs_per_unit", "0")
                .putParameters("generalisation_repetitions", "1000").build();
        assertEquals("Decoding profile: paper (single units: all included units x all passing pairs, 1000 "
                + "generalisation repetitions).", DecodingSampling.describe(profiles(single)));
    }

    @Test
    void aRunWithoutDecodingSaysNothingAboutIt() {
        InformationPoint information = InformationPoint.newBuilder().setMeasure(SummaryTable.information(
                InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE)).build();
        assertEquals("", DecodingSampling.describe(profiles(information)));
    }

    private static InformationPoint.Builder decoding(int size, DecodingProfile profile) {
        return InformationPoint.newBuilder().setMeasure(SummaryTable.decoding(DecodingTask.DECODING_TASK_SEPARABILITY,
                size)).setDecodingProfile(profile);
    }

    private static RunProfiles profiles(InformationPoint... points) {
        return new RunProfiles(Run.getDefaultInstance(), IdProfile.getDefaultInstance(),
                InformationProfile.newBuilder().addAllPoints(java.util.List.of(points)).build(),
                GetFindingsResponse.getDefaultInstance(), ChangeProfile.getDefaultInstance());
    }
}
