package org.prunedistill.idestimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.NpyArray;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceAssembler;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.SpilledSource;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;

/**
 * The use case on a planted source whose condition means lie on a 2-plane linearly embedded in 40 units: the same
 * results from the spill file (batches from a real S3 server) as from memory, and a recorded unit subset.
 */
class IntrinsicDimensionAnalysisTest {

    private static final int CONDITIONS = 200;
    private static final int TRIALS = 3;
    private static final int UNITS = 40;
    private static final double PLANE_TOLERANCE = 0.5;

    @TempDir
    static Path storage;
    @TempDir
    Path spillDirectory;
    private static EmbeddedS3 s3;
    private static ObjectStore store;
    private static SourceTensor tensor;
    private static SourceManifest manifest;

    @BeforeAll
    static void uploadAPlane() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        store = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "id-test", EmbeddedS3.REGION));
        store.ensureBucket();
        SplittableRandom random = new SplittableRandom(4);
        double[][] embedding = new double[2][UNITS];
        for (double[] row : embedding) {
            for (int u = 0; u < UNITS; u++) {
                row[u] = random.nextGaussian();
            }
        }
        float[] data = new float[CONDITIONS * TRIALS * UNITS];
        for (int c = 0; c < CONDITIONS; c++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            for (int t = 0; t < TRIALS; t++) {
                for (int u = 0; u < UNITS; u++) {
                    data[(c * TRIALS + t) * UNITS + u] = (float) (x * embedding[0][u] + y * embedding[1][u]);
                }
            }
        }
        tensor = new SourceTensor(CONDITIONS, TRIALS, UNITS, data);
        SourceManifest.Builder builder = SourceManifest.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId("plane").setKind(SourceKind.SOURCE_KIND_LAYER)
                        .setName("plane").setOrigin("test"))
                .addAllTotalShape(List.of((long) CONDITIONS, (long) TRIALS, (long) UNITS));
        for (int first = 0; first < CONDITIONS; first += 64) {
            int count = Math.min(64, CONDITIONS - first);
            float[] batch = java.util.Arrays.copyOfRange(data, first * TRIALS * UNITS, (first + count) * TRIALS * UNITS);
            builder.addBatches(store.putTensor(NpyArray.ofFloats(batch, count, TRIALS, UNITS)));
        }
        manifest = builder.build();
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Test
    void findsThePlaneFromTheSpillFileAsFromMemory() {
        List<AnalysisResult> inMemory = analyse(TestIdConfig.defaults(), tensor);
        try (SpilledSource spilled = new SourceAssembler(store).spill(manifest, spillDirectory)) {
            List<AnalysisResult> fromFile = analyse(TestIdConfig.defaults(), spilled);
            assertEquals(inMemory.size(), fromFile.size());
            for (int i = 0; i < inMemory.size(); i++) {
                assertEquals(inMemory.get(i).getResultKey(), fromFile.get(i).getResultKey());
                assertEquals(inMemory.get(i).getValuesList(), fromFile.get(i).getValuesList());
            }
        }
        AnalysisResult twoNn = inMemory.get(0);
        assertEquals("twonn", twoNn.getEstimator());
        assertEquals(2.0, id(twoNn), PLANE_TOLERANCE);
        assertEquals("none", twoNn.getParametersOrThrow("unit_sample"));
        assertEquals(Integer.toString(UNITS), twoNn.getParametersOrThrow("units_analysed"));
    }

    @Test
    void recordsASeededSubsetOfUnits() {
        List<AnalysisResult> results = analyse(TestIdConfig.defaults().withMaxUnits(10), tensor);
        for (AnalysisResult result : results) {
            assertEquals("seeded-subset", result.getParametersOrThrow("unit_sample"), result.getEstimator());
            assertEquals("10", result.getParametersOrThrow("units_analysed"));
            assertEquals(Integer.toString(UNITS), result.getParametersOrThrow("units_in_source"));
            assertEquals("0", result.getParametersOrThrow("seed"));
        }
        assertTrue(Math.abs(id(results.get(0)) - 2.0) < PLANE_TOLERANCE, "10 units still span the plane");
    }

    private static double id(AnalysisResult result) {
        return result.getValuesList().stream().filter(value -> value.getName().equals("id")).findFirst()
                .orElseThrow().getValue();
    }

    private static List<AnalysisResult> analyse(TestIdConfig config, SourceActivations source) {
        return analyse(config, manifest, source);
    }

    static List<AnalysisResult> analyse(TestIdConfig config, SourceManifest manifest, SourceActivations source) {
        IntrinsicDimensionAnalysis analysis = new IntrinsicDimensionAnalysis();
        analysis.config = config;
        analysis.timer = EstimatorTimer.on(new SimpleMeterRegistry());
        return analysis.analyse(manifest, source);
    }
}
