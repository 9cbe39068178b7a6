package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.Answer;
import org.prunedistill.api.v1.Finding;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.Verdict;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.SyntheticHierarchy;

/**
 * Four recorded areas in one run, as one hierarchy: their planted intrinsic dimensions (V1 3, LM 6, LI 8, LL 4) come
 * back in that order along relative depths 0, 1/3, 2/3, 1, each computed on the smallest area's 60 units, and their
 * luminance information falls from V1 to LL. {@link #runAreas} runs the areas in any order, for questions asked along
 * the hierarchy (a reversed order mirrors every trend).
 */
@ExtendWith(WithRunningSystem.class)
class AreaHierarchyIT {

    private static final int CONDITIONS = 500;
    private static final int TRIALS = 4;
    private static final int OBJECTS = 8;
    private static final double NOISE = 0.01;
    /** The smallest area's units: LL's. */
    private static final int COMMON_UNITS = 60;
    /** TwoNN on 500 points of a 3-cube, linearly embedded, noise well below the neighbour distances. */
    private static final double V1_TOLERANCE = 0.4;
    private static final double DEPTH_TOLERANCE = 1e-12;
    /** The same units in another column order change the distances only by float rounding. */
    private static final double SAME_UNITS_SD = 1e-9;

    private static SyntheticHierarchy.Written written;

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();

    @Test
    void fourAreasAreOneProfileInTheirOrderWithTheirIdsRisingThenFallingAsPlanted() throws Exception {
        Run run = runAreas("areas-in-order", List.of("V1", "LM", "LI", "LL"));
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());
        assertEquals(4, run.getSourcesCount());
        run.getSourcesList().forEach(source -> assertEquals(List.of(), source.getFailuresList()));

        List<IdPoint> profile = client.idProfile(run.getRunId()).getPointsList().stream()
                .filter(point -> point.getEstimator().equals("twonn"))
                .sorted(Comparator.comparingInt(point -> point.getSource().getOrder())).toList();
        assertEquals(List.of("V1", "LM", "LI", "LL"), profile.stream().map(point -> point.getSource().getName())
                .toList());
        List<Double> depths = profile.stream().map(point -> point.getSource().getRelativeDepth()).toList();
        for (int i = 0; i < 4; i++) {
            assertEquals(i / 3.0, depths.get(i), DEPTH_TOLERANCE, depths.toString());
        }
        for (IdPoint point : profile) {
            Map<String, String> parameters = point.getParametersMap();
            assertEquals("UNIT_SAMPLE_KIND_EQUAL_UNIT_SUBSETS", parameters.get("unit_sampling.sample"), point.toString());
            assertEquals(Integer.toString(COMMON_UNITS), parameters.get("unit_sampling.max_units"));
            assertEquals("50", parameters.get("unit_sampling.unit_subsets"));
            assertTrue(point.getHasError(), point.toString());
        }
        Map<String, Double> id = profile.stream().collect(Collectors.toMap(point -> point.getSource().getName(),
                IdPoint::getId));
        assertTrue(id.get("V1") < id.get("LM") && id.get("LM") < id.get("LI") && id.get("LI") > id.get("LL")
                && id.get("LL") > id.get("V1"), "planted 3 < 6 < 8 > 4 > 3: " + id);
        assertEquals(3.0, id.get("V1"), V1_TOLERANCE, id.toString());
        assertEquals(0.0, profile.get(3).getError(), SAME_UNITS_SD,
                "LL has just 60 units: every subset is all of them, in another order");
        assertTrue(profile.get(2).getError() > 0, "LI's 120 units give different subsets: " + profile.get(2));

