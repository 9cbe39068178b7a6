package org.prunedistill.extraction.training;

import java.util.Arrays;
import java.util.List;
import org.prunedistill.extraction.model.DeepCnnArchitecture;

/**
 * Forward and backward pass of a {@link DeepCnnArchitecture} for one image at a time, in single precision (the
 * precision of the ONNX model), with its own scratch buffers (one instance per worker; not thread-safe).
 *
 * <p>Forward is exactly the graph of {@code DeepCnn}: per stage (Conv 3x3 pad 1 -> Relu) x convsPerStage ->
 * MaxPool 2x2; GlobalAveragePool; (Gemm -> Relu) per dense layer; Gemm. Every map is stored with a one-pixel zero
 * border, side P = s + 2, so a convolution is nine shifted multiply-adds over whole rows: out[q] += w in[q + i P + j]
 * for q over the (s - 1) P + s positions from the first interior pixel, which include the two border columns between
 * rows; those are zeroed again after the Relu. The nine taps of one input channel are summed in one pass
 * (left to right, row by row, then added to the output): contiguous loops the JIT vectorises.
 *
 * <p>Loss: softmax cross-entropy in double with {@link StrictMath} exp/log. Backward is the chain rule through each
 * operation; the max-pool gradient goes to the first maximum of its window in row-major order (ties between
 * positive values are measure-zero), and a convolution's backward visits output positions in tiles of
 * {@value #TILE}, skipping zero gradients (after a max-pool three quarters are zero): for each tile it gathers the
 * input patches (im2col), then per filter adds d x patch to the weight gradient and d x filter to the patch
 * gradients, which are scattered back (col2im). Every sum runs in a fixed order, so the result is a pure function of
 * the parameters and the image (Java float arithmetic is IEEE 754 without extended precision).
 */
final class DeepCnnPass {

    /** Output positions per backward tile: the filter and gradient rows stay in cache across a tile. */
    static final int TILE = 16;
    private static final int K = DeepCnnArchitecture.KERNEL;
    private static final int TAPS = K * K;

    private final DeepCnnArchitecture a;
    private final int[] offsets;
    private final int stages;
    private final int convs;
    /** maps[stage][0] = stage input (padded), maps[stage][k + 1] = output of conv k (padded, after Relu). */
    private final float[][][] maps;
    private final float[][][] mapGradients;
    private final int[][] poolSource;
    private final float[] pooledLast;
    private final float[] dPooledLast;
    private final float[] gap;
    private final float[][] denseIn;
    private final float[][] denseOut;
    private final float[][] denseGradient;
    private final float[] logits;
    private final float[] dLogits;
    private final float[] patches;
    private final float[] patchGradients;
    private final int[] tilePositions;

