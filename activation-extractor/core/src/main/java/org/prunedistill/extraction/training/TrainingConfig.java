package org.prunedistill.extraction.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every parameter of one training run of the built-in CNN ({@link CnnTrainer}); together with the code they fix the
 * result bit for bit.
 *
 * @param seed          seeds the He-normal initial weights ({@code CnnWeights.heNormal(seed, ...)}) and, mixed,
 *                      the stream of training images
 * @param steps         minibatch updates in the run (sets the length of the cosine learning-rate schedule)
 * @param batchSize     images per minibatch
 * @param chunks        fixed number of pieces each minibatch is split into; their gradients are summed in chunk
 *                      order, so results do not depend on the number of threads (at most {@code batchSize})
 * @param learningRate  peak Adam step size; step t (0-based) uses learningRate x (1 + cos(pi t / steps)) / 2
 * @param beta1         Adam first-moment decay
 * @param beta2         Adam second-moment decay
 * @param epsilon       Adam denominator floor
 * @param weightDecay   decoupled weight decay (AdamW) on weights, not biases, per unit learning rate; 0 disables
 * @param imageSize     training and test image side, pixels
 * @param supersampling rays per pixel along each axis for training images
 * @param pixelNoise    Gaussian noise SD added to training images, units of white
 */
public record TrainingConfig(long seed, int steps, int batchSize, int chunks, double learningRate, double beta1,
                             double beta2, double epsilon, double weightDecay, int imageSize, int supersampling,
                             double pixelNoise) {

    /** @throws IllegalArgumentException naming the parameter when out of range */
    public TrainingConfig {
        require(steps >= 1, "steps must be >= 1, was " + steps);
        require(batchSize >= 1, "batchSize must be >= 1, was " + batchSize);
        require(chunks >= 1 && chunks <= batchSize, "chunks must be in [1, batchSize], was " + chunks);
        require(learningRate > 0.0 && Double.isFinite(learningRate), "learningRate must be > 0, was " + learningRate);
        require(beta1 >= 0.0 && beta1 < 1.0, "beta1 must be in [0, 1), was " + beta1);
        require(beta2 >= 0.0 && beta2 < 1.0, "beta2 must be in [0, 1), was " + beta2);
        require(epsilon > 0.0, "epsilon must be > 0, was " + epsilon);
        require(weightDecay >= 0.0 && Double.isFinite(weightDecay), "weightDecay must be >= 0, was " + weightDecay);
        require(imageSize >= 8, "imageSize must be >= 8, was " + imageSize);
        require(supersampling >= 1 && supersampling <= 8, "supersampling must be in [1, 8], was " + supersampling);
        require(pixelNoise >= 0.0 && Double.isFinite(pixelNoise), "pixelNoise must be >= 0, was " + pixelNoise);
    }

    /** The settings of the shipped checkpoints (see {@code TrainBuiltinCnn}). */
    public static TrainingConfig defaults() {
        return new TrainingConfig(1L, 1500, 32, 8, 2e-3, 0.9, 0.999, 1e-8, 0.0, 64, 2, 0.02);
    }

    /**
     * The settings of the deep network's shipped run ({@code TrainDeepCnn}): 6000 steps of Adam at 1e-4 with cosine
     * decay, minibatch 32 in 8 chunks (192,000 distinct images), 64 px natural-like images with 2 x 2 rays per pixel
     * and pixel noise SD 0.01. The step count was chosen from the measured cost alone, before any result: 45 to 77
     * training images/s on the 2-core machine put it at 42 to 71 minutes, within the 90-minute budget. The step size
     * was chosen by whether training leaves chance at all, before any result: at 1e-3 (the small network's order)
     * this network, which has no normalisation layers, collapsed within 77 steps (loss flat at ln 50, 80 of 256 gap
     * units still varying across images, their SD down from 0.083 to 1e-4); at 3e-4 it was shrinking the same way;
     * at 1e-4 the loss left ln 50 = 3.91 after about 250 steps and fell to 3.57 by step 480.
     */
    public static TrainingConfig deepDefaults() {
        return new TrainingConfig(1L, 6000, 32, 8, 1e-4, 0.9, 0.999, 1e-8, 0.0, 64, 2, 0.01);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(value, steps, batchSize, chunks, learningRate, beta1, beta2, epsilon, weightDecay,
                imageSize, supersampling, pixelNoise);
    }

    public TrainingConfig withSteps(int value) {
        return new TrainingConfig(seed, value, batchSize, chunks, learningRate, beta1, beta2, epsilon, weightDecay,
                imageSize, supersampling, pixelNoise);
    }

    public TrainingConfig withBatchSize(int value, int chunkCount) {
        return new TrainingConfig(seed, steps, value, chunkCount, learningRate, beta1, beta2, epsilon, weightDecay,
                imageSize, supersampling, pixelNoise);
    }

    public TrainingConfig withImageSize(int value) {
        return new TrainingConfig(seed, steps, batchSize, chunks, learningRate, beta1, beta2, epsilon, weightDecay,
                value, supersampling, pixelNoise);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(seed, steps, batchSize, chunks, value, beta1, beta2, epsilon, weightDecay,
                imageSize, supersampling, pixelNoise);
    }

    /** Every field, snake_case, in declaration order (for provenance). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seed", seed);
        p.put("steps", steps);
        p.put("batch_size", batchSize);
        p.put("chunks", chunks);
        p.put("optimizer", "adam");
        p.put("learning_rate", learningRate);
        p.put("learning_rate_schedule", "cosine to 0 over steps");
        p.put("beta1", beta1);
        p.put("beta2", beta2);
        p.put("epsilon", epsilon);
        p.put("weight_decay", weightDecay);
        p.put("image_size", imageSize);
        p.put("supersampling", supersampling);
        p.put("pixel_noise", pixelNoise);
        return p;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
