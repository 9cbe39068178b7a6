package org.prunedistill.extraction.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.DeepCnnArchitecture;
import org.prunedistill.extraction.model.DeepCnnWeights;
import org.prunedistill.extraction.natural.NaturalImageSet;

class DeepCnnTrainerTest {

    private static final double LOSS_DROP = 0.04;

    private static final NaturalImageSet IMAGES = NaturalImageSet.withDefaults().withImageSize(16).withClasses(4)
            .withSupersampling(1);
    private static final DeepCnnArchitecture SMALL = new DeepCnnArchitecture(16, 3, List.of(4, 6), 2, List.of(8),
            4);
    private static final TrainingConfig TINY = TrainingConfig.deepDefaults().withImageSize(16).withBatchSize(6, 3)
            .withSteps(6);

    @Test
    void sameSeedGivesIdenticalWeightsWhateverTheThreadCount() {
        String once = DeepCnn.fromWeights(train(TINY, 1)).sha256();
        assertEquals(once, DeepCnn.fromWeights(train(TINY, 1)).sha256());
        assertEquals(once, DeepCnn.fromWeights(train(TINY, 3)).sha256());
        assertFalse(once.equals(DeepCnn.fromWeights(train(TINY.withSeed(2), 2)).sha256()), "another seed");
    }

    @Test
    void stepZeroIsTheRandomNetworkOfTheSeed() {
        try (DeepCnnTrainer trainer = new DeepCnnTrainer(TINY, SMALL, IMAGES, 1)) {
            assertEquals(DeepCnn.random(TINY.seed(), SMALL).sha256(), DeepCnn.fromWeights(trainer.weights()).sha256());
        }
    }

    @Test
    void aResumedRunEndsWithTheIdenticalWeights(@TempDir Path dir) throws IOException {
        DeepCnnWeights straight = train(TINY, 2);
        Path state = dir.resolve("state.bin");
        try (DeepCnnTrainer first = new DeepCnnTrainer(TINY, SMALL, IMAGES, 2)) {
            first.trainStep();
            first.trainStep();
            first.save(state);
        }
        try (DeepCnnTrainer second = new DeepCnnTrainer(TINY, SMALL, IMAGES, 1)) {
            second.resume(state);
            assertEquals(2, second.step());
            while (second.step() < TINY.steps()) {
                second.trainStep();
            }
            for (int t = 0; t < straight.count(); t++) {
                assertArrayEquals(straight.values(t), second.weights().values(t), SMALL.parameters().get(t).name());
            }
        }
        try (DeepCnnTrainer other = new DeepCnnTrainer(TINY.withSeed(9), SMALL, IMAGES, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.resume(state));
            assertTrue(e.getMessage().startsWith(state + ": saved by another run"), e.getMessage());
        }
    }

    @Test
    void anInterruptedRunWritesTheSameCheckpointsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        TrainDeepCnn.Plan plan = new TrainDeepCnn.Plan(SMALL, IMAGES, 20, 4, 2, 2, 100, Integer.MAX_VALUE);
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        assertTrue(TrainDeepCnn.run(TINY, plan, straight, quiet()));
        TrainDeepCnn.Plan stopping = new TrainDeepCnn.Plan(SMALL, IMAGES, 20, 4, 1, 2, 100, 3);
        assertFalse(TrainDeepCnn.run(TINY, stopping, interrupted, quiet()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertTrue(TrainDeepCnn.run(TINY, plan, interrupted, new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("resuming at step 3 of 6"), log::toString);
        assertEquals(List.of(0, 1, 2, 6), TrainDeepCnn.schedule(6, 4));
        for (String file : List.of("step-000000.onnx", "step-000001.onnx", "step-000002.onnx", "step-000006.onnx",
                TrainDeepCnn.MANIFEST, TrainDeepCnn.STATE)) {
            assertArrayEquals(Files.readAllBytes(straight.resolve(file)), Files.readAllBytes(interrupted.resolve(file)),
                    file);
        }
    }

    @Test
    void checkpointsAreLogSpacedFromTheUntrainedNetwork() {
        // round(1500^(k/8)): 2.49, 6.22, 15.5, 38.7, 96.6, 241.0, 601.2
        assertEquals(List.of(0, 1, 2, 6, 16, 39, 97, 241, 601, 1500), TrainDeepCnn.schedule(1500, 10));
    }

    /**
     * Two classes without clutter, 16 px: 300 steps of 16 images take the mean loss of the last 25 steps at least
     * {@value #LOSS_DROP} nats below the first 25 (chance is log 2 = 0.693; a window mean of 400 image losses varies by
     * about 0.005, so the drop is no fluctuation; measured 0.70 to 0.62 after 200 steps).
     */
    @Test
    void aFewHundredStepsOnAnEasySubsetReduceTheLoss() {
        int steps = 300;
        int window = 25;
        NaturalImageSet easy = NaturalImageSet.withDefaults().withImageSize(16).withClasses(2).withSupersampling(1)
                .withMaxClutter(0);
        DeepCnnArchitecture network = new DeepCnnArchitecture(16, 3, List.of(8, 16), 2, List.of(16), 2);
        TrainingConfig config = TrainingConfig.deepDefaults().withImageSize(16).withBatchSize(16, 4).withSteps(steps)
                .withLearningRate(3e-3);
        double first = 0.0;
        double last = 0.0;
        try (DeepCnnTrainer trainer = new DeepCnnTrainer(config, network, easy, 2)) {
            for (int s = 0; s < steps; s++) {
                double loss = trainer.trainStep();
                first += s < window ? loss : 0.0;
                last += s >= steps - window ? loss : 0.0;
            }
            assertThrows(IllegalStateException.class, trainer::trainStep);
        }
        assertTrue(last / window < first / window - LOSS_DROP, "mean loss of the last " + window + " steps "
                + last / window + " is not clearly below the first " + first / window);
    }

    private static DeepCnnWeights train(TrainingConfig config, int threads) {
        try (DeepCnnTrainer trainer = new DeepCnnTrainer(config, SMALL, IMAGES, threads)) {
            while (trainer.step() < config.steps()) {
                trainer.trainStep();
            }
            return trainer.weights();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