    DeepCnnPass(DeepCnnArchitecture architecture) {
        this.a = architecture;
        List<DeepCnnArchitecture.Parameter> parameters = architecture.parameters();
        this.offsets = new int[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i + 1] = offsets[i] + parameters.get(i).size();
        }
        this.stages = a.stages();
        this.convs = a.convsPerStage();
        this.maps = new float[stages][convs + 1][];
        this.mapGradients = new float[stages][convs + 1][];
        this.poolSource = new int[stages][];
        int channels = a.inputChannels();
        int widest = 0;
        for (int st = 0; st < stages; st++) {
            int p = a.side(st) + 2;
            int width = a.stageWidths().get(st);
            maps[st][0] = new float[channels * p * p];
            mapGradients[st][0] = new float[channels * p * p];
            for (int k = 1; k <= convs; k++) {
                maps[st][k] = new float[width * p * p];
                mapGradients[st][k] = new float[width * p * p];
            }
            int half = a.side(st) / 2;
            poolSource[st] = new int[width * half * half];
            widest = Math.max(widest, Math.max(channels, width));
            channels = width;
        }
        int last = a.side(stages - 1) / 2;
        pooledLast = new float[channels * last * last];
        dPooledLast = new float[pooledLast.length];
        gap = new float[channels];
        int dense = a.denseWidths().size();
        denseIn = new float[dense + 1][];
        denseOut = new float[dense][];
        denseGradient = new float[dense + 1][];
        int in = channels;
        for (int d = 0; d <= dense; d++) {
            denseIn[d] = d == 0 ? gap : new float[in];
            denseGradient[d] = new float[in];
            if (d < dense) {
                denseOut[d] = new float[a.denseWidths().get(d)];
                in = a.denseWidths().get(d);
            }
        }
        logits = new float[a.classes()];
        dLogits = new float[a.classes()];
        patches = new float[TILE * widest * TAPS];
        patchGradients = new float[patches.length];
        tilePositions = new int[TILE];
    }

    /** Length of the flat parameter vector (parameters of the architecture in order, C order each). */
    int parameterCount() {
        return offsets[offsets.length - 1];
    }

    /** Offset of parameter tensor {@code index} in the flat vector. */
    int offset(int index) {
        return offsets[index];
    }

    /** Runs the forward pass on one image [C][S][S]; the layer outputs stay readable until the next call. */
    void forward(float[] p, float[] image) {
        int s = a.imageSize();
        int pp = s + 2;
        float[] input = maps[0][0];
        for (int ch = 0; ch < a.inputChannels(); ch++) {
            for (int r = 0; r < s; r++) {
                System.arraycopy(image, (ch * s + r) * s, input, (ch * pp + r + 1) * pp + 1, s);
            }
        }
        int parameter = 0;
        int channels = a.inputChannels();
        for (int st = 0; st < stages; st++) {
            int width = a.stageWidths().get(st);
            for (int k = 0; k < convs; k++) {
                convolve(p, offsets[parameter], offsets[parameter + 1], maps[st][k], k == 0 ? channels : width,
                        width, a.side(st), maps[st][k + 1]);
                parameter += 2;
            }
            boolean last = st == stages - 1;
            maxPool(maps[st][convs], width, a.side(st), last ? pooledLast : maps[st + 1][0], last ? 0 : 1,
                    poolSource[st]);
            channels = width;
        }
        int cells = pooledLast.length / channels;
        for (int ch = 0; ch < channels; ch++) {
            float sum = 0f;
            for (int c = 0; c < cells; c++) {
                sum += pooledLast[ch * cells + c];
            }
            gap[ch] = sum / cells;
        }
        int dense = a.denseWidths().size();
        for (int d = 0; d <= dense; d++) {
            float[] out = d < dense ? denseOut[d] : logits;
            dense(p, offsets[parameter], offsets[parameter + 1], denseIn[d], out);
            parameter += 2;
            if (d < dense) {
                for (int u = 0; u < out.length; u++) {
                    denseIn[d + 1][u] = Math.max(0f, out[u]);
                }
            }
        }
    }

    /**
     * Forward, loss and backward for one labelled image; adds {@code scale} x dL/dparameters to {@code gradient}.
     *
     * @return the cross-entropy loss of the image, nats
     */
    double lossAndGradient(float[] p, float[] image, int label, float scale, float[] gradient) {
        forward(p, image);
        double loss = softmaxGradient(label, scale);
        int dense = a.denseWidths().size();
        int parameter = offsets.length - 3;
        float[] dOut = dLogits;
        for (int d = dense; d >= 0; d--) {
            backDense(p, offsets[parameter], offsets[parameter + 1], denseIn[d], dOut, denseGradient[d], gradient);
            parameter -= 2;
            if (d > 0) {
                dOut = denseGradient[d];
                float[] pre = denseOut[d - 1];
                for (int u = 0; u < dOut.length; u++) {
                    if (pre[u] <= 0f) {
                        dOut[u] = 0f;
                    }
                }
            }
        }
        int channels = a.pooledWidth();
        int cells = pooledLast.length / channels;
        for (int ch = 0; ch < channels; ch++) {
            Arrays.fill(dPooledLast, ch * cells, (ch + 1) * cells, denseGradient[0][ch] / cells);
        }
        for (int st = stages - 1; st >= 0; st--) {
            int width = a.stageWidths().get(st);
            int inChannels = st == 0 ? a.inputChannels() : a.stageWidths().get(st - 1);
            boolean last = st == stages - 1;
            float[] dTop = mapGradients[st][convs];
            Arrays.fill(dTop, 0f);
            unpool(last ? dPooledLast : mapGradients[st + 1][0], width, a.side(st), last ? 0 : 1, poolSource[st],
                    dTop);
            for (int k = convs - 1; k >= 0; k--) {
                maskRelu(mapGradients[st][k + 1], maps[st][k + 1]);
                boolean first = st == 0 && k == 0;
                float[] dIn = first ? null : mapGradients[st][k];
                if (dIn != null) {
                    Arrays.fill(dIn, 0f);
                }
                backConvolve(p, offsets[parameter], offsets[parameter + 1], maps[st][k],
                        k == 0 ? inChannels : width, width, a.side(st), mapGradients[st][k + 1], dIn, gradient);
                parameter -= 2;
            }
        }
        return loss;
    }

    /** Logits of the last forward pass (live buffer). */
    float[] logits() {
        return logits;
    }

    /** Pooled output of stage {@code stage} of the last forward pass, [C][s/2][s/2] unpadded (a copy). */
    float[] pooled(int stage) {
        if (stage == stages - 1) {
            return pooledLast.clone();
        }
        return interior(maps[stage + 1][0], a.stageWidths().get(stage), a.side(stage + 1));
    }

    /** The global average pool of the last forward pass (a copy). */
    float[] globalPool() {
        return gap.clone();
    }

    /** Dense layer {@code d}'s output before its Relu in the last forward pass (a copy). */
    float[] dense(int d) {
        return denseOut[d].clone();
    }

    /** Softmax cross-entropy; writes scale x (softmax - onehot) into dLogits and returns the loss. */
    private double softmaxGradient(int label, float scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double[] e = new double[logits.length];
        double sum = 0.0;
        for (int k = 0; k < logits.length; k++) {
            e[k] = StrictMath.exp(logits[k] - max);
            sum += e[k];
        }
        for (int k = 0; k < logits.length; k++) {
            dLogits[k] = (float) (scale * (e[k] / sum - (k == label ? 1.0 : 0.0)));
        }
        return StrictMath.log(sum) - (logits[label] - max);
    }

    /**
     * Conv 3x3 pad 1 -> Relu from a padded map {@code in} [channels][P][P] into the padded map {@code out}
     * [filters][P][P]: out = max(0, b[f] + sum_{ch,i,j} w[f][ch][i][j] in[ch][r + i][c + j]) in padded coordinates.
     */
    private static void convolve(float[] p, int weight, int bias, float[] in, int channels, int filters, int side,
                                 float[] out) {
        int pp = side + 2;
        int plane = pp * pp;
        int length = (side - 1) * pp + side;
        for (int f = 0; f < filters; f++) {
            int to = f * plane + pp + 1;
            Arrays.fill(out, to, to + length, p[bias + f]);
            for (int ch = 0; ch < channels; ch++) {
                int w = weight + (f * channels + ch) * TAPS;
                float w00 = p[w];
                float w01 = p[w + 1];
                float w02 = p[w + 2];
                float w10 = p[w + 3];
                float w11 = p[w + 4];
                float w12 = p[w + 5];
                float w20 = p[w + 6];
                float w21 = p[w + 7];
                float w22 = p[w + 8];
                int r0 = ch * plane;
                int r1 = r0 + pp;
                int r2 = r1 + pp;
                for (int q = 0; q < length; q++) {
                    out[to + q] += w00 * in[r0 + q] + w01 * in[r0 + q + 1] + w02 * in[r0 + q + 2]
                            + w10 * in[r1 + q] + w11 * in[r1 + q + 1] + w12 * in[r1 + q + 2]
                            + w20 * in[r2 + q] + w21 * in[r2 + q + 1] + w22 * in[r2 + q + 2];
                }
            }
            for (int q = 0; q < length; q++) {
                out[to + q] = Math.max(0f, out[to + q]);
            }
            for (int r = 1; r < side; r++) {
                out[f * plane + r * pp + side + 1] = 0f;
                out[f * plane + (r + 1) * pp] = 0f;
            }
        }
    }

    /**
     * Backward of one convolution given dOut (gradient of its pre-activation, padded, zero border): b[f] += d,
     * dW[f][ch][i][j] += d in[ch][r + i][c + j] and, when {@code dIn} is not null, dIn[ch][r + i][c + j] +=
     * W[f][ch][i][j] d, for every interior position (r, c) with d = dOut[f][r + 1][c + 1] != 0.
     */
    private void backConvolve(float[] p, int weight, int bias, float[] in, int channels, int filters, int side,
                              float[] dOut, float[] dIn, float[] g) {
        int pp = side + 2;
        int plane = pp * pp;
        int patch = channels * TAPS;
        int positions = side * side;
        for (int start = 0; start < positions; start += TILE) {
            int tile = Math.min(TILE, positions - start);
            for (int t = 0; t < tile; t++) {
                int r = (start + t) / side;
                int c = (start + t) % side;
                tilePositions[t] = (r + 1) * pp + c + 1;
                int row = t * patch;
                for (int ch = 0; ch < channels; ch++) {
                    for (int i = 0; i < K; i++) {
                        int from = ch * plane + (r + i) * pp + c;
                        int to = row + ch * TAPS + i * K;
                        patches[to] = in[from];
                        patches[to + 1] = in[from + 1];
                        patches[to + 2] = in[from + 2];
                    }
                }
            }
            if (dIn != null) {
                Arrays.fill(patchGradients, 0, tile * patch, 0f);
            }
            for (int f = 0; f < filters; f++) {
                int w = weight + f * patch;
                for (int t = 0; t < tile; t++) {
                    float d = dOut[f * plane + tilePositions[t]];
                    if (d == 0f) {
                        continue;
                    }
                    g[bias + f] += d;
                    int row = t * patch;
                    for (int k = 0; k < patch; k++) {
                        g[w + k] += d * patches[row + k];
                    }
                    if (dIn != null) {
                        for (int k = 0; k < patch; k++) {
                            patchGradients[row + k] += d * p[w + k];
                        }
                    }
                }
            }
            if (dIn != null) {
                for (int t = 0; t < tile; t++) {
                    int r = (start + t) / side;
                    int c = (start + t) % side;
                    int row = t * patch;
                    for (int ch = 0; ch < channels; ch++) {
                        for (int i = 0; i < K; i++) {
                            int to = ch * plane + (r + i) * pp + c;
                            int from = row + ch * TAPS + i * K;
                            dIn[to] += patchGradients[from];
                            dIn[to + 1] += patchGradients[from + 1];
                            dIn[to + 2] += patchGradients[from + 2];
                        }
                    }
                }
            }
        }
    }

    /**
     * MaxPool 2x2 stride 2 of the interior of a padded map into out (padded by {@code pad}); source[cell] = index of
     * the window's first maximum in {@code in}.
     */
    private static void maxPool(float[] in, int channels, int side, float[] out, int pad, int[] source) {
        int pp = side + 2;
        int half = side / 2;
        int outSide = half + 2 * pad;
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < half; r++) {
                for (int c = 0; c < half; c++) {
                    int first = (ch * pp + 2 * r + 1) * pp + 2 * c + 1;
                    int best = in[first + 1] > in[first] ? first + 1 : first;
                    best = in[first + pp] > in[best] ? first + pp : best;
                    best = in[first + pp + 1] > in[best] ? first + pp + 1 : best;
                    source[(ch * half + r) * half + c] = best;
                    out[(ch * outSide + r + pad) * outSide + c + pad] = in[best];
                }
            }
        }
    }

    /** Backward of {@link #maxPool}: each pooled cell's gradient goes to its source in dIn (zeroed by the caller). */
    private static void unpool(float[] dOut, int channels, int side, int pad, int[] source, float[] dIn) {
        int half = side / 2;
        int outSide = half + 2 * pad;
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < half; r++) {
                for (int c = 0; c < half; c++) {
                    dIn[source[(ch * half + r) * half + c]] += dOut[(ch * outSide + r + pad) * outSide + c + pad];
                }
            }
        }
    }

    /** Zeroes the gradient wherever the Relu output is 0 (including the zero border). */
    private static void maskRelu(float[] gradient, float[] output) {
        for (int i = 0; i < gradient.length; i++) {
            if (output[i] <= 0f) {
                gradient[i] = 0f;
            }
        }
    }

    /** out[o] = b[o] + sum_i W[o][i] in[i] (Gemm, transB = 1). */
    private static void dense(float[] p, int weight, int bias, float[] in, float[] out) {
        for (int o = 0; o < out.length; o++) {
            float sum = p[bias + o];
            int row = weight + o * in.length;
            for (int i = 0; i < in.length; i++) {
                sum += p[row + i] * in[i];
            }
            out[o] = sum;
        }
    }

    /** dW[o][i] += dOut[o] in[i], db[o] += dOut[o], dIn[i] = sum_o W[o][i] dOut[o]. */
    private static void backDense(float[] p, int weight, int bias, float[] in, float[] dOut, float[] dIn, float[] g) {
        Arrays.fill(dIn, 0f);
        for (int o = 0; o < dOut.length; o++) {
            float d = dOut[o];
            if (d == 0f) {
                continue;
            }
            g[bias + o] += d;
            int row = weight + o * in.length;
            for (int i = 0; i < in.length; i++) {
                g[row + i] += d * in[i];
                dIn[i] += p[row + i] * d;
            }
        }
    }

    private static float[] interior(float[] padded, int channels, int side) {
        int pp = side + 2;
        float[] out = new float[channels * side * side];
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < side; r++) {
                System.arraycopy(padded, (ch * pp + r + 1) * pp + 1, out, (ch * side + r) * side, side);
            }
        }
        return out;
    }
}
