package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.extraction.model.OnnxFixtures.CONV;
import static org.prunedistill.extraction.model.OnnxFixtures.FLATTEN;
import static org.prunedistill.extraction.model.OnnxFixtures.INPUT;
import static org.prunedistill.extraction.model.OnnxFixtures.LOGITS;
import static org.prunedistill.extraction.model.OnnxFixtures.POOL;
import static org.prunedistill.extraction.model.OnnxFixtures.RELU;
import static org.prunedistill.extraction.model.OnnxFixtures.RESHAPE;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.ModelPreprocessing.ChannelOrder;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

class ImportedModelTest {

    /** Float32 ONNX Runtime against the double hand computation below; activations are below 30 in magnitude. */
    private static final double TOLERANCE = 1e-5;
    private static final int SIDE = 4;
    /** sha256sum of src/test/resources/onnx/tiny_cnn.onnx. */
    private static final String TINY_SHA256 = "f42493937309007ab228b5487155162350bd2fa428cef477382b5f8924cb5acc";
    /** Identity preprocessing for the 1 x 4 x 4 fixture. */
    private static final ModelPreprocessing IDENTITY = new ModelPreprocessing(SIDE, SIDE, 1, ChannelOrder.RGB, 1.0,
            List.of(0.0), List.of(1.0));

