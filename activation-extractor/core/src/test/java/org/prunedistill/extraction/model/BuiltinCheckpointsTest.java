package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.BuiltinCheckpoints.Checkpoint;
import org.prunedistill.extraction.training.HeldOutViews;

class BuiltinCheckpointsTest {

    /** Training must lift held-out accuracy by at least this much (chance is 0.1). */
    private static final double MINIMUM_TRAINING_GAIN = 0.40;

    private final BuiltinCheckpoints shipped = BuiltinCheckpoints.load();

    @Test
    void loadsTheFourCheckpointsInTrainingOrder() {
        List<Checkpoint> checkpoints = shipped.checkpoints();
        assertEquals(BuiltinCheckpoints.NAMES, checkpoints.stream().map(Checkpoint::name).toList());
        assertEquals(64, shipped.imageSize());
        assertEquals(10, shipped.classes());
        assertEquals(380, shipped.heldOutViews());
        assertEquals(0, checkpoints.get(0).step());
        for (int i = 1; i < checkpoints.size(); i++) {
            assertTrue(checkpoints.get(i).step() > checkpoints.get(i - 1).step());
            assertTrue(checkpoints.get(i).imagesSeen() > checkpoints.get(i - 1).imagesSeen());
        }
        List<LayerInfo> layers = BuiltinCnn.random(0, 64, 10).layers();
        for (Checkpoint c : checkpoints) {
            assertEquals(BuiltinCnn.digest(c.onnxBytes()), c.sha256());
            assertEquals(layers, c.layers());
            assertEquals((double) c.heldOutCorrect() / shipped.heldOutViews(), c.heldOutAccuracy());
        }
    }

    @Test
    void untrainedIsTheHeNormalStartOfTheTrainingSeed() {
        assertEquals(BuiltinCnn.random(shipped.trainingSeed(), 64, 10).sha256(), shipped.get("untrained").sha256());
    }

    @Test
    void recordedHeldOutAccuraciesReproduceWithOnnxRuntime() {
        HeldOutViews heldOut = HeldOutViews.render(shipped.imageSize());
        for (Checkpoint c : shipped.checkpoints()) {
            assertEquals(c.heldOutCorrect(), heldOut.correct(c.onnxBytes()), c.name());
        }
        double gain = shipped.get("trained").heldOutAccuracy() - shipped.get("untrained").heldOutAccuracy();
        assertTrue(gain >= MINIMUM_TRAINING_GAIN, "training gained only " + gain);
    }

    @Test
    void aChecksumMismatchFailsNamingTheFile() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BuiltinCheckpoints.load("/org/prunedistill/extraction/model/corrupt-checkpoints/"));
        assertTrue(e.getMessage().contains("untrained.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void unknownNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shipped.get("final"));
        assertTrue(e.getMessage().contains("name"));
    }
}
