package org.prunedistill.extraction.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.BuiltinCnn;
import org.prunedistill.extraction.model.CnnWeights;

class CnnTrainerTest {

    private static final TrainingConfig TINY = TrainingConfig.defaults().withImageSize(16).withBatchSize(8, 4)
            .withSteps(3);

    @Test
    void sameSeedGivesIdenticalWeightsWhateverTheThreadCount() {
        CnnWeights once = train(TINY, 1);
        CnnWeights again = train(TINY, 1);
        CnnWeights threaded = train(TINY, 3);
        for (CnnWeights other : List.of(again, threaded)) {
            assertArrayEquals(once.conv1Weight(), other.conv1Weight());
            assertArrayEquals(once.conv1Bias(), other.conv1Bias());
            assertArrayEquals(once.conv2Weight(), other.conv2Weight());
            assertArrayEquals(once.conv2Bias(), other.conv2Bias());
            assertArrayEquals(once.fc1Weight(), other.fc1Weight());
            assertArrayEquals(once.fc1Bias(), other.fc1Bias());
            assertArrayEquals(once.logitsWeight(), other.logitsWeight());
            assertArrayEquals(once.logitsBias(), other.logitsBias());
        }
        assertEquals(BuiltinCnn.fromWeights(once, 1).sha256(), BuiltinCnn.fromWeights(threaded, 1).sha256());
    }

    @Test
    void differentSeedsTrainDifferentWeights() {
        CnnWeights a = train(TINY, 2);
        CnnWeights b = train(TINY.withSeed(TINY.seed() + 1), 2);
        assertFalse(Arrays.equals(a.fc1Weight(), b.fc1Weight()));
    }

    @Test
    void stepZeroIsTheRandomBuiltinCnnOfTheSeed() {
        try (CnnTrainer trainer = new CnnTrainer(TINY, 1)) {
            assertEquals(BuiltinCnn.random(TINY.seed(), 16, 10).sha256(),
                    BuiltinCnn.fromWeights(trainer.weights(), TINY.seed()).sha256());
            assertEquals(0, trainer.imagesSeen());
        }
    }

    @Test
    void lossDecreasesOnAShortRun() {
        int steps = 40;
        int window = 8;
        TrainingConfig config = TrainingConfig.defaults().withImageSize(32).withBatchSize(16, 4).withSteps(steps);
        double first = 0.0;
        double last = 0.0;
        try (CnnTrainer trainer = new CnnTrainer(config, 2)) {
            for (int s = 0; s < steps; s++) {
                double loss = trainer.trainStep();
                first += s < window ? loss : 0.0;
                last += s >= steps - window ? loss : 0.0;
            }
            assertEquals(steps * 16L, trainer.imagesSeen());
            assertThrows(IllegalStateException.class, trainer::trainStep);
        }
        assertTrue(last < first, "mean loss of the last " + window + " steps " + last / window
                + " is not below the first " + first / window);
    }

    @Test
    void rejectsBadArgumentsNamingTheParameter() {
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> new CnnTrainer(TINY, 0));
        assertTrue(threads.getMessage().contains("threads"));
        IllegalArgumentException chunks = assertThrows(IllegalArgumentException.class,
                () -> TINY.withBatchSize(4, 5));
        assertTrue(chunks.getMessage().contains("chunks"));
    }

    private static CnnWeights train(TrainingConfig config, int threads) {
        try (CnnTrainer trainer = new CnnTrainer(config, threads)) {
            while (trainer.step() < config.steps()) {
                trainer.trainStep();
            }
            return trainer.weights();
        }
    }
}
