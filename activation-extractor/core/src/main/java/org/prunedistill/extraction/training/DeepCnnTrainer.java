package org.prunedistill.extraction.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.prunedistill.extraction.model.DeepCnnArchitecture;
import org.prunedistill.extraction.model.DeepCnnWeights;
import org.prunedistill.extraction.natural.NaturalImageSet;

/**
 * Trains a {@link DeepCnnArchitecture} on {@link NaturalImageSet} images with minibatch Adam and softmax
 * cross-entropy, in pure Java, with the same reproducibility contract as {@link CnnTrainer} for the small network.
 *
 * <p>Start: {@link DeepCnnWeights#heNormal}(seed), so step 0 is exactly {@code DeepCnn.random(seed, ...)}. Step t
 * (0-based) uses the images {@code t B .. t B + B - 1} of the stream {@code dataSeed} (the seed mixed with a fixed
 * key; every training image is distinct), split into {@code chunks} contiguous pieces whose gradients of the mean
 * loss are computed by {@link DeepCnnPass}, one batched pass per piece, on a {@link ForkJoinPool} (each piece renders
 * its own images; a worker takes whichever pass is free) and summed in piece order in double; then one
 * {@link AdamOptimizer} step on the double parameters with the cosine learning rate of {@link TrainingConfig}. The
 * passes see the parameters rounded to float, as the ONNX model does.
 *
 * <p>The whole state is the step, the parameters and Adam's moments and update count: every random draw is a pure
 * function of (seed, step, image index), so no generator state exists to save. {@link #save} writes that state and
 * {@link #resume} continues from it to bit-identical results, whatever the thread count and the JVM, on a machine
 * whose OpenBLAS picks the same kernel (see {@link OffHeapFloats}: every product runs on its worker's thread).
 *
 * <p>Not thread-safe; {@link #close()} shuts the worker pool down.
 */
public final class DeepCnnTrainer implements AutoCloseable {

    /** Key mixed into the seed for the training-image stream, so images and initial weights are unrelated. */
    static final long DATA_STREAM = 0x5EED_DA7AL;
    private static final long STATE_MAGIC = 0x7064_6465_6570_0001L;

    private final TrainingConfig config;
    private final DeepCnnArchitecture architecture;
    private final NaturalImageSet images;
    private final double[] parameters;
    private final float[] rounded;
    private final float[][] chunkGradients;
    private final BlockingQueue<DeepCnnPass> passes;
    private final double[] gradient;
    private final AdamOptimizer optimizer;
    private final ForkJoinPool pool;
    private final long dataSeed;
    private final List<DeepCnnArchitecture.Parameter> tensors;
    private int step;

    /**
     * @param config       the run (its image size must be the architecture's)
     * @param architecture the network; its classes must be the images' classes
     * @param images       the training distribution
     * @param threads      worker threads, at least 1 (speed only; results do not depend on it)
     * @throws IllegalArgumentException naming what does not fit
     */
    public DeepCnnTrainer(TrainingConfig config, DeepCnnArchitecture architecture, NaturalImageSet images,
                          int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (architecture.imageSize() != images.imageSize() || config.imageSize() != images.imageSize()) {
            throw new IllegalArgumentException("image sizes differ: architecture " + architecture.imageSize()
                    + ", images " + images.imageSize() + ", config " + config.imageSize());
        }
        if (architecture.classes() != images.classes() || architecture.inputChannels() != images.channels()) {
            throw new IllegalArgumentException("the architecture has " + architecture.classes() + " classes and "
                    + architecture.inputChannels() + " channels, the images " + images.classes() + " and "
                    + images.channels());
        }
        this.config = config;
        this.architecture = architecture;
        this.images = images;
        this.tensors = architecture.parameters();
        int workers = Math.min(threads, config.chunks());
        int largestChunk = (config.batchSize() + config.chunks() - 1) / config.chunks();
        this.passes = new ArrayBlockingQueue<>(workers);
        for (int k = 0; k < workers; k++) {
            passes.add(new DeepCnnPass(architecture, largestChunk));
        }
        DeepCnnPass first = passes.peek();
        this.parameters = new double[first.parameterCount()];
        DeepCnnWeights start = DeepCnnWeights.heNormal(config.seed(), architecture);
        List<ParameterLayout.Group> groups = new ArrayList<>();
        for (int t = 0; t < tensors.size(); t++) {
            float[] values = start.values(t);
            for (int i = 0; i < values.length; i++) {
                parameters[first.offset(t) + i] = values[i];
            }
            groups.add(new ParameterLayout.Group(tensors.get(t).name(), first.offset(t), values.length,
                    tensors.get(t).weight()));
        }
        this.rounded = new float[parameters.length];
        this.chunkGradients = new float[config.chunks()][parameters.length];
        this.gradient = new double[parameters.length];
        this.optimizer = new AdamOptimizer(groups, parameters.length, config.beta1(), config.beta2(),
                config.epsilon(), config.weightDecay());
        this.pool = new ForkJoinPool(workers);
        this.dataSeed = trainingStream(config.seed());
    }

    /** The stream of natural-like images a run with this training seed trains on. */
    public static long trainingStream(long seed) {
        return Seeds.mix(seed, DATA_STREAM);
    }

