package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Every parameter of a {@link DeepCnnArchitecture}, one float array per {@link DeepCnnArchitecture#parameters()}
 * entry, in that order and in ONNX layouts (C order). Arrays are copied in and out, so an instance is immutable.
 */
public final class DeepCnnWeights {

    private final DeepCnnArchitecture architecture;
    private final List<float[]> values;

    /**
     * @throws IllegalArgumentException naming the parameter if the count or a length does not fit the architecture
     */
    public DeepCnnWeights(DeepCnnArchitecture architecture, List<float[]> values) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        List<DeepCnnArchitecture.Parameter> parameters = architecture.parameters();
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException("the architecture has " + parameters.size() + " parameter tensors, "
                    + values.size() + " were given");
        }
        List<float[]> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            float[] v = values.get(i);
            DeepCnnArchitecture.Parameter p = parameters.get(i);
            if (v == null || v.length != p.size()) {
                throw new IllegalArgumentException(p.name() + " must have " + p.size() + " values, had "
                        + (v == null ? "null" : Integer.toString(v.length)));
            }
            copy.add(v.clone());
        }
        this.values = List.copyOf(copy);
    }

    /**
     * He-normal weights, N(0, 2 / fan_in) (He et al. 2015, ICCV, eq. 10), and zero biases, drawn in parameter order
     * from one SplitMix64 stream seeded with {@code seed} (Box-Muller on {@link StrictMath}: the same floats on every
     * JVM), as {@link CnnWeights#heNormal} does for the small network.
     */
    public static DeepCnnWeights heNormal(long seed, DeepCnnArchitecture architecture) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> values = new ArrayList<>();
        for (DeepCnnArchitecture.Parameter p : architecture.parameters()) {
            values.add(p.weight() ? CnnWeights.gaussians(random, p.size(), p.fanIn()) : new float[p.size()]);
        }
        return new DeepCnnWeights(architecture, values);
    }

    /** Every value rounded to the nearest half-precision float ({@link HalfFloats#round}), as a float. */
    public DeepCnnWeights roundedToHalf() {
        List<float[]> rounded = new ArrayList<>(values.size());
        for (float[] v : values) {
            float[] r = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                r[i] = HalfFloats.round(v[i]);
            }
            rounded.add(r);
        }
        return new DeepCnnWeights(architecture, rounded);
    }

    public DeepCnnArchitecture architecture() {
        return architecture;
    }

    /** Number of parameter tensors. */
    public int count() {
        return values.size();
    }

    /** The values of parameter tensor {@code index} (a copy). */
    public float[] values(int index) {
        return values.get(index).clone();
    }
}
