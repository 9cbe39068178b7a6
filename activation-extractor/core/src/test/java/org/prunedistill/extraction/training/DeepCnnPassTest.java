package org.prunedistill.extraction.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.DeepCnnArchitecture;
import org.prunedistill.extraction.model.DeepCnnWeights;
import org.prunedistill.extraction.model.OnnxActivations;

class DeepCnnPassTest {

    /** Two stages of two convolutions, 2 input channels, one dense layer: every code path, 444 parameters. */
    static final DeepCnnArchitecture TINY = new DeepCnnArchitecture(8, 2, List.of(3, 4), 2, List.of(5), 3);
    /**
     * Central-difference step. The pass runs in float, so the loss carries rounding of about 1e-7 relative; a step of
     * 1e-3 keeps that below 1e-4 in the quotient while crossing no Relu or max-pool kink on this instance.
     */
    private static final float STEP = 1e-3f;
    /**
     * Float rounding in the quotient (see STEP) plus the O(STEP^2) curvature term: measured at most 2e-5 here, where
     * the gradients reach 3e-2 to 7e-1, so an index or sign error would be off by far more.
     */
    private static final double GRADIENT_ABSOLUTE_TOLERANCE = 1e-4;
    private static final double GRADIENT_RELATIVE_TOLERANCE = 1e-2;
    /** Java float vs ONNX Runtime float, different summation orders: relative to each layer's largest magnitude. */
    private static final double ONNX_RELATIVE_TOLERANCE = 1e-4;

    /**
     * A batch of two images with different labels, so the images' columns in the batched products and their
     * gradients' sums are checked too.
     */
    @Test
    void backwardMatchesCentralDifferencesForEveryParameter() {
        try (DeepCnnPass pass = new DeepCnnPass(TINY, 2)) {
            checkGradient(pass);
        }
    }

    private static void checkGradient(DeepCnnPass pass) {
        float[] p = flatten(DeepCnnWeights.heNormal(5, TINY), pass);
        SplittableRandom random = new SplittableRandom(3);
        List<DeepCnnArchitecture.Parameter> parameters = TINY.parameters();
        for (int t = 0; t < parameters.size(); t++) {
            if (!parameters.get(t).weight()) {
                for (int i = pass.offset(t); i < pass.offset(t + 1); i++) {
                    p[i] = (float) (0.05 + 0.1 * random.nextDouble()); // positive: no dead unit in so small a net
                }
            }
        }
        float[][] images = {randomImage(random, TINY), randomImage(random, TINY)};
        int[] labels = {1, 2};
        float[] analytic = new float[pass.parameterCount()];
        pass.lossAndGradient(p, images, labels, 1f, analytic);
        float[] scratch = new float[pass.parameterCount()];
        for (int t = 0; t < parameters.size(); t++) {
            int nonZero = 0;
            for (int i = pass.offset(t); i < pass.offset(t + 1); i++) {
                float saved = p[i];
                p[i] = saved + STEP;
                double up = pass.lossAndGradient(p, images, labels, 1f, scratch);
                p[i] = saved - STEP;
                double down = pass.lossAndGradient(p, images, labels, 1f, scratch);
                p[i] = saved;
                double numeric = (up - down) / ((double) (saved + STEP) - (double) (saved - STEP));
                assertEquals(numeric, analytic[i], GRADIENT_ABSOLUTE_TOLERANCE
                        + GRADIENT_RELATIVE_TOLERANCE * Math.abs(numeric), parameters.get(t).name() + "["
                        + (i - pass.offset(t)) + "]");
                nonZero += Math.abs(analytic[i]) > 10 * GRADIENT_ABSOLUTE_TOLERANCE ? 1 : 0;
            }
            assertTrue(nonZero > 0, parameters.get(t).name() + " has no gradient above the tolerance, so the check"
                    + " proves nothing");
        }
    }

    @Test
    void forwardEqualsOnnxRuntimeOnTheWrittenModel() {
        DeepCnnArchitecture architecture = new DeepCnnArchitecture(32, 3, List.of(8, 12, 16), 2, List.of(20, 10),
                7);
        DeepCnnWeights weights = DeepCnnWeights.heNormal(11, architecture);
        SplittableRandom random = new SplittableRandom(2);
        int batch = 3;
        int area = 3 * 32 * 32;
        float[][] images = new float[batch][];
        float[] pixels = new float[batch * area];
        for (int b = 0; b < batch; b++) {
            images[b] = randomImage(random, architecture);
            System.arraycopy(images[b], 0, pixels, b * area, area);
        }
        List<String> names = List.of("pool1", "pool2", "pool3", "gap", "fc1", "fc2", "logits");
        try (OnnxActivations onnx = new OnnxActivations(DeepCnn.fromWeights(weights).onnxBytes());
             DeepCnnPass pass = new DeepCnnPass(architecture, 4)) {
            Map<String, float[][]> expected = onnx.run(pixels, batch, 3, 32, 32, names);
            pass.forward(flatten(weights, pass), images);
            for (int b = 0; b < batch; b++) {
                List<float[]> actual = new ArrayList<>(List.of(pass.pooled(0, b), pass.pooled(1, b),
                        pass.pooled(2, b), pass.globalPool(b), pass.dense(0, b), pass.dense(1, b), pass.logits(b)));
                for (int layer = 0; layer < names.size(); layer++) {
                    assertClose(expected.get(names.get(layer))[b], actual.get(layer), names.get(layer));
                }
            }
        }
    }

    /**
     * Every product runs on its caller's thread, so a batch's loss and gradient are the same bits on any thread and
     * while another pass computes beside it (the trainer's workers); products large enough that a multi-threaded
     * OpenBLAS would split them.
     */
    @Test
    void aBatchGivesTheSameBitsOnAnyThreadAndBesideAnotherPass() throws Exception {
        DeepCnnArchitecture architecture = new DeepCnnArchitecture(32, 3, List.of(16, 32), 2, List.of(24), 5);
        SplittableRandom random = new SplittableRandom(4);
        float[][] images = {randomImage(random, architecture), randomImage(random, architecture),
            randomImage(random, architecture)};
        int[] labels = {0, 3, 4};
        Callable<float[]> gradient = () -> {
            try (DeepCnnPass pass = new DeepCnnPass(architecture, images.length)) {
                float[] g = new float[pass.parameterCount() + 1];
                float[] p = flatten(DeepCnnWeights.heNormal(8, architecture), pass);
                g[pass.parameterCount()] = (float) pass.lossAndGradient(p, images, labels, 0.5f, g);
                return g;
            }
        };
        float[] alone = gradient.call();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            for (Future<float[]> beside : workers.invokeAll(List.of(gradient, gradient))) {
                assertArrayEquals(alone, beside.get());
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** The weights as the pass's flat vector. */
    static float[] flatten(DeepCnnWeights weights, DeepCnnPass pass) {
        float[] p = new float[pass.parameterCount()];
        for (int t = 0; t < weights.count(); t++) {
            float[] values = weights.values(t);
            System.arraycopy(values, 0, p, pass.offset(t), values.length);
        }
        return p;
    }

    static float[] randomImage(SplittableRandom random, DeepCnnArchitecture architecture) {
        float[] image = new float[architecture.inputChannels() * architecture.imageSize() * architecture.imageSize()];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        return image;
    }

    private static void assertClose(float[] expected, float[] actual, String layer) {
        assertEquals(expected.length, actual.length, layer);
        double scale = 0.0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0.0, layer + " is all zero");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], ONNX_RELATIVE_TOLERANCE * scale, layer + "[" + i + "]");
        }
    }
}
