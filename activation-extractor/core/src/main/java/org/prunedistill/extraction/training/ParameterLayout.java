package org.prunedistill.extraction.training;

import java.util.ArrayList;
import java.util.List;
import org.prunedistill.extraction.model.CnnWeights;

/**
 * Where each parameter group of the built-in CNN sits in one flat double vector (the trainer's parameters,
 * gradients and optimiser moments all share it). Groups follow {@link CnnWeights} order and layouts: conv1 weight
 * [8, 1, 5, 5], conv1 bias, conv2 weight [16, 8, 3, 3], conv2 bias, fc1 weight [64, flat], fc1 bias, logits weight
 * [classes, 64], logits bias. Immutable.
 */
final class ParameterLayout {

    /** A named slice [offset, offset + length) of the flat vector. */
    record Group(String name, int offset, int length, boolean weight) {
    }

    final int imageSize;
    final int classes;
    /** Sides of the conv1 / pool1 / pool2 maps. */
    final int s0;
    final int s1;
    final int s2;
    /** Inputs of fc1 (the flattened pool2 map). */
    final int flat;
    final int conv1Weight;
    final int conv1Bias;
    final int conv2Weight;
    final int conv2Bias;
    final int fc1Weight;
    final int fc1Bias;
    final int logitsWeight;
    final int logitsBias;
    /** Length of the flat vector. */
    final int size;
    private final List<Group> groups;

    ParameterLayout(int imageSize, int classes) {
        this.imageSize = imageSize;
        this.classes = classes;
        this.s0 = imageSize;
        this.s1 = imageSize / 2;
        this.s2 = s1 / 2;
        this.flat = CnnWeights.flatUnits(imageSize);
        int k1 = CnnWeights.CONV1_KERNEL * CnnWeights.CONV1_KERNEL;
        int k2 = CnnWeights.CONV2_KERNEL * CnnWeights.CONV2_KERNEL;
        String[] names = {"conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
            "logits.weight", "logits.bias"};
        int[] lengths = {CnnWeights.CONV1_FILTERS * k1, CnnWeights.CONV1_FILTERS,
            CnnWeights.CONV2_FILTERS * CnnWeights.CONV1_FILTERS * k2, CnnWeights.CONV2_FILTERS,
            CnnWeights.FC1_UNITS * flat, CnnWeights.FC1_UNITS, classes * CnnWeights.FC1_UNITS, classes};
        List<Group> list = new ArrayList<>();
        int at = 0;
        for (int g = 0; g < names.length; g++) {
            list.add(new Group(names[g], at, lengths[g], g % 2 == 0));
            at += lengths[g];
        }
        this.groups = List.copyOf(list);
        this.conv1Weight = list.get(0).offset();
        this.conv1Bias = list.get(1).offset();
        this.conv2Weight = list.get(2).offset();
        this.conv2Bias = list.get(3).offset();
        this.fc1Weight = list.get(4).offset();
        this.fc1Bias = list.get(5).offset();
        this.logitsWeight = list.get(6).offset();
        this.logitsBias = list.get(7).offset();
        this.size = at;
    }

    /** The eight groups with their offsets, in vector order; even indices are weights, odd ones biases. */
    List<Group> groups() {
        return groups;
    }

    /** Weights as one flat vector (float to double is exact). */
    double[] flatten(CnnWeights w) {
        if (w.imageSize() != imageSize || w.classes() != classes) {
            throw new IllegalArgumentException("weights are for " + w.imageSize() + " px and " + w.classes()
                    + " classes, expected " + imageSize + " and " + classes);
        }
        double[] p = new double[size];
        List<float[]> parts = List.of(w.conv1Weight(), w.conv1Bias(), w.conv2Weight(), w.conv2Bias(), w.fc1Weight(),
                w.fc1Bias(), w.logitsWeight(), w.logitsBias());
        int at = 0;
        for (float[] part : parts) {
            for (float v : part) {
                p[at++] = v;
            }
        }
        return p;
    }

    /** The flat vector rounded to float, as weights in ONNX layouts. */
    CnnWeights toWeights(double[] p) {
        List<Group> g = groups();
        return new CnnWeights(imageSize, classes, slice(p, g.get(0)), slice(p, g.get(1)), slice(p, g.get(2)),
                slice(p, g.get(3)), slice(p, g.get(4)), slice(p, g.get(5)), slice(p, g.get(6)), slice(p, g.get(7)));
    }

    private static float[] slice(double[] p, Group group) {
        float[] out = new float[group.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) p[group.offset() + i];
        }
        return out;
    }
}
