package org.prunedistill.extraction.training;

import java.util.Arrays;
import org.prunedistill.extraction.model.CnnWeights;

/**
 * Forward and backward pass of the built-in CNN for one image at a time, in double precision, with its own scratch
 * buffers (one instance per worker; not thread-safe).
 *
 * <p>Forward, exactly the ONNX graph of {@code BuiltinCnn}: Conv (zero "same" padding) -> Relu -> MaxPool 2x2
 * stride 2, twice; Flatten; Gemm (transB = 1) -> Relu; Gemm. MaxPool of Relu is computed as Relu of the window's
 * maximum pre-activation (Relu is monotone), the first maximum in row-major window order winning ties.
 *
 * <p>Loss: softmax cross-entropy, L = log sum_k exp(z_k) - z_y, with the max subtracted and {@link StrictMath}
 * exp/log so results are bit-identical on every JVM. Backward is the chain rule through each operation: the gradient
 * of a max-pool goes to the window's arg-max (and is zero when that maximum is <= 0, where Relu is flat), so the
 * conv backward visits only those arg-max outputs (at most a quarter of the map).
 */
final class CnnPass {

    private static final int K1 = CnnWeights.CONV1_KERNEL;
    private static final int K2 = CnnWeights.CONV2_KERNEL;
    private static final int F1 = CnnWeights.CONV1_FILTERS;
    private static final int F2 = CnnWeights.CONV2_FILTERS;
    private static final int H = CnnWeights.FC1_UNITS;

    private final ParameterLayout layout;
    /** Padded sides: input (pad 2) and pool1 (pad 1). */
    private final int p0;
    private final int p1;
    private final double[] input;
    private final double[] conv1;
    private final double[] pool1;
    private final int[] pool1Source;
    private final double[] conv2;
    private final double[] pool2;
    private final int[] pool2Source;
    private final double[] fc1Linear;
    private final double[] fc1;
    private final double[] logits;
    private final double[] dLogits;
    private final double[] dFc1;
    private final double[] dPool2;
    private final double[] dPool1;

    CnnPass(ParameterLayout layout) {
        this.layout = layout;
        int s0 = layout.s0;
        int s1 = layout.s1;
        this.p0 = s0 + 2 * (K1 / 2);
        this.p1 = s1 + 2 * (K2 / 2);
        input = new double[p0 * p0];
        conv1 = new double[F1 * s0 * s0];
        pool1 = new double[F1 * p1 * p1];
        pool1Source = new int[F1 * s1 * s1];
        conv2 = new double[F2 * s1 * s1];
        pool2 = new double[layout.flat];
        pool2Source = new int[layout.flat];
        fc1Linear = new double[H];
        fc1 = new double[H];
        logits = new double[layout.classes];
        dLogits = new double[layout.classes];
        dFc1 = new double[H];
        dPool2 = new double[layout.flat];
        dPool1 = new double[pool1.length];
    }

    /** Runs the forward pass; the layer outputs stay readable until the next call. */
    void forward(double[] p, float[] image) {
        int s0 = layout.s0;
        int pad = K1 / 2;
        for (int r = 0; r < s0; r++) {
            for (int c = 0; c < s0; c++) {
                input[(r + pad) * p0 + c + pad] = image[r * s0 + c];
            }
        }
        convolve(p, layout.conv1Weight, layout.conv1Bias, input, 1, p0, K1, F1, s0, conv1);
        int q = K2 / 2;
        Arrays.fill(pool1, 0.0);
        maxPool(conv1, F1, s0, pool1, p1, q, pool1Source);
        convolve(p, layout.conv2Weight, layout.conv2Bias, pool1, F1, p1, K2, F2, layout.s1, conv2);
        maxPool(conv2, F2, layout.s1, pool2, layout.s2, 0, pool2Source);
        dense(p, layout.fc1Weight, layout.fc1Bias, pool2, layout.flat, H, fc1Linear);
        for (int u = 0; u < H; u++) {
            fc1[u] = Math.max(0.0, fc1Linear[u]);
        }
        dense(p, layout.logitsWeight, layout.logitsBias, fc1, H, layout.classes, logits);
    }

    /**
     * Forward, loss and backward for one labelled image; adds {@code scale} x dL/dparameters to {@code gradient}.
     *
     * @return the cross-entropy loss of the image, nats
     */
    double lossAndGradient(double[] p, float[] image, int label, double scale, double[] gradient) {
        forward(p, image);
        double loss = softmaxGradient(label, scale);
        backDense(p, layout.logitsWeight, layout.logitsBias, fc1, H, layout.classes, dLogits, dFc1, gradient);
        for (int u = 0; u < H; u++) {
            if (fc1Linear[u] <= 0.0) {
                dFc1[u] = 0.0;
            }
        }
        backDense(p, layout.fc1Weight, layout.fc1Bias, pool2, layout.flat, H, dFc1, dPool2, gradient);
        Arrays.fill(dPool1, 0.0);
        backPooledConvolve(p, layout.conv2Weight, layout.conv2Bias, pool1, F1, p1, K2, layout.s1, dPool2,
                pool2Source, 0, 0, dPool1, gradient);
        backPooledConvolve(p, layout.conv1Weight, layout.conv1Bias, input, 1, p0, K1, layout.s0, dPool1,
                pool1Source, p1, K2 / 2, null, gradient);
        return loss;
    }

    /** Logits of the last forward pass (live buffer). */
    double[] logits() {
        return logits;
    }

    /** pool1 [8][s1][s1] of the last forward pass, unpadded, C order. */
    double[] pool1() {
        int s1 = layout.s1;
        double[] out = new double[F1 * s1 * s1];
        for (int f = 0; f < F1; f++) {
            for (int r = 0; r < s1; r++) {
                System.arraycopy(pool1, (f * p1 + r + 1) * p1 + 1, out, (f * s1 + r) * s1, s1);
            }
        }
        return out;
    }