        Map<String, InformationPoint> luminance = client.informationProfile(run.getRunId()).getPointsList().stream()
                .filter(point -> point.getMeasure().getQuantity() == InformationQuantity.INFORMATION_QUANTITY_LUMINANCE
                        && point.getMeasure().getCorrection() == Correction.CORRECTION_PANZERI_TREVES)
                .collect(Collectors.toMap(point -> point.getSource().getName(), Function.identity()));
        Map<String, Double> medians = luminance.values().stream().collect(Collectors.toMap(
                point -> point.getSource().getName(), InformationPoint::getMedian));
        assertTrue(medians.get("V1") > medians.get("LM") && medians.get("LM") > medians.get("LI")
                && medians.get("V1") > medians.get("LL"), "luminance information falls from V1 to LL: " + medians);
        assertEquals(Map.of("V1", 80, "LM", 100, "LI", 120, "LL", 60), luminance.values().stream().collect(
                Collectors.toMap(point -> point.getSource().getName(), InformationPoint::getUnits)),
                "the information medians are over every unit each area contributed");
    }

    @Test
    void anAreaWhoseConditionsDisagreeWithTheTableFailsTheRunPublishingNoArea() throws Exception {
        SyntheticHierarchy.Written areas = areas();
        Path shortLm = Files.createTempDirectory(running.data(), "areas-short").resolve("lm.npy");
        FloatTensor lm = Npy.read(areas.responses().get("LM"));
        int units = lm.dimension(0);
        float[] fewer = new float[units * (CONDITIONS - 1) * TRIALS];
        for (int u = 0; u < units; u++) {
            System.arraycopy(lm.data(), u * CONDITIONS * TRIALS, fewer, u * (CONDITIONS - 1) * TRIALS,
                    (CONDITIONS - 1) * TRIALS);
        }
        Npy.write(FloatTensor.ofFloats(fewer, units, CONDITIONS - 1, TRIALS), shortLm);
        RunSpec spec = RunSpec.newBuilder()
                .addRecordings(area("V1", 0, areas.responses().get("V1"), areas.conditions()))
                .addRecordings(area("LM", 1, shortLm, areas.conditions())).build();
        client.submit("areas-misaligned", spec);
        Run run = client.follow("areas-misaligned", RunningSystem.RUN_TIMEOUT, update -> { });
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertEquals("area LM: the condition table lists 500 conditions, the responses hold 499",
                run.getFailureReason());
        assertEquals(0, run.getSourcesCount(), "V1 was not published either");
    }

    @Test
    void theVerdictsAlongTheAreasNameThePlantedPeakAndAReversedOrderMirrorsThem() throws Exception {
        GetFindingsResponse inOrder = client.findings(completed(runAreas("areas-verdicts",
                List.of("V1", "LM", "LI", "LL"))));
        GetFindingsResponse reversed = client.findings(completed(runAreas("areas-verdicts-reversed",
                List.of("LL", "LI", "LM", "V1"))));

        Finding hunchback = areaHunchback(inOrder);
        assertEquals(Answer.ANSWER_YES, hunchback.getAnswer(), hunchback.toString());
        assertEquals("LI", hunchback.getHunchback().getPeakSource().getName(), "planted 3, 6, 8, 4");
        Finding mirrored = areaHunchback(reversed);
        assertEquals(Answer.ANSWER_YES, mirrored.getAnswer(), "4 < 8 > 6 > 3 rises then falls too: " + mirrored);
        assertEquals("LI", mirrored.getHunchback().getPeakSource().getName());

        HierarchyTrend falling = areaTrend(inOrder, Question.QUESTION_LUMINANCE_PRUNED);
        assertEquals(List.of("V1", "LL"), List.of(falling.getPositions(0).getSource().getName(),
                falling.getPositions(falling.getPositionsCount() - 1).getSource().getName()));
        assertEquals(Verdict.VERDICT_YES, falling.getVerdict(), "planted: luminance information falls " + falling);
        HierarchyTrend rising = areaTrend(reversed, Question.QUESTION_LUMINANCE_PRUNED);
        assertEquals(Verdict.VERDICT_OPPOSITE, rising.getVerdict(), rising.toString());
        // The areas' medians do not depend on their order, so the reversed trend is the same difference, negated.
        assertEquals(-falling.getDifference(), rising.getDifference(), SAME_UNITS_SD);
        assertEquals(falling.getError(), rising.getError(), SAME_UNITS_SD);
    }

    private static String completed(Run run) {
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());
        return run.getRunId();
    }

    /** The hunchback finding along the areas: the one whose profile has no checkpoint. */
    private static Finding areaHunchback(GetFindingsResponse findings) {
        return findings.getFindingsList().stream().filter(finding -> finding.hasHunchback()
                && finding.getHunchback().getCheckpoint().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no hunchback finding along the areas: " + findings));
    }

    private static HierarchyTrend areaTrend(GetFindingsResponse findings, Question question) {
        return findings.getTrendsList().stream().filter(trends -> trends.getQuestion() == question)
                .flatMap(trends -> trends.getTrendsList().stream())
                .filter(trend -> trend.getKind() == SourceKind.SOURCE_KIND_AREA).findFirst()
                .orElseThrow(() -> new AssertionError("no trend along the areas for " + question + ": " + findings));
    }

    /**
     * Runs the synthetic areas in the given order (the hierarchy, from relative depth 0 to 1) and follows the run to
     * its end.
     */
    Run runAreas(String runId, List<String> order) throws Exception {
        SyntheticHierarchy.Written areas = areas();
        RunSpec.Builder spec = RunSpec.newBuilder().setLabel("synthetic areas " + String.join(" -> ", order));
        for (String name : order) {
            spec.addRecordings(area(name, spec.getRecordingsCount(), areas.responses().get(name),
                    areas.conditions()));
        }
        client.submit(runId, spec.build());
        return client.follow(runId, RunningSystem.RUN_TIMEOUT, update -> { });
    }

    private synchronized SyntheticHierarchy.Written areas() throws Exception {
        if (written == null) {
            written = SyntheticHierarchy.write(Files.createTempDirectory(running.data(), "areas"),
                    SyntheticHierarchy.RAT_AREAS, CONDITIONS, TRIALS, OBJECTS, NOISE, 21);
        }
        return written;
    }

    private static RecordingSource area(String name, int order, Path responses, Path conditions) {
        return RecordingSource.newBuilder().setArea(name).setOrder(order).setResponsesUri(responses.toUri().toString())
                .setConditionsUri(conditions.toUri().toString()).build();
    }
}
