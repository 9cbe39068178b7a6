package org.prunedistill.extraction.training;

import java.util.Arrays;
import java.util.List;
import org.prunedistill.extraction.model.DeepCnnArchitecture;

/**
 * Forward and backward pass of a {@link DeepCnnArchitecture} over a batch of images in single precision (the
 * precision of the ONNX model), every convolution and dense product an OpenBLAS sgemm. One instance per worker (not
 * thread-safe); {@link #close()} frees its off-heap buffers.
 *
 * <p>Forward is exactly the graph of {@code DeepCnn}: per stage (Conv 3x3 pad 1 -> Relu) x convsPerStage ->
 * MaxPool 2x2; GlobalAveragePool; (Gemm -> Relu) per dense layer; Gemm. Maps are stored channel-major over the
 * batch, [C][n][S][S], so a convolution is one product W[F][9C] x patches[9C][n S^2] ({@link Patches}) whose result is
 * already the next map; the patch matrices stay until the backward. A dense layer is X[n][in] x W[out][in]^T.
 *
 * <p>Loss: softmax cross-entropy per image in double with {@link StrictMath} exp/log. Backward is the chain rule:
 * weight gradients dW = dOut x patches^T (summed over the batch's images and positions inside the product), bias
 * gradients summed in Java in image and position order, input gradients W^T x dOut scattered back onto the map
 * (col2im); the max-pool gradient goes to the first maximum of its window in row-major order (ties between positive
 * values are measure-zero), as before. Every product runs on the calling thread ({@link OffHeapFloats}), so the
 * result is a pure function of the parameters, the batch (its images in order) and OpenBLAS's kernel: the same on
 * every run of a machine, whatever thread runs it.
 */
final class DeepCnnPass implements AutoCloseable {

    private static final int TAPS = DeepCnnArchitecture.KERNEL * DeepCnnArchitecture.KERNEL;

    /** One convolution: input channels, filters, map side and the index of its weight tensor. */
    private record Conv(int in, int filters, int side, int parameter) {
        int patch() {
            return in * TAPS;
        }
    }

    private final DeepCnnArchitecture a;
    private final int capacity;
    private final int[] offsets;
    private final int convs;
    private final int dense;
    private final Conv[] layers;
    /** stageInput[0] = the images, stageInput[st] = pooled output of stage st - 1; [C][n][S][S]. */
    private final float[][] stageInput;
    private final float[][] dStageInput;
    /** Output of each convolution after its Relu, [F][n][S][S]. */
    private final float[][] activation;
    private final float[][] dActivation;
    private final int[][] poolSource;
    private final float[] pooledLast;
    private final float[] dPooledLast;
    /** denseIn[0] = the global pool, denseIn[d] = Relu of denseOut[d - 1]; [n][in]. */
    private final float[][] denseIn;
    private final float[][] dDenseIn;
    /** Dense outputs before the Relu, the last one the logits; [n][out]. */
    private final float[][] denseOut;
    private final float[][] dDenseOut;
    private final OffHeapFloats weights;
    private final OffHeapFloats weightGradients;
    private final OffHeapFloats[] patches;
    private final OffHeapFloats left;
    private final OffHeapFloats result;
    private final OffHeapFloats dPatches;
    private final Patches im2col;
    private int n;

