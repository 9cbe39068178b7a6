package org.prunedistill.extraction.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.prunedistill.extraction.model.BuiltinCnn;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;

/**
 * The held-out test set of the built-in CNN: the 380 design views of {@link RatObjectStimulusSet} (defaults: 3 x 3
 * rays per pixel, 0.5 deg position jitter, noise SD 0.02), each rendered once with
 * {@code render(condition, TRIAL, SEED)}, label = object id (condition / 38). No training image is a design view
 * (training poses are continuous random draws and their own jitter stream).
 *
 * <p>Accuracy = fraction of views whose arg-max logit, computed by ONNX Runtime (one intra-op thread) on the
 * serialised model, is the object; ties go to the lower object id. Immutable.
 */
public final class HeldOutViews {

    /** Trial index of the rendered jitter and noise. */
    public static final int TRIAL = 0;
    /** Seed of the rendered jitter and noise. */
    public static final long SEED = 2017L;

    private final RatObjectStimulusSet set;
    private final float[] pixels;
    private final int[] labels;

    private HeldOutViews(RatObjectStimulusSet set, float[] pixels, int[] labels) {
        this.set = set;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Renders the 380 views at the given side (pixels, at least 8), in parallel; the result does not depend on it. */
    public static HeldOutViews render(int imageSize) {
        RatObjectStimulusSet set = RatObjectStimulusSet.withDefaults().withImageSize(imageSize);
        int count = set.conditionCount();
        int area = imageSize * imageSize;
        List<float[]> images = IntStream.range(0, count).parallel()
                .mapToObj(c -> set.render(c, TRIAL, SEED)).toList();
        float[] pixels = new float[count * area];
        int[] labels = new int[count];
        for (int c = 0; c < count; c++) {
            System.arraycopy(images.get(c), 0, pixels, c * area, area);
            labels[c] = c / set.viewsPerObject();
        }
        return new HeldOutViews(set, pixels, labels);
    }

    /** Number of views (380). */
    public int count() {
        return labels.length;
    }

    /** Image side in pixels. */
    public int imageSize() {
        return set.imageSize();
    }

    /** All views as one [count, 1, S, S] batch, C order (a copy). */
    public float[] pixels() {
        return pixels.clone();
    }

    /** Object id of each view (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Number of views a serialised model classifies correctly.
     *
     * @param onnxBytes a model with input [N, 1, S, S] and a graph output {@code logits}
     */
    public int correct(byte[] onnxBytes) {
        int s = set.imageSize();
        try (OnnxActivations model = new OnnxActivations(onnxBytes)) {
            float[][] logits = model.run(pixels, count(), 1, s, s, List.of("logits")).get("logits");
            int correct = 0;
            for (int v = 0; v < count(); v++) {
                if (argMax(logits[v]) == labels[v]) {
                    correct++;
                }
            }
            return correct;
        }
    }

    /** Fraction of views classified correctly by the built-in network. */
    public double accuracy(BuiltinCnn network) {
        return (double) correct(network.onnxBytes()) / count();
    }

    /** How the set was made, for provenance. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stimulus_set", RatObjectStimulusSet.NAME);
        p.put("renderer_version", RatObjectStimulusSet.RENDERER_VERSION);
        p.put("image_size", set.imageSize());
        p.put("channels", set.channels());
        p.put("field_of_view_degrees", set.fieldOfViewDegrees());
        p.put("supersampling", set.supersampling());
        p.put("jitter_degrees", set.jitterDegrees());
        p.put("pixel_noise", set.pixelNoise());
        p.put("conditions", count());
        p.put("trial", TRIAL);
        p.put("seed", SEED);
        p.put("accuracy", "fraction of views whose arg-max logit (ONNX Runtime) is the object");
        return p;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
