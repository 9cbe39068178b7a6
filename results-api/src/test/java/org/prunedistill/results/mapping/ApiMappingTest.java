package org.prunedistill.results.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Estimate;
import org.prunedistill.events.v1.SourceRef;

class ApiMappingTest {

    private static final SourceRef LAYER = SourceRef.newBuilder().setRunId("r").setName("fc1").build();

    @Test
    void decodingSummariesBecomeInformationPointsWithTheirErrors() {
        AnalysisResult single = AnalysisResult.newBuilder().setSource(LAYER).setAnalysis("information")
                .setEstimator("single-unit-decoding").setResultKey("r/single")
                .addValues(value("units", 64, null))
                .addValues(value("single-unit separability.above-chance.median", 0.42, 0.03))
                .addValues(value("single-unit separability.above-chance.undefined", 2, null))
                .addValues(value("single-unit generalisation.percent-correct.median", 71.5, 1.5))
                .build();
        AnalysisResult population = AnalysisResult.newBuilder().setSource(LAYER).setAnalysis("information")
                .setEstimator("population-decoding").setResultKey("r/population")
                .addValues(value("population separability (12 units).above-chance.mean", 0.8, 0.1))
                .addValues(value("population generalisation (12 units).percent-correct.mean", 90, null))
                .build();
        List<InformationPoint> points = ApiMapping.informationPoints(List.of(single, population));
        assertEquals(4, points.size(), points.toString());

        InformationPoint separability = point(points, "single-unit separability", "above-chance");
        assertEquals(0.42, separability.getMedian());
        assertTrue(separability.getHasMedianError());
        assertEquals(0.03, separability.getMedianError());
        assertEquals(64, separability.getUnits());
        assertEquals(71.5, point(points, "single-unit generalisation", "percent-correct").getMedian());

        InformationPoint pseudo = point(points, "population separability (12 units)", "above-chance");
        assertEquals(12, pseudo.getUnits(), "a population point's units are its size");
        assertEquals(0.1, pseudo.getMedianError(), "the SD over resamplings");
        assertFalse(point(points, "population generalisation (12 units)", "percent-correct").getHasMedianError());
    }

    private static Estimate value(String name, double value, Double error) {
        Estimate.Builder estimate = Estimate.newBuilder().setName(name).setValue(value);
        if (error != null) {
            estimate.setError(error);
        }
        return estimate.build();
    }

    private static InformationPoint point(List<InformationPoint> points, String quantity, String correction) {
        return points.stream().filter(p -> p.getQuantity().equals(quantity) && p.getCorrection().equals(correction))
                .findFirst().orElseThrow(() -> new AssertionError(quantity + "/" + correction + " in " + points));
    }
}
