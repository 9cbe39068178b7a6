package org.prunedistill.extraction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.extraction.model.CheckpointNetwork;
import org.prunedistill.extraction.model.LayerInfo;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;

/**
 * Streams the activations of one checkpoint over a stimulus set, batch by batch, so that no layer is ever held
 * whole: a batch of conditions is rendered (every trial), turned into network inputs, passed once through ONNX
 * Runtime, and each chosen layer's slice {@code [conditions in batch, trials, units]} goes to the sink, in condition
 * order. The next batch's inputs are made meanwhile, on a thread of their own: overlapping with the network's run
 * instead of following it, they cost the whole extraction less time (measured in activation-extractor/README.md).
 * Memory is bounded by one batch (images, inputs and the chosen layers' outputs for {@code batchConditions x trials}
 * images) and the next batch's inputs. The extractor service and the extraction benchmark share this loop.
 */
public final class ActivationStream {

    /** Receives each batch, in condition order. */
    @FunctionalInterface
    public interface BatchSink {
        /**
         * @param firstCondition index of the batch's first condition
         * @param tensors        per chosen layer, {@code [count, trials, units]} float32
         */
        void accept(int firstCondition, Map<LayerInfo, FloatTensor> tensors);
    }

    private final RenderedStimulusSet stimuli;
    private final long seed;
    private final int batchConditions;

    /**
     * @param stimuli         the rendered set
     * @param seed            seed of the trial jitter
     * @param batchConditions conditions per batch, at least 1
     */
    public ActivationStream(RenderedStimulusSet stimuli, long seed, int batchConditions) {
        if (batchConditions < 1) {
            throw new IllegalArgumentException("batchConditions must be >= 1, was " + batchConditions);
        }
        this.stimuli = stimuli;
        this.seed = seed;
        this.batchConditions = batchConditions;
    }

    /** Number of batches a checkpoint is cut into. */
    public int batchCount() {
        return (stimuli.conditions().size() + batchConditions - 1) / batchConditions;
    }

    /**
     * Runs every batch through the network's open session.
     *
     * @param progress called after each batch with the number of conditions done
     */
    public void run(CheckpointNetwork network, OnnxActivations session, BatchSink sink,
                    java.util.function.IntConsumer progress) {
        int conditions = stimuli.conditions().size();
        int trials = stimuli.trials();
        List<String> names = network.layers().stream().map(LayerInfo::name).toList();
        int side = network.inputSide();
        ExecutorService renderer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "batch-renderer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<float[]> next = renderer.submit(() -> inputs(network, 0, Math.min(batchConditions, conditions)));
            for (int first = 0; first < conditions; first += batchConditions) {
                int count = Math.min(batchConditions, conditions - first);
                float[] inputs = await(next);
                int following = first + batchConditions;
                if (following < conditions) {
                    next = renderer.submit(() -> inputs(network, following,
                            Math.min(batchConditions, conditions - following)));
                }
                Map<String, float[]> activations = session.runFlat(inputs, count * trials, network.inputChannels(),
                        side, side, names);
                Map<LayerInfo, FloatTensor> tensors = new LinkedHashMap<>();
                for (LayerInfo layer : network.layers()) {
                    // rows are (condition, trial) pairs in condition-major order: exactly [count, trials, units]
                    float[] values = activations.get(layer.name());
                    tensors.put(layer, FloatTensor.ofFloats(values, count, trials, values.length / (count * trials)));
                }
                sink.accept(first, tensors);
                progress.accept(first + count);
            }
        } finally {
            renderer.shutdownNow();
        }
    }

    private static float[] await(Future<float[]> inputs) {
        try {
            return inputs.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the next batch's images were made", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Every trial of conditions first .. first + count - 1 as network inputs, condition-major. The images are made in
     * parallel on the common pool: each trial is a pure function of (seed, condition, trial) written to its own slice,
     * so the inputs are those of making them in turn.
     */
    private float[] inputs(CheckpointNetwork network, int first, int count) {
        int imageSide = stimuli.imageSize();
        int trials = stimuli.trials();
        int inputPixels = network.inputChannels() * network.inputSide() * network.inputSide();
        float[] inputs = new float[count * trials * inputPixels];
        IntStream.range(0, count * trials).parallel().forEach(image -> {
            float[] input = network.input(stimuli.render(first + image / trials, image % trials, seed),
                    stimuli.channels(), imageSide);
            System.arraycopy(input, 0, inputs, image * inputPixels, inputPixels);
        });
        return inputs;
    }
}
