package org.prunedistill.extraction.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.prunedistill.extraction.model.CnnWeights;

/**
 * Trains the built-in CNN ({@code BuiltinCnn}'s architecture) on {@link TrainingImages} with minibatch Adam and
 * softmax cross-entropy, in pure Java.
 *
 * <p>Start: {@link CnnWeights#heNormal}(seed, imageSize, 10), so step 0 is exactly {@code BuiltinCnn.random(seed,
 * imageSize, 10)}. Step t (0-based) draws {@code batchSize} images {@code images.sample(dataSeed, t, i)} with
 * dataSeed mixed from the seed, splits them into {@code chunks} contiguous pieces (piece k = images
 * [k B / K, (k + 1) B / K)), computes each piece's gradient of the mean loss (double precision, images in order) on
 * a {@link ForkJoinPool}, sums the pieces in piece order, and takes one {@link AdamOptimizer} step with the cosine
 * learning rate of {@link TrainingConfig}. The weights after any number of steps are therefore a pure function of
 * the configuration, whatever the thread count and the JVM (Java double arithmetic is IEEE strict; exp/log/pow come
 * from {@link StrictMath}).
 *
 * <p>Not thread-safe; {@link #close()} shuts the worker pool down.
 */
public final class CnnTrainer implements AutoCloseable {

    /** Key mixed into the seed for the training-image stream, so images and initial weights are unrelated. */
    private static final long DATA_STREAM = 0x5EED_DA7AL;

    private final TrainingConfig config;
    private final TrainingImages images;
    private final ParameterLayout layout;
    private final double[] parameters;
    private final double[][] chunkGradients;
    private final CnnPass[] passes;
    private final double[] gradient;
    private final AdamOptimizer optimizer;
    private final ForkJoinPool pool;
    private final long dataSeed;
    private int step;

    /**
     * @param config  the run
     * @param threads worker threads, at least 1 (speed only; results do not depend on it)
     * @throws IllegalArgumentException if threads is below 1
     */
    public CnnTrainer(TrainingConfig config, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.config = config;
        this.images = TrainingImages.of(config.imageSize(), config.supersampling(), config.pixelNoise());
        this.layout = new ParameterLayout(config.imageSize(), images.classes());
        this.parameters = layout.flatten(CnnWeights.heNormal(config.seed(), config.imageSize(), images.classes()));
        this.chunkGradients = new double[config.chunks()][layout.size];
        this.passes = new CnnPass[config.chunks()];
        for (int k = 0; k < passes.length; k++) {
            passes[k] = new CnnPass(layout);
        }
        this.gradient = new double[layout.size];
        this.optimizer = new AdamOptimizer(layout, config.beta1(), config.beta2(), config.epsilon(),
                config.weightDecay());
        this.pool = new ForkJoinPool(threads);
        this.dataSeed = Seeds.mix(config.seed(), DATA_STREAM);
    }

    public TrainingConfig config() {
        return config;
    }

    /** The image stream (its parameters are part of the provenance). */
    public TrainingImages images() {
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
    public CnnWeights weights() {
        return layout.toWeights(parameters);
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
        for (double[] part : chunkGradients) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += part[i];
            }
        }
        double lr = config.learningRate() * 0.5 * (1.0 + StrictMath.cos(Math.PI * step / config.steps()));
        optimizer.update(parameters, gradient, lr);
        step++;
        return loss / batch;
    }

    /** Loss sum of images [from, to) of the current step; the chunk's gradient of the batch-mean loss. */
    private double chunkLoss(int chunk, int from, int to) {
        double[] g = chunkGradients[chunk];
        Arrays.fill(g, 0.0);
        double scale = 1.0 / config.batchSize();
        double loss = 0.0;
        for (int i = from; i < to; i++) {
            TrainingImages.Sample sample = images.sample(dataSeed, step, i);
            loss += passes[chunk].lossAndGradient(parameters, sample.pixels(), sample.label(), scale, g);
        }
        return loss;
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

    @Override
    public void close() {
        pool.shutdown();
    }
}
