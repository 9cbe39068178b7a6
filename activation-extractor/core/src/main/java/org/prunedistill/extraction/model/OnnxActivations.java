package org.prunedistill.extraction.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.prunedistill.claimcheck.Excerpt;

/**
 * Reads layer activations of an ONNX model with ONNX Runtime (CPU).
 *
 * <p>The model must have exactly one float input of shape [N, C, H, W]. Readable layers are the model's graph
 * outputs plus the input itself, addressable by its own name or by the alias {@value #INPUT_LAYER}; the input
 * layer returns the given pixels unchanged. Activations come back per layer as [batch][units] with each image's
 * tensor flattened in C order (for a conv layer: channel, then row, then column). Intermediate tensors of an
 * imported model are readable only once they are graph outputs: {@link ImportedModel#forLayers} makes them so.
 *
 * <p>Under a memory cap ({@link OnnxMemoryCap}) {@link #run} cuts a batch into runs of at most {@link #imagesPerRun()}
 * images, few enough for ONNX Runtime's CPU arena to stay within the cap; the activations are the same as from one
 * run.
 *
 * <p>One instance holds one {@link OrtSession}; {@link #run} may be called concurrently (ONNX Runtime sessions are
 * thread-safe), and {@link #close()} releases the native session. The process-wide {@link OrtEnvironment} is
 * shared and deliberately never closed. Native ONNX Runtime logging is limited to errors.
 */
public final class OnnxActivations implements AutoCloseable {

    /** Alias under which the model input can always be requested. */
    public static final String INPUT_LAYER = BuiltinCnn.INPUT;
    private static final int DEFAULT_INTRA_OP_THREADS = 1;
    private static final int IMAGE_RANK = 4;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final List<String> outputNames;
    private final int imagesPerRun;

    /** Opens a model with one intra-op thread. */
    public OnnxActivations(byte[] modelBytes) {
        this(modelBytes, DEFAULT_INTRA_OP_THREADS);
    }

    /** Opens a model without a memory cap: one run per batch, with ONNX Runtime's arena. */
    public OnnxActivations(byte[] modelBytes, int intraOpThreads) {
        this(modelBytes, intraOpThreads, Integer.MAX_VALUE);
    }

    /**
     * Opens a model.
     *
     * @param modelBytes      serialised ONNX ModelProto
     * @param intraOpThreads  threads ONNX Runtime may use inside one operator, at least 1
     * @param imagesPerRun    most images one ONNX Runtime run takes ({@link OnnxMemoryCap#imagesPerRun})
     * @throws IllegalArgumentException if the thread or image count is below 1, the bytes do not load as a model, or
     *                                  the model does not have exactly one input
     */
    public OnnxActivations(byte[] modelBytes, int intraOpThreads, int imagesPerRun) {
        Objects.requireNonNull(modelBytes, "modelBytes");
        if (intraOpThreads < 1 || imagesPerRun < 1) {
            throw new IllegalArgumentException("intraOpThreads and imagesPerRun must be >= 1, were " + intraOpThreads
                    + " and " + imagesPerRun);
        }
        this.imagesPerRun = imagesPerRun;
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            // Runs alternate with Java work on the same cores (a batch's images are made, then its layers stored, on
            // all of them): ONNX Runtime's threads, left spinning after a run, took CPU from that work.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            session = environment.createSession(modelBytes, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("modelBytes do not load in ONNX Runtime: " + e.getMessage(), e);
        }
        Set<String> inputs = session.getInputNames();
        if (inputs.size() != 1) {
            IllegalArgumentException failure =
                    new IllegalArgumentException("model must have exactly one input, has " + inputs);
            try {
                session.close();
            } catch (OrtException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        inputName = inputs.iterator().next();
        outputNames = List.copyOf(session.getOutputNames());
    }

    /** Name of the model input. */
    public String inputName() {
        return inputName;
    }

    /** Declared input shape, for diagnostics; -1 marks symbolic dimensions. */
    public long[] inputShape() {
        try {
            NodeInfo info = session.getInputInfo().get(inputName);
            if (!(info.getInfo() instanceof TensorInfo tensor)) {
                throw new IllegalStateException("input '" + inputName + "' is not a tensor: " + info.getInfo());
            }
            return tensor.getShape();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot read input info: " + e.getMessage(), e);
        }
    }

    /** Most images one ONNX Runtime run takes; {@link Integer#MAX_VALUE} without a memory cap. */
    public int imagesPerRun() {
        return imagesPerRun;
    }

    /** Graph outputs of the model, in model order. */
    public List<String> outputNames() {
        return outputNames;
    }

    /** Every name {@link #run} accepts: {@value #INPUT_LAYER} (and the input's own name), then the outputs. */
    public List<String> layerNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(INPUT_LAYER);
        names.add(inputName);
        names.addAll(outputNames);
        return List.copyOf(names);
    }

    /**
     * Runs one batch and returns the requested layers.
     *
     * @param batchPixels batch * channels * height * width floats, C order
     * @param layers      layer names, each the input (alias or own name) or a graph output
     * @return per requested layer, in request order, [batch][units]
     * @throws IllegalArgumentException on an unknown layer (the message lists the valid names), a non-positive
     *                                  dimension or a pixel array of the wrong length
     * @throws IllegalStateException    if ONNX Runtime fails or an output is not a float tensor
     */
    public Map<String, float[][]> run(float[] batchPixels, int batch, int channels, int height, int width,
                                      Collection<String> layers) {
        Map<String, float[][]> rows = new LinkedHashMap<>();
        runFlat(batchPixels, batch, channels, height, width, layers)
                .forEach((layer, flat) -> rows.put(layer, split(FloatBuffer.wrap(flat), batch)));
        return rows;
    }