    public TrainingConfig config() {
        return config;
    }

    public DeepCnnArchitecture architecture() {
        return architecture;
    }

    public NaturalImageSet images() {
        return images;
    }

    /** Updates done so far. */
    public int step() {
        return step;
    }

    /** Training images used so far (step x batch size). */
    public long imagesSeen() {
        return (long) step * config.batchSize();
    }

    /** Current weights rounded to float, in ONNX layouts. */
    public DeepCnnWeights weights() {
        List<float[]> values = new ArrayList<>();
        int at = 0;
        for (DeepCnnArchitecture.Parameter p : tensors) {
            float[] v = new float[p.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) parameters[at + i];
            }
            at += v.length;
            values.add(v);
        }
        return new DeepCnnWeights(architecture, values);
    }

    /**
     * Runs one minibatch update.
     *
     * @return mean cross-entropy of the minibatch before the update, nats
     * @throws IllegalStateException if all configured steps are done or a worker fails
     */
    public double trainStep() {
        if (step >= config.steps()) {
            throw new IllegalStateException("all " + config.steps() + " steps are done");
        }
        for (int i = 0; i < parameters.length; i++) {
            rounded[i] = (float) parameters[i];
        }
        int batch = config.batchSize();
        int chunks = config.chunks();
        List<Callable<Double>> tasks = new ArrayList<>(chunks);
        for (int k = 0; k < chunks; k++) {
            int chunk = k;
            tasks.add(() -> chunkLoss(chunk, chunk * batch / chunks, (chunk + 1) * batch / chunks));
        }
        double loss = 0.0;
        Arrays.fill(gradient, 0.0);
        for (Future<Double> result : pool.invokeAll(tasks)) {
            loss += join(result);
        }
        for (float[] part : chunkGradients) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += part[i];
            }
        }
        double lr = config.learningRate() * 0.5 * (1.0 + StrictMath.cos(Math.PI * step / config.steps()));
        optimizer.update(parameters, gradient, lr);
        step++;
        return loss / batch;
    }

    /**
     * Writes the state (step, parameters, Adam moments and update count, and a fingerprint of the configuration) to
     * {@code file}, atomically: a temporary file next to it is moved over it.
     */
    public void save(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(temporary);
             DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out))) {
            data.writeLong(STATE_MAGIC);
            data.writeUTF(fingerprint());
            data.writeInt(step);
            data.writeInt(optimizer.updates());
            for (double[] vector : List.of(parameters, optimizer.firstMoments(), optimizer.secondMoments())) {
                data.writeInt(vector.length);
                for (double v : vector) {
                    data.writeDouble(v);
                }
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Restores a state written by {@link #save} for the same configuration, architecture and images.
     *
     * @throws IllegalArgumentException naming the file if it is not a saved state or belongs to another run
     */
    public void resume(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in))) {
            if (data.readLong() != STATE_MAGIC) {
                throw new IllegalArgumentException(file + ": not a saved training state of the deep network");
            }
            String saved = data.readUTF();
            if (!saved.equals(fingerprint())) {
                throw new IllegalArgumentException(file + ": saved by another run (" + saved + "), this run is "
                        + fingerprint());
            }
            int savedStep = data.readInt();
            int updates = data.readInt();
            for (double[] vector : List.of(parameters, optimizer.firstMoments(), optimizer.secondMoments())) {
                int length = data.readInt();
                if (length != vector.length) {
                    throw new IllegalArgumentException(file + ": a vector of " + length + " values, expected "
                            + vector.length);
                }
                for (int i = 0; i < length; i++) {
                    vector[i] = data.readDouble();
                }
            }
            if (savedStep < 0 || savedStep > config.steps()) {
                throw new IllegalArgumentException(file + ": step " + savedStep + " outside 0.." + config.steps());
            }
            step = savedStep;
            optimizer.restoreUpdates(updates);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": truncated training state", e);
        }
    }

    /**
     * What a saved state must match: configuration, architecture, image parameters and the products' library and
     * kernel (another kernel sums in another order, so a resumed run would not be bit-identical to either).
     */
    private String fingerprint() {
        return config.parameters() + " " + architecture + " " + images.parameters() + " " + products();
    }

    /** The library, threading and kernel of the pass's products ({@link OffHeapFloats#products()}). */
    public static String products() {
        return OffHeapFloats.products();
    }

    /** Loss sum of images [from, to) of the current step; the chunk's gradient of the batch-mean loss. */
    private double chunkLoss(int chunk, int from, int to) throws InterruptedException {
        float[][] pixels = new float[to - from][];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            NaturalImageSet.Sample sample = images.sample(dataSeed, (long) step * config.batchSize() + i);
            pixels[i - from] = sample.pixels();
            labels[i - from] = sample.label();
        }
        DeepCnnPass pass = passes.take();
        try {
            return pass.lossAndGradient(rounded, pixels, labels, 1f / config.batchSize(), chunkGradients[chunk]);
        } finally {
            passes.add(pass);
        }
    }

    private static double join(Future<Double> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a training worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops the workers and frees the passes' off-heap buffers. */
    @Override
    public void close() {
        pool.shutdownNow();
        for (DeepCnnPass pass : passes) {
            pass.close();
        }
    }
}