    // The weights of make_onnx_fixtures.py.
    private static final double[][][] CONV_WEIGHT = {
            {{1, 0, -1}, {2, 0, -2}, {1, 0, -1}},
            {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}}};
    private static final double[] CONV_BIAS = {0.5, -1.0};
    private static final double[][] FC_WEIGHT = {
            {1, 0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 1, 1, 1, 1},
            {0.5, -0.5, 0.25, -0.25, 2, -2, 1, -1}};
    private static final double[] FC_BIAS = {0.0, 1.0, -2.0};

    private static final float[][] IMAGES = {
            {0.3f, 0.1f, 0.4f, 0.1f, 0.5f, 0.9f, 0.2f, 0.6f, 0.5f, 0.3f, 0.5f, 0.8f, 0.9f, 0.7f, 0.9f, 0.3f},
            {1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 1.0f, 1.0f, 0.0f, 0.25f, 0.75f, 0.5f, 0.5f, 0.0f, 0.0f, 2.0f, 0.0f}};

    private final ImportedModel model = ImportedModel.of("tiny-cnn", OnnxFixtures.tinyCnn(), IDENTITY);

    @Test
    void importsTheModelWithItsHashAndLayers() {
        assertEquals("tiny-cnn", model.name());
        assertEquals(TINY_SHA256, model.sha256());
        assertEquals(INPUT, model.inputName());
        assertEquals(List.of(INPUT, CONV, RELU, POOL, FLATTEN, RESHAPE, LOGITS),
                model.candidateLayers().stream().map(CandidateLayer::name).toList());
    }

    @Test
    void intermediateTensorsMatchAHandComputation() {
        ImportedLayers chosen = model.forLayers(List.of(CONV, RELU, POOL, FLATTEN, LOGITS, INPUT));
        float[] batch = new float[IMAGES.length * SIDE * SIDE];
        for (int b = 0; b < IMAGES.length; b++) {
            System.arraycopy(chosen.preprocess(IMAGES[b], 1, SIDE), 0, batch, b * SIDE * SIDE, SIDE * SIDE);
        }
        try (OnnxActivations session = chosen.open(1, OnnxMemoryCap.NONE)) {
            Map<String, float[][]> out = session.run(batch, IMAGES.length, 1, SIDE, SIDE, chosen.layerNames());
            for (int b = 0; b < IMAGES.length; b++) {
                double[] conv = conv(IMAGES[b]);
                double[] relu = relu(conv);
                double[] pool = maxPool(relu);
                assertClose(conv, out.get(CONV)[b], CONV);
                assertClose(relu, out.get(RELU)[b], RELU);
                assertClose(pool, out.get(POOL)[b], POOL);
                assertClose(pool, out.get(FLATTEN)[b], FLATTEN);
                assertClose(gemm(pool), out.get(LOGITS)[b], LOGITS);
                assertArrayEquals(IMAGES[b], out.get(INPUT)[b]);
            }
        }
    }

    @Test
    void layerInfosCarryUnitsOrderAndDepth() {
        ImportedLayers chosen = model.forLayers(List.of(LOGITS, INPUT, POOL, RESHAPE));
        try (OnnxActivations session = chosen.open(1, OnnxMemoryCap.NONE)) {
            assertEquals(List.of(new LayerInfo(LOGITS, 6, 1.0, 3), new LayerInfo(INPUT, 0, 0.0, 16),
                    new LayerInfo(POOL, 3, 0.5, 8), new LayerInfo(RESHAPE, 5, 0.5, 8)), chosen.layerInfos(session));
        }
    }

    @Test
    void inputAloneKeepsTheOriginalModel() {
        ImportedLayers chosen = model.forLayers(List.of(INPUT));
        assertArrayEquals(OnnxFixtures.tinyCnn(), chosen.onnxBytes());
        try (OnnxActivations session = chosen.open(1, OnnxMemoryCap.NONE)) {
            assertEquals(List.of(new LayerInfo(INPUT, 0, 0.0, 16)), chosen.layerInfos(session));
        }
    }

    @Test
    void unknownLayerIsRefusedWithTheModelNameAndTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forLayers(List.of(POOL, "/features/features.9/Conv_output_0")));
        assertTrue(e.getMessage().startsWith("ONNX model 'tiny-cnn': unknown layer"), e.getMessage());
        for (CandidateLayer layer : model.candidateLayers()) {
            assertTrue(e.getMessage().contains(layer.name()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> model.forLayers(List.of()));
    }

    @Test
    void preprocessingThatDoesNotFitTheInputIsRefused() {
        IllegalArgumentException crop = assertThrows(IllegalArgumentException.class,
                () -> ImportedModel.of("tiny-cnn", OnnxFixtures.tinyCnn(), ModelPreprocessing.IMAGENET));
        assertTrue(crop.getMessage().contains("'tiny-cnn'") && crop.getMessage().contains("channels"),
                crop.getMessage());
    }

    @Test
    void bytesThatAreNotAModelAreRefusedNamingTheModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportedModel.of("broken", new byte[] {1, 2, 3}, IDENTITY));
        assertTrue(e.getMessage().startsWith("ONNX model 'broken': not an ONNX model"), e.getMessage());
    }

    @Test
    void aModelOnnxRuntimeCannotLoadFailsNamingTheModel() {
        byte[] unknownOp = OnnxModelWriter.graph("odd")
                .input("x", Dim.symbolic("N"), Dim.of(1), Dim.of(SIDE), Dim.of(SIDE))
                .node("NoSuchOperator", "odd", List.of("x"), List.of("y"))
                .node("Relu", "relu", List.of("y"), List.of("z"))
                .output("z", Dim.symbolic("N"), Dim.of(1), Dim.of(SIDE), Dim.of(SIDE))
                .toBytes();
        ImportedModel odd = ImportedModel.of("odd-model", unknownOp, IDENTITY);
        assertEquals(List.of("x"), odd.candidateLayers().stream().map(CandidateLayer::name).toList());
        ImportedLayers chosen = odd.forLayers(List.of("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chosen.open(1, OnnxMemoryCap.NONE));
        assertTrue(e.getMessage().startsWith("ONNX model 'odd-model' (sha256 " + odd.sha256() + ") cannot be run"),
                e.getMessage());
    }

    private static double[] conv(float[] image) {
        double[] out = new double[2 * SIDE * SIDE];
        for (int f = 0; f < 2; f++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double sum = CONV_BIAS[f];
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = y + dy;
                            int xx = x + dx;
                            if (yy >= 0 && yy < SIDE && xx >= 0 && xx < SIDE) {
                                sum += CONV_WEIGHT[f][dy + 1][dx + 1] * image[yy * SIDE + xx];
                            }
                        }
                    }
                    out[f * SIDE * SIDE + y * SIDE + x] = sum;
                }
            }
        }
        return out;
    }

    private static double[] relu(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.max(0.0, values[i]);
        }
        return out;
    }

    private static double[] maxPool(double[] maps) {
        int half = SIDE / 2;
        double[] out = new double[2 * half * half];
        for (int f = 0; f < 2; f++) {
            for (int y = 0; y < half; y++) {
                for (int x = 0; x < half; x++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            max = Math.max(max, maps[f * SIDE * SIDE + (2 * y + dy) * SIDE + 2 * x + dx]);
                        }
                    }
                    out[f * half * half + y * half + x] = max;
                }
            }
        }
        return out;
    }

    private static double[] gemm(double[] features) {
        double[] out = new double[FC_BIAS.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = FC_BIAS[j];
            for (int k = 0; k < features.length; k++) {
                out[j] += FC_WEIGHT[j][k] * features[k];
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, float[] actual, String layer) {
        assertEquals(expected.length, actual.length, layer);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, layer + "[" + i + "]");
        }
    }
}
