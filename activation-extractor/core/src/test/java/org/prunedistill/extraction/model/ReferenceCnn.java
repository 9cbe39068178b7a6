package org.prunedistill.extraction.model;

import java.util.Map;
import org.prunedistill.extraction.model.OnnxWireReader.Tensor;

/**
 * Naive double-precision forward pass of the {@link BuiltinCnn} architecture, written from the ONNX operator
 * definitions (Conv with zero padding, Relu, MaxPool without padding, Flatten, Gemm with transB = 1) to check
 * ONNX Runtime's outputs. Images are one channel, S x S; conv maps are [C][H][W] flattened in C order.
 */
final class ReferenceCnn {

    /** Activations of one image, each flattened in C order. */
    record Activations(double[] pool1, double[] pool2, double[] fc1, double[] logits) {
    }

    private ReferenceCnn() {
    }

    static Activations forward(Map<String, Tensor> weights, float[] image, int size) {
        double[] x = new double[image.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = image[i];
        }
        Tensor w1 = weights.get("conv1.weight");
        double[] pool1 = maxPool(relu(conv(x, 1, size, w1, weights.get("conv1.bias"))), (int) w1.dims()[0], size);
        int s1 = size / 2;
        Tensor w2 = weights.get("conv2.weight");
        double[] pool2 = maxPool(relu(conv(pool1, (int) w2.dims()[1], s1, w2, weights.get("conv2.bias"))),
                (int) w2.dims()[0], s1);
        double[] fc1 = relu(gemm(pool2, weights.get("fc1.weight"), weights.get("fc1.bias")));
        double[] logits = gemm(fc1, weights.get("logits.weight"), weights.get("logits.bias"));
        return new Activations(pool1, pool2, fc1, logits);
    }

    /** Stride-1 convolution with "same" zero padding of k / 2 on every side (k odd). */
    static double[] conv(double[] in, int channels, int size, Tensor weight, Tensor bias) {
        int filters = (int) weight.dims()[0];
        int k = (int) weight.dims()[2];
        int pad = k / 2;
        double[] out = new double[filters * size * size];
        for (int f = 0; f < filters; f++) {
            for (int row = 0; row < size; row++) {
                for (int col = 0; col < size; col++) {
                    double sum = bias.values()[f];
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int r = row + i - pad;
                                int q = col + j - pad;
                                if (r >= 0 && r < size && q >= 0 && q < size) {
                                    sum += weight.values()[((f * channels + c) * k + i) * k + j]
                                            * in[(c * size + r) * size + q];
                                }
                            }
                        }
                    }
                    out[(f * size + row) * size + col] = sum;
                }
            }
        }
        return out;
    }

    static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0.0, x[i]);
        }
        return y;
    }

    /** 2 x 2 max pooling, stride 2, trailing odd row or column dropped. */
    static double[] maxPool(double[] in, int channels, int size) {
        int half = size / 2;
        double[] out = new double[channels * half * half];
        for (int c = 0; c < channels; c++) {
            for (int row = 0; row < half; row++) {
                for (int col = 0; col < half; col++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            best = Math.max(best, in[(c * size + 2 * row + i) * size + 2 * col + j]);
                        }
                    }
                    out[(c * half + row) * half + col] = best;
                }
            }
        }
        return out;
    }

    /** y = W x + b with W stored [out, in] (Gemm with transB = 1 on a single row). */
    static double[] gemm(double[] x, Tensor weight, Tensor bias) {
        int outputs = (int) weight.dims()[0];
        int inputs = (int) weight.dims()[1];
        double[] y = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            double sum = bias.values()[o];
            for (int i = 0; i < inputs; i++) {
                sum += weight.values()[o * inputs + i] * x[i];
            }
            y[o] = sum;
        }
        return y;
    }
}
