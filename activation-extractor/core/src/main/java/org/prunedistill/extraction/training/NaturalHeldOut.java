package org.prunedistill.extraction.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.natural.NaturalImageSet;

/**
 * The held-out test set of the deep network: the first {@code count} images of the natural-like stream
 * {@value #SEED} (no training stream uses that seed: training images come from the training seed mixed with a fixed
 * key). Accuracy = fraction of images whose arg-max logit, computed by ONNX Runtime on the serialised model, is the
 * class; ties go to the lower class. Immutable.
 */
public final class NaturalHeldOut {

    /** Stream of the held-out images. */
    public static final long SEED = 2017L;
    /** Images per ONNX Runtime call, to bound memory. */
    private static final int BATCH = 100;

    private final NaturalImageSet set;
    private final float[][] pixels;
    private final int[] labels;

    private NaturalHeldOut(NaturalImageSet set, float[][] pixels, int[] labels) {
        this.set = set;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Renders the set in parallel; the images do not depend on the thread count. */
    public static NaturalHeldOut render(NaturalImageSet set, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        List<NaturalImageSet.Sample> samples = IntStream.range(0, count).parallel()
                .mapToObj(i -> set.sample(SEED, i)).toList();
        float[][] pixels = new float[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            pixels[i] = samples.get(i).pixels();
            labels[i] = samples.get(i).label();
        }
        return new NaturalHeldOut(set, pixels, labels);
    }

    public int count() {
        return labels.length;
    }

    /** Number of images a model (input [N, 3, S, S], graph output {@code logits}) classifies correctly. */
    public int correct(byte[] onnxBytes, int threads) {
        int s = set.imageSize();
        int area = set.channels() * s * s;
        int correct = 0;
        try (OnnxActivations model = new OnnxActivations(onnxBytes, threads)) {
            for (int from = 0; from < count(); from += BATCH) {
                int n = Math.min(BATCH, count() - from);
                float[] batch = new float[n * area];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(pixels[from + i], 0, batch, i * area, area);
                }
                float[][] logits = model.run(batch, n, set.channels(), s, s, List.of("logits")).get("logits");
                for (int i = 0; i < n; i++) {
                    if (argMax(logits[i]) == labels[from + i]) {
                        correct++;
                    }
                }
            }
        }
        return correct;
    }

    /** How the set was made, for provenance. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>(set.parameters());
        p.put("seed", SEED);
        p.put("images", count());
        p.put("accuracy", "fraction of images whose arg-max logit (ONNX Runtime) is the class");
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