    /**
     * @param architecture the network
     * @param capacity     the most images of one batch, at least 1
     */
    DeepCnnPass(DeepCnnArchitecture architecture, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        OffHeapFloats.oneBlasThread();
        this.a = architecture;
        this.capacity = capacity;
        List<DeepCnnArchitecture.Parameter> parameters = architecture.parameters();
        this.offsets = new int[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i + 1] = offsets[i] + parameters.get(i).size();
        }
        int stages = a.stages();
        this.convs = a.convsPerStage();
        this.dense = a.denseWidths().size();
        this.layers = new Conv[stages * convs];
        this.stageInput = new float[stages][];
        this.dStageInput = new float[stages][];
        this.activation = new float[layers.length][];
        this.dActivation = new float[layers.length][];
        this.poolSource = new int[stages][];
        this.patches = new OffHeapFloats[layers.length];
        long widest = 1;
        long widestPatches = 1;
        int channels = a.inputChannels();
        for (int st = 0; st < stages; st++) {
            int width = a.stageWidths().get(st);
            int columns = capacity * a.side(st) * a.side(st);
            stageInput[st] = new float[channels * columns];
            dStageInput[st] = st == 0 ? null : new float[channels * columns];
            for (int k = 0; k < convs; k++) {
                int l = st * convs + k;
                layers[l] = new Conv(k == 0 ? channels : width, width, a.side(st), 2 * l);
                activation[l] = new float[width * columns];
                dActivation[l] = new float[width * columns];
                patches[l] = new OffHeapFloats((long) layers[l].patch() * columns);
                widest = Math.max(widest, (long) width * columns);
                widestPatches = l == 0 ? widestPatches : Math.max(widestPatches, (long) layers[l].patch() * columns);
            }
            poolSource[st] = new int[width * columns / 4];
            channels = width;
        }
        this.pooledLast = new float[poolSource[stages - 1].length];
        this.dPooledLast = new float[pooledLast.length];
        this.denseIn = new float[dense + 1][];
        this.dDenseIn = new float[dense + 1][];
        this.denseOut = new float[dense + 1][];
        this.dDenseOut = new float[dense + 1][];
        for (int d = 0; d <= dense; d++) {
            int out = d < dense ? a.denseWidths().get(d) : a.classes();
            denseIn[d] = new float[capacity * channels];
            dDenseIn[d] = new float[capacity * channels];
            denseOut[d] = new float[capacity * out];
            dDenseOut[d] = new float[capacity * out];
            widest = Math.max(widest, (long) capacity * Math.max(channels, out));
            widestPatches = Math.max(widestPatches, (long) capacity * channels);
            channels = out;
        }
        this.weights = new OffHeapFloats(parameterCount());
        this.weightGradients = new OffHeapFloats(parameterCount());
        this.left = new OffHeapFloats(widest);
        this.result = new OffHeapFloats(widest);
        this.dPatches = new OffHeapFloats(widestPatches);
        this.im2col = new Patches(capacity * a.imageSize() * a.imageSize());
    }

    /** Length of the flat parameter vector (parameters of the architecture in order, C order each). */
    int parameterCount() {
        return offsets[offsets.length - 1];
    }

    /** Offset of parameter tensor {@code index} in the flat vector. */
    int offset(int index) {
        return offsets[index];
    }

    /**
     * Runs the forward pass on a batch of images, each [C][S][S]; the layer outputs stay readable until the next call.
     *
     * @throws IllegalArgumentException if the batch is empty, larger than the capacity or an image has the wrong size
     */
    void forward(float[] p, float[][] images) {
        load(p, images);
        int l = 0;
        for (int st = 0; st < a.stages(); st++) {
            float[] in = stageInput[st];
            for (int k = 0; k < convs; k++, l++) {
                convolve(p, l, in);
                in = activation[l];
            }
            boolean last = st == a.stages() - 1;
            maxPool(in, a.stageWidths().get(st) * n, a.side(st), last ? pooledLast : stageInput[st + 1],
                    poolSource[st]);
        }
        int channels = a.pooledWidth();
        int cells = pooledLast.length / capacity / channels;
        for (int ch = 0; ch < channels; ch++) {
            for (int b = 0; b < n; b++) {
                float sum = 0f;
                int from = (ch * n + b) * cells;
                for (int c = 0; c < cells; c++) {
                    sum += pooledLast[from + c];
                }
                denseIn[0][b * channels + ch] = sum / cells;
            }
        }
        for (int d = 0; d <= dense; d++) {
            denseForward(p, d);
        }
    }

    /**
     * Forward, loss and backward for a labelled batch; writes {@code scale} x dL/dparameters into {@code gradient}
     * (every entry), L the sum of the images' losses.
     *
     * @return the sum of the images' cross-entropy losses, nats
     */
    double lossAndGradient(float[] p, float[][] images, int[] labels, float scale, float[] gradient) {
        if (labels.length != images.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        forward(p, images);
        double loss = 0.0;
        for (int b = 0; b < n; b++) {
            loss += softmaxGradient(b, labels[b], scale);
        }
        for (int d = dense; d >= 0; d--) {
            denseBackward(d, gradient);
            if (d > 0) {
                int units = a.denseWidths().get(d - 1) * n;
                for (int u = 0; u < units; u++) {
                    dDenseOut[d - 1][u] = denseOut[d - 1][u] > 0f ? dDenseIn[d][u] : 0f;
                }
            }
        }
        int channels = a.pooledWidth();
        int cells = pooledLast.length / capacity / channels;
        for (int ch = 0; ch < channels; ch++) {
            for (int b = 0; b < n; b++) {
                Arrays.fill(dPooledLast, (ch * n + b) * cells, (ch * n + b + 1) * cells,
                        dDenseIn[0][b * channels + ch] / cells);
            }
        }
        for (int st = a.stages() - 1; st >= 0; st--) {
            int area = a.side(st) * a.side(st);
            int top = st * convs + convs - 1;
            Arrays.fill(dActivation[top], 0, a.stageWidths().get(st) * n * area, 0f);
            float[] dPooled = st == a.stages() - 1 ? dPooledLast : dStageInput[st + 1];
            int[] source = poolSource[st];
            for (int cell = 0; cell < a.stageWidths().get(st) * n * area / 4; cell++) {
                dActivation[top][source[cell]] += dPooled[cell];
            }
            for (int k = convs - 1; k >= 0; k--) {
                int l = st * convs + k;
                float[] dIn = l == 0 ? null : k > 0 ? dActivation[l - 1] : dStageInput[st];
                convolveBackward(l, dIn, gradient);
            }
        }
        for (int t = 0; t < offsets.length - 1; t += 2) {
            weightGradients.get(offsets[t], gradient, offsets[t], offsets[t + 1] - offsets[t]);
        }
        return loss;
    }

    /** Logits of image {@code b} of the last forward pass (a copy). */
    float[] logits(int b) {
        return dense(dense, b);
    }

    /** Pooled output of stage {@code stage} for image {@code b} of the last forward pass, [C][s/2][s/2] (a copy). */
    float[] pooled(int stage, int b) {
        float[] map = stage == a.stages() - 1 ? pooledLast : stageInput[stage + 1];
        int channels = a.stageWidths().get(stage);
        int cells = a.side(stage) * a.side(stage) / 4;
        float[] out = new float[channels * cells];
        for (int ch = 0; ch < channels; ch++) {
            System.arraycopy(map, (ch * n + b) * cells, out, ch * cells, cells);
        }
        return out;
    }

    /** The global average pool of image {@code b} of the last forward pass (a copy). */
    float[] globalPool(int b) {
        return Arrays.copyOfRange(denseIn[0], b * a.pooledWidth(), (b + 1) * a.pooledWidth());
    }

    /** Dense layer {@code d}'s output before its Relu (d = dense layers: the logits) for image {@code b} (a copy). */
    float[] dense(int d, int b) {
        int units = denseOut[d].length / capacity;
        return Arrays.copyOfRange(denseOut[d], b * units, (b + 1) * units);
    }

    @Override
    public void close() {
        for (OffHeapFloats buffer : patches) {
            buffer.close();
        }
        for (OffHeapFloats buffer : List.of(weights, weightGradients, left, result, dPatches)) {
            buffer.close();
        }
    }

    /** Copies the weights off-heap and the images into stageInput[0] as [C][n][S][S]. */
    private void load(float[] p, float[][] images) {
        if (images.length < 1 || images.length > capacity) {
            throw new IllegalArgumentException("batch of " + images.length + " images, must be in [1, " + capacity
                    + "]");
        }
        if (p.length != parameterCount()) {
            throw new IllegalArgumentException(p.length + " parameters, expected " + parameterCount());
        }
        n = images.length;
        int area = a.imageSize() * a.imageSize();
        for (int b = 0; b < n; b++) {
            if (images[b].length != a.inputChannels() * area) {
                throw new IllegalArgumentException("image " + b + " has " + images[b].length + " values, expected "
                        + a.inputChannels() * area);
            }
            for (int ch = 0; ch < a.inputChannels(); ch++) {
                System.arraycopy(images[b], ch * area, stageInput[0], (ch * n + b) * area, area);
            }
        }
        weights.put(0, p, 0, p.length);
    }

    /** Conv 3x3 pad 1 -> Relu of convolution {@code l} from {@code in} into activation[l]. */
    private void convolve(float[] p, int l, float[] in) {
        Conv c = layers[l];
        int columns = n * c.side() * c.side();
        im2col.gather(in, c.in(), n, c.side(), patches[l]);
        OffHeapFloats.multiply(false, false, c.filters(), columns, c.patch(), weights, offsets[c.parameter()],
                c.patch(), patches[l], 0, columns, 0f, result, 0, columns);
        float[] out = activation[l];
        result.get(0, out, 0, c.filters() * columns);
        int bias = offsets[c.parameter() + 1];
        for (int f = 0; f < c.filters(); f++) {
            float b = p[bias + f];
            for (int q = f * columns; q < (f + 1) * columns; q++) {
                out[q] = Math.max(0f, out[q] + b);
            }
        }
    }

    /**
     * Backward of convolution {@code l} given the gradient of its Relu output: masks it to the pre-activation
     * gradient, writes the weight gradient (off-heap) and the bias gradient, and when {@code dIn} is not null writes
     * the gradient of the convolution's input into it.
     */
    private void convolveBackward(int l, float[] dIn, float[] gradient) {
        Conv c = layers[l];
        int columns = n * c.side() * c.side();
        float[] dOut = dActivation[l];
        float[] out = activation[l];
        int bias = offsets[c.parameter() + 1];
        for (int f = 0; f < c.filters(); f++) {
            float sum = 0f;
            for (int q = f * columns; q < (f + 1) * columns; q++) {
                float d = out[q] > 0f ? dOut[q] : 0f;
                dOut[q] = d;
                sum += d;
            }
            gradient[bias + f] = sum;
        }
        left.put(0, dOut, 0, c.filters() * columns);
        int weight = offsets[c.parameter()];
        OffHeapFloats.multiply(false, true, c.filters(), c.patch(), columns, left, 0, columns, patches[l], 0, columns,
                0f, weightGradients, weight, c.patch());
        if (dIn != null) {
            OffHeapFloats.multiply(true, false, c.patch(), columns, c.filters(), weights, weight, c.patch(), left, 0,
                    columns, 0f, dPatches, 0, columns);
            Arrays.fill(dIn, 0, c.in() * columns, 0f);
            im2col.scatterAdd(dPatches, c.in(), n, c.side(), dIn);
        }
    }

    /** MaxPool 2x2 stride 2 of {@code planes} maps of side {@code side}; source[cell] = its first maximum. */
    private static void maxPool(float[] in, int planes, int side, float[] out, int[] source) {
        int half = side / 2;
        for (int plane = 0; plane < planes; plane++) {
            for (int r = 0; r < half; r++) {
                for (int c = 0; c < half; c++) {
                    int first = (plane * side + 2 * r) * side + 2 * c;
                    int best = in[first + 1] > in[first] ? first + 1 : first;
                    best = in[first + side] > in[best] ? first + side : best;
                    best = in[first + side + 1] > in[best] ? first + side + 1 : best;
                    int cell = (plane * half + r) * half + c;
                    source[cell] = best;
                    out[cell] = in[best];
                }
            }
        }
    }

    /** denseOut[d] = denseIn[d] W^T + b; denseIn[d + 1] = Relu of it below the logits. */
    private void denseForward(float[] p, int d) {
        int in = denseIn[d].length / capacity;
        int out = denseOut[d].length / capacity;
        int parameter = 2 * (layers.length + d);
        left.put(0, denseIn[d], 0, n * in);
        OffHeapFloats.multiply(false, true, n, out, in, left, 0, in, weights, offsets[parameter], in, 0f, result, 0,
                out);
        result.get(0, denseOut[d], 0, n * out);
        int bias = offsets[parameter + 1];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                float z = denseOut[d][b * out + o] + p[bias + o];
                denseOut[d][b * out + o] = z;
                if (d < dense) {
                    denseIn[d + 1][b * out + o] = Math.max(0f, z);
                }
            }
        }
    }

    /** From dDenseOut[d]: the weight gradient (off-heap), the bias gradient and dDenseIn[d] = dDenseOut[d] W. */
    private void denseBackward(int d, float[] gradient) {
        int in = denseIn[d].length / capacity;
        int out = denseOut[d].length / capacity;
        int parameter = 2 * (layers.length + d);
        int bias = offsets[parameter + 1];
        for (int o = 0; o < out; o++) {
            float sum = 0f;
            for (int b = 0; b < n; b++) {
                sum += dDenseOut[d][b * out + o];
            }
            gradient[bias + o] = sum;
        }
        left.put(0, dDenseOut[d], 0, n * out);
        result.put(0, denseIn[d], 0, n * in);
        OffHeapFloats.multiply(true, false, out, in, n, left, 0, out, result, 0, in, 0f, weightGradients,
                offsets[parameter], in);
        OffHeapFloats.multiply(false, false, n, in, out, left, 0, out, weights, offsets[parameter], in, 0f, dPatches,
                0, in);
        dPatches.get(0, dDenseIn[d], 0, n * in);
    }

    /** Softmax cross-entropy of image b; writes scale x (softmax - onehot) into its row of dDenseOut; the loss. */
    private double softmaxGradient(int b, int label, float scale) {
        int classes = a.classes();
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " of image " + b + " outside [0, " + classes + ")");
        }
        float[] logits = denseOut[dense];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, logits[b * classes + k]);
        }
        double[] e = new double[classes];
        double sum = 0.0;
        for (int k = 0; k < classes; k++) {
            e[k] = StrictMath.exp(logits[b * classes + k] - max);
            sum += e[k];
        }
        for (int k = 0; k < classes; k++) {
            dDenseOut[dense][b * classes + k] = (float) (scale * (e[k] / sum - (k == label ? 1.0 : 0.0)));
        }
        return StrictMath.log(sum) - (logits[b * classes + label] - max);
    }
}
