package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.SampleRecording;

/** One run from submission to results read over gRPC, through the real Kafka, S3 server and packaged services. */
@ExtendWith(WithRunningSystem.class)
class EndToEndIT {

    /** TwoNN on 300 points of a noiseless-enough 2-D manifold: within this of the true dimension. */
    private static final double DIMENSION_TOLERANCE = 0.4;
    /** Units with Gaussian tuning over the stimulus space carry clearly more than nothing about its objects. */
    private static final double MIN_OBJECT_BITS = 0.1;
    /** GRIDE(1,2) and the TwoNN MLE are the same estimator (to the bisection tolerance). */
    private static final double GRIDE_EQUALS_MLE = 1e-6;

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();

    @Test
    void recordingOnATwoDimensionalManifoldComesBackTwoDimensional() throws Exception {
        Run run = running.referenceRun();
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.toString());
        assertEquals(3, run.getSourcesCount(), "pool2, fc1 and the area");
        run.getSourcesList().forEach(source -> assertEquals(List.of(), source.getFailuresList()));

        List<IdPoint> area = client.idProfile(run.getRunId()).getPointsList().stream()
                .filter(point -> point.getSource().getName().equals("synthetic-2d")).toList();
        for (IdPoint point : estimators(area, "twonn", "twonn-mle")) {
            assertEquals(SampleRecording.TRUE_DIMENSION, point.getId(), DIMENSION_TOLERANCE, point.toString());
            int expectedPoints = point.getEstimator().equals("twonn") ? 270 : 300; // the linear fit keeps 90%
            assertEquals(expectedPoints, point.getPointsUsed(), point.toString());
        }
        List<IdPoint> gride = estimators(area, "gride");
        assertEquals(6, gride.size(), "n2 = 2, 4, ..., 64");
        assertEquals(estimators(area, "twonn-mle").get(0).getId(), gride.get(0).getId(), GRIDE_EQUALS_MLE,
                "GRIDE(1,2) is the TwoNN maximum likelihood");
        for (int i = 1; i < gride.size(); i++) {
            assertTrue(gride.get(i).getScale() > gride.get(i - 1).getScale(), "scales grow with the order");
        }
        assertEquals(1, estimators(area, "pc-id").size());
        assertEquals(1, estimators(area, "participation-ratio").size());
    }

    private static List<IdPoint> estimators(List<IdPoint> points, String... names) {
        List<String> wanted = List.of(names);
        return points.stream().filter(point -> wanted.contains(point.getEstimator())).toList();
    }

    @Test
    void everySourceOfARunStatesWhatProducedIt() throws Exception {
        Run run = running.referenceRun();
        Map<String, String> pool2 = run.getSourcesList().stream()
                .filter(s -> s.getSource().getName().equals("pool2")).findFirst().orElseThrow().getProvenanceMap();
        assertEquals("builtin-cnn-small", pool2.get("model"), pool2.toString());
        assertEquals("random-1", pool2.get("checkpoint"));
        assertEquals(64, pool2.get("model_sha256").length());
        assertEquals("rat-objects", pool2.get("stimulus_set"));
        assertEquals("3", pool2.get("stimulus_seed"));
        Map<String, String> area = run.getSourcesList().stream()
                .filter(s -> s.getSource().getName().equals("synthetic-2d")).findFirst().orElseThrow()
                .getProvenanceMap();
        assertEquals(64, area.get("recording_sha256").length(), area.toString());
    }

    @Test
    void everyLayerGetsAnIdAndInformationAboutObjectsAndLuminance() throws Exception {
        Run run = running.referenceRun();
        List<IdPoint> ids = client.idProfile(run.getRunId()).getPointsList();
        for (String layer : List.of("pool2", "fc1")) {
            List<IdPoint> points = estimators(ids.stream()
                    .filter(point -> point.getSource().getName().equals(layer)).toList(), "twonn", "twonn-mle");
            assertEquals(2, points.size(), layer);
            points.forEach(point -> assertTrue(point.getId() > 1 && point.getId() < 60, point.toString()));
            assertEquals("random-1", points.get(0).getSource().getCheckpoint());
            assertEquals(380, points.get(1).getPointsUsed(), "the MLE uses every condition of the rat design");
        }
        List<InformationPoint> information = client.informationProfile(run.getRunId()).getPointsList();
        List<InformationPoint> wholeSet = information.stream().filter(point -> point.getMeasure().getQuantity()
                == InformationQuantity.INFORMATION_QUANTITY_OBJECT || point.getMeasure().getQuantity()
                == InformationQuantity.INFORMATION_QUANTITY_LUMINANCE).toList();
        assertEquals(3 * 2 * 2, wholeSet.size(), "3 sources x 2 quantities x 2 corrections");
        List<InformationPoint> fHigh = information.stream().filter(point -> point.getMeasure().getQuantity()
                == InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE).toList();
        assertEquals(3, fHigh.size(), "the luminance decomposition of every source: " + fHigh);
        fHigh.forEach(point -> assertTrue(point.getHasMedianError() && point.getMedianError() >= 0
                && point.getMedian() >= 0 && point.getMedian() <= 1, point.toString()));
        InformationPoint areaObjects = information.stream()
                .filter(point -> point.getSource().getName().equals("synthetic-2d")
                        && point.getMeasure().getQuantity() == InformationQuantity.INFORMATION_QUANTITY_OBJECT
                        && point.getMeasure().getCorrection() == Correction.CORRECTION_PANZERI_TREVES)
                .findFirst().orElseThrow();
        assertEquals("I(R;object)", areaObjects.getQuantity(), "the typed measure, spelt for people");
        assertEquals(60, areaObjects.getUnits());
        assertTrue(areaObjects.getMedian() > MIN_OBJECT_BITS, areaObjects.toString());
        assertTrue(areaObjects.getQ25() <= areaObjects.getMedian() && areaObjects.getMedian() <= areaObjects.getQ75());
    }

    @Test
    void unknownLayerFailsTheRunNamingTheValidLayers() {
        RunSpec spec = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                .addLayers("conv9")).build();
        Run run = submitAndFollow("unknown-layer", spec);
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertTrue(run.getFailureReason().contains("unknown layer 'conv9'"), run.getFailureReason());
        assertTrue(run.getFailureReason().contains("pool1"), run.getFailureReason());
    }

    @Test
    void recordingWithMissingTrialsIsAnalysedWithAWarningAndItsIncompleteUnitLeftOut() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        float[] values = new float[4 * 6 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        values[(1 * 6 + 2) * 3] = Float.NaN;
        for (int t = 0; t < 3; t++) {
            values[(3 * 6 + 4) * 3 + t] = Float.NaN;
        }
        Run run = submitAndFollow("missing-trials", recordingSpec(FloatTensor.ofFloats(values, 4, 6, 3), 6));
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());
        assertTrue(run.getWarningsList().stream().anyMatch(w -> w.contains("1 unit(s) left out for a condition "
                + "without any valid trial (first: unit 3, condition 4)")), run.getWarningsList().toString());
        assertTrue(run.getWarningsList().stream().anyMatch(w -> w.contains("1 missing trial(s) (NaN) of 54")),
                run.getWarningsList().toString());
    }

    @Test
    void recordingWithAnInfiniteValueFailsTheRunNamingWhere() throws Exception {
        float[] values = new float[3 * 4 * 2];
        values[(1 * 4 + 2) * 2] = Float.POSITIVE_INFINITY;
        Run run = submitAndFollow("infinite-recording", recordingSpec(FloatTensor.ofFloats(values, 3, 4, 2), 4));
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertTrue(run.getFailureReason().contains("unit 1") && run.getFailureReason().contains("condition 2")
                && run.getFailureReason().contains("trial 0"), run.getFailureReason());
    }

    @Test
    void misShapedRecordingFailsTheRun() throws Exception {
        Run run = submitAndFollow("two-dimensional-recording", recordingSpec(FloatTensor.ofFloats(new float[12], 3, 4),
                4));
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertTrue(run.getFailureReason().contains("[units, conditions, trials]"), run.getFailureReason());
    }

    @Test
    void conditionTableOfTheWrongLengthFailsTheRun() throws Exception {
        Run run = submitAndFollow("short-table", recordingSpec(FloatTensor.ofFloats(new float[24], 3, 4, 2), 3));
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertTrue(run.getFailureReason().contains("lists 3 conditions, the responses hold 4"),
                run.getFailureReason());
    }

    private Run submitAndFollow(String runId, RunSpec spec) {
        client.submit(runId, spec);
        return client.follow(runId, RunningSystem.RUN_TIMEOUT, update -> { });
    }

    private RunSpec recordingSpec(FloatTensor responses, int tableRows) throws Exception {
        Path directory = Files.createTempDirectory(running.data(), "recording");
        Path responsesFile = directory.resolve("responses.npy");
        Npy.write(responses, responsesFile);
        Path table = directory.resolve("conditions.json");
        StringBuilder json = new StringBuilder("{\"conditions\":[");
        for (int c = 0; c < tableRows; c++) {
            json.append(c == 0 ? "" : ",").append("{\"index\":").append(c).append(",\"object\":").append(c % 2)
                    .append(",\"object_name\":\"o\",\"axis\":\"position\",\"value\":0,\"luminance\":50,"
                            + "\"contrast\":10}");
        }
        Files.writeString(table, json.append("]}").toString());
        return RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri(responsesFile.toUri().toString()).setConditionsUri(table.toUri().toString())).build();
    }
}