    /** pool2 (flattened) of the last forward pass (a copy). */
    double[] pool2() {
        return pool2.clone();
    }

    /** fc1 of the last forward pass (a copy). */
    double[] fc1() {
        return fc1.clone();
    }

    /** Softmax cross-entropy; writes scale x (softmax - onehot) into dLogits and returns the loss. */
    private double softmaxGradient(int label, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0.0;
        for (int k = 0; k < logits.length; k++) {
            dLogits[k] = StrictMath.exp(logits[k] - max);
            sum += dLogits[k];
        }
        for (int k = 0; k < logits.length; k++) {
            dLogits[k] = scale * (dLogits[k] / sum - (k == label ? 1.0 : 0.0));
        }
        return StrictMath.log(sum) - (logits[label] - max);
    }

    /**
     * Stride-1 convolution of a padded input (side {@code padded}, zero border) into out [filters][side][side]:
     * out[f][r][c] = b[f] + sum_{ch,i,j} w[f][ch][i][j] in[ch][r + i][c + j].
     */
    private static void convolve(double[] p, int weight, int bias, double[] in, int channels, int padded, int k,
                                 int filters, int side, double[] out) {
        for (int f = 0; f < filters; f++) {
            int base = f * side * side;
            Arrays.fill(out, base, base + side * side, p[bias + f]);
            for (int ch = 0; ch < channels; ch++) {
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        double w = p[weight + ((f * channels + ch) * k + i) * k + j];
                        for (int r = 0; r < side; r++) {
                            int from = (ch * padded + r + i) * padded + j;
                            int to = base + r * side;
                            for (int c = 0; c < side; c++) {
                                out[to + c] += w * in[from + c];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Backward through Conv -> Relu -> MaxPool, visiting only the conv outputs that won their pooling window with a
     * positive value (every other conv output has zero gradient): with d the pooled cell's gradient (read from a map
     * padded by {@code pad}, side {@code pooledPadded}) and (f, r, c) its source, b[f] += d,
     * dW[f][ch][i][j] += d in[ch][r + i][c + j] and, when {@code dIn} is not null, dIn[ch][r + i][c + j] +=
     * W[f][ch][i][j] d (in and dIn padded to side {@code padded}).
     */
    private static void backPooledConvolve(double[] p, int weight, int bias, double[] in, int channels, int padded,
                                           int k, int side, double[] dPooled, int[] source, int pooledPadded,
                                           int pad, double[] dIn, double[] g) {
        int half = side / 2;
        int perChannel = half * half;
        for (int cell = 0; cell < source.length; cell++) {
            int from = source[cell];
            int at = pad == 0 ? cell : ((cell / perChannel) * pooledPadded + cell % perChannel / half + pad)
                    * pooledPadded + cell % half + pad;
            double d = dPooled[at];
            if (from < 0 || d == 0.0) {
                continue;
            }
            int f = from / (side * side);
            int r = from % (side * side) / side;
            int c = from % side;
            g[bias + f] += d;
            for (int ch = 0; ch < channels; ch++) {
                for (int i = 0; i < k; i++) {
                    int w = weight + ((f * channels + ch) * k + i) * k;
                    int x = (ch * padded + r + i) * padded + c;
                    for (int j = 0; j < k; j++) {
                        g[w + j] += d * in[x + j];
                        if (dIn != null) {
                            dIn[x + j] += p[w + j] * d;
                        }
                    }
                }
            }
        }
    }

    /**
     * MaxPool 2x2 stride 2 of Relu(in), in [channels][side][side], into out at the interior of a map padded by
     * {@code pad}; source[cell] = index in {@code in} of the window's maximum, or -1 when it is <= 0.
     */
    private static void maxPool(double[] in, int channels, int side, double[] out, int outPadded, int pad,
                                int[] source) {
        int half = side / 2;
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < half; r++) {
                for (int c = 0; c < half; c++) {
                    int best = (ch * side + 2 * r) * side + 2 * c;
                    int[] window = {best, best + 1, best + side, best + side + 1};
                    for (int w = 1; w < window.length; w++) {
                        if (in[window[w]] > in[best]) {
                            best = window[w];
                        }
                    }
                    int cell = (ch * half + r) * half + c;
                    boolean active = in[best] > 0.0;
                    source[cell] = active ? best : -1;
                    out[(ch * outPadded + r + pad) * outPadded + c + pad] = active ? in[best] : 0.0;
                }
            }
        }
    }

    /** out[o] = b[o] + sum_i W[o][i] in[i] (Gemm, transB = 1). */
    private static void dense(double[] p, int weight, int bias, double[] in, int inputs, int outputs, double[] out) {
        for (int o = 0; o < outputs; o++) {
            double sum = p[bias + o];
            int row = weight + o * inputs;
            for (int i = 0; i < inputs; i++) {
                sum += p[row + i] * in[i];
            }
            out[o] = sum;
        }
    }

    /** dW[o][i] += dOut[o] in[i], db[o] += dOut[o], dIn[i] = sum_o W[o][i] dOut[o]. */
    private static void backDense(double[] p, int weight, int bias, double[] in, int inputs, int outputs,
                                  double[] dOut, double[] dIn, double[] g) {
        Arrays.fill(dIn, 0, inputs, 0.0);
        for (int o = 0; o < outputs; o++) {
            double d = dOut[o];
            if (d == 0.0) {
                continue;
            }
            g[bias + o] += d;
            int row = weight + o * inputs;
            for (int i = 0; i < inputs; i++) {
                g[row + i] += d * in[i];
                dIn[i] += p[row + i] * d;
            }
        }
    }
}
