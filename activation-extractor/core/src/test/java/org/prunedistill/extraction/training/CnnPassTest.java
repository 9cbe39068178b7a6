package org.prunedistill.extraction.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.BuiltinCnn;
import org.prunedistill.extraction.model.CnnWeights;
import org.prunedistill.extraction.model.OnnxActivations;

class CnnPassTest {

    private static final int TINY_SIZE = 8;
    private static final int TINY_CLASSES = 3;
    /** Central-difference step; small enough that no max-pool or Relu kink is crossed on this instance. */
    private static final double STEP = 1e-6;
    /** Central differences in double are good to about STEP^2 plus rounding of loss / STEP, ~1e-9 here. */
    private static final double GRADIENT_ABSOLUTE_TOLERANCE = 1e-7;
    private static final double GRADIENT_RELATIVE_TOLERANCE = 1e-5;
    /** Java double vs ONNX Runtime float: agreement relative to each layer's largest magnitude. */
    private static final double ONNX_RELATIVE_TOLERANCE = 1e-4;

    @Test
    void backwardMatchesCentralDifferencesForEveryParameterGroup() {
        ParameterLayout layout = new ParameterLayout(TINY_SIZE, TINY_CLASSES);
        SplittableRandom random = new SplittableRandom(3);
        double[] p = layout.flatten(CnnWeights.heNormal(5, TINY_SIZE, TINY_CLASSES));
        for (ParameterLayout.Group group : layout.groups()) {
            if (!group.weight()) {
                for (int i = group.offset(); i < group.offset() + group.length(); i++) {
                    p[i] = 0.1 * (random.nextDouble() - 0.3);
                }
            }
        }
        float[] image = new float[TINY_SIZE * TINY_SIZE];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        int label = 1;
        CnnPass pass = new CnnPass(layout);
        double[] analytic = new double[layout.size];
        pass.lossAndGradient(p, image, label, 1.0, analytic);
        double[] scratch = new double[layout.size];
        for (ParameterLayout.Group group : layout.groups()) {
            int nonZero = 0;
            for (int i = group.offset(); i < group.offset() + group.length(); i++) {
                double saved = p[i];
                p[i] = saved + STEP;
                double up = pass.lossAndGradient(p, image, label, 1.0, scratch);
                p[i] = saved - STEP;
                double down = pass.lossAndGradient(p, image, label, 1.0, scratch);
                p[i] = saved;
                double numeric = (up - down) / (2 * STEP);
                assertEquals(numeric, analytic[i], GRADIENT_ABSOLUTE_TOLERANCE
                        + GRADIENT_RELATIVE_TOLERANCE * Math.abs(numeric), group.name() + "[" + (i - group.offset())
                        + "]");
                nonZero += analytic[i] != 0.0 ? 1 : 0;
            }
            assertTrue(nonZero > 0, group.name() + " has an all-zero gradient, so the check proves nothing");
        }
    }

    @Test
    void forwardEqualsOnnxRuntimeOnTheWrittenModel() {
        int size = 32;
        TrainingImages images = TrainingImages.of(size, 1, 0.02);
        CnnWeights weights = CnnWeights.heNormal(11, size, images.classes());
        ParameterLayout layout = new ParameterLayout(size, images.classes());
        double[] p = layout.flatten(weights);
        CnnPass pass = new CnnPass(layout);
        int batch = 4;
        float[] pixels = new float[batch * size * size];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(images.sample(1, 0, b).pixels(), 0, pixels, b * size * size, size * size);
        }
        List<String> names = List.of("pool1", "pool2", "fc1", "logits");
        try (OnnxActivations onnx = new OnnxActivations(BuiltinCnn.fromWeights(weights, 11).onnxBytes())) {
            Map<String, float[][]> expected = onnx.run(pixels, batch, 1, size, size, names);
            for (int b = 0; b < batch; b++) {
                float[] image = new float[size * size];
                System.arraycopy(pixels, b * size * size, image, 0, image.length);
                pass.forward(p, image);
                List<double[]> actual = List.of(pass.pool1(), pass.pool2(), pass.fc1(), pass.logits().clone());
                for (int layer = 0; layer < names.size(); layer++) {
                    assertClose(expected.get(names.get(layer))[b], actual.get(layer), names.get(layer));
                }
            }
        }
    }

    private static void assertClose(float[] expected, double[] actual, String layer) {
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
