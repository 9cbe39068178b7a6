package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnnxActivationsTest {

    private static final long SEED = 11L;
    private static final int SIZE = 32;
    private static final int CLASSES = 6;
    /** Float32 ORT against a double reference: error relative to the layer's largest magnitude. */
    private static final double RELATIVE_TOLERANCE = 1e-4;
    private static final List<String> ALL_LAYERS = List.of("pixels", "pool1", "pool2", "fc1", "logits");

    private final BuiltinCnn cnn = BuiltinCnn.random(SEED, SIZE, CLASSES);

    @Test
    void loadsTheWrittenModelWithEveryNamedLayerAsOutput() {
        try (OnnxActivations activations = new OnnxActivations(cnn.onnxBytes())) {
            assertEquals("pixels", activations.inputName());
            assertEquals(List.of("pool1", "pool2", "fc1", "logits"), activations.outputNames());
            assertEquals(ALL_LAYERS, activations.layerNames());
            assertArrayEquals(new long[] {-1, 1, SIZE, SIZE}, activations.inputShape());
        }
    }

    @Test
    void returnsBatchByUnitsForEveryLayer() {
        int batch = 3;
        try (OnnxActivations activations = new OnnxActivations(cnn.onnxBytes(), 2)) {
            Map<String, float[][]> out = activations.run(randomImages(batch, SIZE), batch, 1, SIZE, SIZE,
                    ALL_LAYERS);
            assertEquals(ALL_LAYERS, List.copyOf(out.keySet()));
            for (LayerInfo layer : cnn.layers()) {
                float[][] values = out.get(layer.name());
                assertEquals(batch, values.length, layer.name());
                assertEquals(layer.units(), values[0].length, layer.name());
            }
        }
    }

    @Test
    void flatOutputsAreTheRowsInOrderWholeOrCutIntoRuns() {
        int batch = 5;
        float[] images = randomImages(batch, SIZE);
        try (OnnxActivations whole = new OnnxActivations(cnn.onnxBytes());
             OnnxActivations cut = new OnnxActivations(cnn.onnxBytes(), 1, 2)) {
            Map<String, float[][]> rows = whole.run(images, batch, 1, SIZE, SIZE, ALL_LAYERS);
            for (OnnxActivations session : List.of(whole, cut)) {
                Map<String, float[]> flat = session.runFlat(images, batch, 1, SIZE, SIZE, ALL_LAYERS);
                assertEquals(ALL_LAYERS, List.copyOf(flat.keySet()));
                for (String layer : ALL_LAYERS) {
                    float[][] expected = rows.get(layer);
                    int units = expected[0].length;
                    assertEquals(batch * units, flat.get(layer).length, layer);
                    for (int image = 0; image < batch; image++) {
                        assertArrayEquals(expected[image], Arrays.copyOfRange(flat.get(layer), image * units,
                                (image + 1) * units), layer + " image " + image);
                    }
                }
                assertArrayEquals(images, flat.get("pixels"));
                assertTrue(flat.get("pixels") != images, "the input layer is a copy, never the caller's array");
            }
        }
    }

    @Test
    void oddImageSizesGiveTheAnnouncedUnits() {
        BuiltinCnn odd = BuiltinCnn.random(SEED, 30, 3);
        try (OnnxActivations activations = new OnnxActivations(odd.onnxBytes())) {
            Map<String, float[][]> out = activations.run(randomImages(1, 30), 1, 1, 30, 30, ALL_LAYERS);
            for (LayerInfo layer : odd.layers()) {
                assertEquals(layer.units(), out.get(layer.name())[0].length, layer.name());
            }
        }
    }

    @Test
    void matchesANaiveReferenceForwardPass() throws IOException {
        int batch = 2;
        float[] pixels = randomImages(batch, SIZE);
        Map<String, OnnxWireReader.Tensor> weights = OnnxWireReader.read(cnn.onnxBytes()).initializers();
        try (OnnxActivations activations = new OnnxActivations(cnn.onnxBytes())) {
            Map<String, float[][]> out = activations.run(pixels, batch, 1, SIZE, SIZE, ALL_LAYERS.subList(1, 5));
            for (int b = 0; b < batch; b++) {
                float[] image = Arrays.copyOfRange(pixels, b * SIZE * SIZE, (b + 1) * SIZE * SIZE);
                ReferenceCnn.Activations expected = ReferenceCnn.forward(weights, image, SIZE);
                assertClose(expected.pool1(), out.get("pool1")[b], "pool1");
                assertClose(expected.pool2(), out.get("pool2")[b], "pool2");
                assertClose(expected.fc1(), out.get("fc1")[b], "fc1");
                assertClose(expected.logits(), out.get("logits")[b], "logits");
            }
        }
    }

    @Test
    void pixelsLayerReturnsTheInputWithoutRunningTheModel() {
        float[] pixels = randomImages(2, SIZE);
        try (OnnxActivations activations = new OnnxActivations(cnn.onnxBytes())) {
            float[][] out = activations.run(pixels, 2, 1, SIZE, SIZE, List.of("pixels")).get("pixels");
            assertArrayEquals(Arrays.copyOfRange(pixels, 0, SIZE * SIZE), out[0]);
            assertArrayEquals(Arrays.copyOfRange(pixels, SIZE * SIZE, 2 * SIZE * SIZE), out[1]);
        }
    }

    @Test
    void unknownLayerIsRejectedListingTheValidNames() {
        try (OnnxActivations activations = new OnnxActivations(cnn.onnxBytes())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> activations.run(randomImages(1, SIZE), 1, 1, SIZE, SIZE, List.of("fc1", "conv7")));
            assertTrue(e.getMessage().contains("conv7"), e.getMessage());
            for (String name : ALL_LAYERS) {
                assertTrue(e.getMessage().contains(name), e.getMessage());
            }
        }
    }

    @Test
    void pixelArrayOfTheWrongLengthIsRejected() {
        try (OnnxActivations activations = new OnnxActivations(cnn.onnxBytes())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> activations.run(new float[SIZE * SIZE], 2, 1, SIZE, SIZE, List.of("pool1")));
            assertTrue(e.getMessage().contains("batchPixels"), e.getMessage());
        }
    }

    @Test
    void bytesThatAreNotAModelAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new OnnxActivations(new byte[] {1, 2, 3, 4}));
        assertThrows(IllegalArgumentException.class, () -> new OnnxActivations(cnn.onnxBytes(), 0));
    }

    private static float[] randomImages(int batch, int size) {
        SplittableRandom random = new SplittableRandom(SEED);
        float[] pixels = new float[batch * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return pixels;
    }

    private static void assertClose(double[] expected, float[] actual, String layer) {
        assertEquals(expected.length, actual.length, layer);
        double scale = 0.0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0.0, layer + " is all zero, the comparison would be vacuous");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], RELATIVE_TOLERANCE * scale, layer + "[" + i + "]");
        }
    }
}