    /**
     * Runs one batch and returns the requested layers as flat arrays, {@code [batch, units]} in C order: what
     * {@link #run} returns without cutting it into rows, copied once out of ONNX Runtime.
     *
     * @throws IllegalArgumentException as {@link #run}
     * @throws IllegalStateException    as {@link #run}
     */
    public Map<String, float[]> runFlat(float[] batchPixels, int batch, int channels, int height, int width,
                                        Collection<String> layers) {
        long[] shape = checkBatch(batchPixels, batch, channels, height, width);
        Set<String> requested = new LinkedHashSet<>(Objects.requireNonNull(layers, "layers"));
        Set<String> fromModel = new LinkedHashSet<>();
        for (String layer : requested) {
            if (!layer.equals(INPUT_LAYER) && !layer.equals(inputName)) {
                if (!outputNames.contains(layer)) {
                    throw new IllegalArgumentException("unknown layer " + Excerpt.of(layer) + "; valid layers: "
                            + layerNames());
                }
                fromModel.add(layer);
            }
        }
        Map<String, float[]> modelOutputs = fromModel.isEmpty() ? Map.of() : infer(batchPixels, shape, fromModel);
        Map<String, float[]> result = new LinkedHashMap<>();
        for (String layer : requested) {
            float[] values = modelOutputs.get(layer);
            result.put(layer, values != null ? values : batchPixels.clone());
        }
        return result;
    }

    /**
     * The shape of every graph output for one all-zero image, batch dimension included, read without copying the
     * values out of ONNX Runtime.
     *
     * @throws IllegalArgumentException on a non-positive channel count or side
     * @throws IllegalStateException    if ONNX Runtime fails or an output is not a tensor
     */
    public Map<String, long[]> outputShapes(int channels, int side) {
        if (channels < 1 || side < 1) {
            throw new IllegalArgumentException("channels and side must be >= 1, were " + channels + " and " + side);
        }
        float[] zeros = new float[Math.multiplyExact(channels, Math.multiplyExact(side, side))];
        long[] shape = checkBatch(zeros, 1, channels, side, side);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(zeros), shape);
             OrtSession.Result outputs = session.run(Map.of(inputName, input))) {
            for (Map.Entry<String, OnnxValue> output : outputs) {
                if (!(output.getValue() instanceof OnnxTensor tensor)) {
                    throw new IllegalStateException("output '" + output.getKey() + "' is not a tensor: "
                            + output.getValue().getInfo());
                }
                shapes.put(output.getKey(), tensor.getInfo().getShape());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a probe image: " + e.getMessage(), e);
        }
        return shapes;
    }

    /** The batch in runs of at most {@link #imagesPerRun} images, each run's values in place. */
    private Map<String, float[]> infer(float[] pixels, long[] shape, Set<String> names) {
        int batch = (int) shape[0];
        if (batch <= imagesPerRun) {
            return inferOnce(pixels, shape, names);
        }
        int pixelsPerImage = pixels.length / batch;
        Map<String, float[]> result = new LinkedHashMap<>();
        for (int first = 0; first < batch; first += imagesPerRun) {
            int count = Math.min(imagesPerRun, batch - first);
            float[] part = Arrays.copyOfRange(pixels, first * pixelsPerImage,
                    (first + count) * pixelsPerImage);
            Map<String, float[]> run = inferOnce(part, new long[] {count, shape[1], shape[2], shape[3]}, names);
            for (String name : names) {
                float[] values = run.get(name);
                int units = values.length / count;
                float[] all = result.computeIfAbsent(name, n -> new float[Math.multiplyExact(batch, units)]);
                System.arraycopy(values, 0, all, first * units, values.length);
            }
        }
        return result;
    }

    private Map<String, float[]> inferOnce(float[] pixels, long[] shape, Set<String> names) {
        Map<String, float[]> result = new LinkedHashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels), shape);
             OrtSession.Result outputs = session.run(Map.of(inputName, input), names)) {
            for (String name : names) {
                OnnxValue value = outputs.get(name)
                        .orElseThrow(() -> new IllegalStateException("ONNX Runtime returned no '" + name + "'"));
                result.put(name, values(name, value, (int) shape[0]));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on layers " + names + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** An output's values, flat: the array of the copy ONNX Runtime makes when it has one, so no second copy. */
    private static float[] values(String name, OnnxValue value, int batch) {
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
            throw new IllegalStateException("layer '" + name + "' is not a float tensor: " + value.getInfo());
        }
        long[] dims = tensor.getInfo().getShape();
        if (dims.length == 0 || dims[0] != batch) {
            throw new IllegalStateException("layer '" + name + "' does not have the batch as its first dimension: "
                    + tensor.getInfo());
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.array().length == buffer.remaining()) {
            return buffer.array();
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static float[][] split(FloatBuffer flat, int batch) {
        int units = flat.remaining() / batch;
        float[][] rows = new float[batch][units];
        for (float[] row : rows) {
            flat.get(row);
        }
        return rows;
    }

    private static long[] checkBatch(float[] pixels, int batch, int channels, int height, int width) {
        Objects.requireNonNull(pixels, "batchPixels");
        int[] dims = {batch, channels, height, width};
        String[] names = {"batch", "channels", "height", "width"};
        long count = 1;
        for (int i = 0; i < IMAGE_RANK; i++) {
            if (dims[i] < 1) {
                throw new IllegalArgumentException(names[i] + " must be >= 1, was " + dims[i]);
            }
            count *= dims[i];
        }
        if (count != pixels.length) {
            throw new IllegalArgumentException("batchPixels has " + pixels.length + " values, expected batch x "
                    + "channels x height x width = " + count);
        }
        return new long[] {batch, channels, height, width};
    }

    /** Releases the native session; the shared environment stays open. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}
