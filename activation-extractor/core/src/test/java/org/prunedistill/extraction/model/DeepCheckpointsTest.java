package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.natural.NaturalImageSet;
import org.prunedistill.extraction.natural.NearestClassMean;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;
import org.prunedistill.extraction.training.NaturalHeldOut;

/**
 * The shipped checkpoints of the deep network, whatever run the manifest describes: every file is the one the
 * manifest names, and ONNX Runtime reproduces every recorded held-out count exactly on the held-out images the
 * manifest defines.
 */
class DeepCheckpointsTest {

    private static DeepCheckpoints shipped;

    @BeforeAll
    static void load() {
        shipped = DeepCheckpoints.load();
    }

    @Test
    void everyCheckpointIsTheFileTheManifestNamesInTrainingOrderFromTheUntrainedNetwork() {
        List<DeepCheckpoints.Checkpoint> checkpoints = shipped.checkpoints();
        assertEquals(0, checkpoints.get(0).step(), "the untrained network first");
        for (int i = 0; i < checkpoints.size(); i++) {
            DeepCheckpoints.Checkpoint c = checkpoints.get(i);
            assertEquals(c.sha256(), BuiltinCnn.digest(c.onnxBytes()), c.name());
            assertEquals(c.name() + ".onnx", c.file());
            if (i > 0) {
                assertTrue(c.step() > checkpoints.get(i - 1).step(), c.name() + " after " + checkpoints.get(i - 1));
            }
        }
    }

    @Test
    void onnxRuntimeReproducesEveryRecordedHeldOutCount() {
        assertEquals(NaturalHeldOut.SEED, shipped.heldOutSeed(), "the trainer's held-out stream");
        NaturalImageSet images = shipped.heldOutImages();
        NaturalHeldOut heldOut = NaturalHeldOut.render(images, shipped.heldOutCount());
        for (DeepCheckpoints.Checkpoint c : shipped.checkpoints()) {
            assertEquals(c.heldOutCorrect(), heldOut.correct(c.onnxBytes(), 2), c.name());
            assertEquals((double) c.heldOutCorrect() / shipped.heldOutCount(), c.heldOutAccuracy(), 1e-12, c.name());
        }
    }

    /**
     * The trained network has learned what pixels alone do not give: a linear read-out of the raw pixels
     * (nearest class mean, means from 2000 training-stream images, tested on 1000 others at the network's size) is far
     * from perfect, and the last checkpoint's held-out accuracy (reproduced above) is at least three times its.
     */
    @Test
    void theTrainedNetworkIsFarBetterThanALinearReadOutOfThePixels() {
        double probe = NearestClassMean.accuracy(shipped.heldOutImages());
        DeepCheckpoints.Checkpoint trained = shipped.checkpoints().get(shipped.checkpoints().size() - 1);
        assertTrue(probe < 0.4, "nearest-class-mean on pixels " + probe);
        assertTrue(trained.heldOutAccuracy() >= 3 * probe, trained.name() + " " + trained.heldOutAccuracy()
                + " against nearest-class-mean on pixels " + probe);
    }

    @Test
    void theLayersAndTheirFieldsAreThoseOfTheDeepArchitecture() {
        DeepCnnArchitecture architecture = DeepCnnArchitecture.deep(64, 50);
        assertEquals(architecture, shipped.architecture());
        DeepCnn random = DeepCnn.random(1, architecture);
        assertEquals(random.layers(), shipped.layers());
        for (LayerInfo layer : shipped.layers()) {
            assertEquals(random.grid(layer.name()), shipped.grid(layer.name()), layer.name());
        }
        UnitGrid pool1 = shipped.grid("pool1").orElseThrow();
        assertEquals(32, pool1.rows());
        assertEquals(6.0, pool1.window());
        assertEquals(2.0, pool1.stride());
    }

    @Test
    void aFileThatIsNotTheOneTheManifestRecordsIsRefusedNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DeepCheckpoints.load("/org/prunedistill/extraction/model/corrupt-deep-checkpoints/"));
        assertTrue(e.getMessage().startsWith("checkpoint step-000000.onnx has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" but checkpoints.json records " + "0".repeat(64)
                + "; the resource is corrupt or stale"), e.getMessage());
    }

    @Test
    void anUnknownCheckpointIsRefusedListingTheShippedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shipped.get("trained"));
        assertEquals("unknown checkpoint 'trained' of builtin-cnn-deep: the shipped checkpoints are "
                + shipped.names(), e.getMessage());
    }

    @Test
    void aGreyImageGoesInAsThreeEqualChannelsAndGivesWhatItsRgbRenderingGives() {
        DeepCheckpoints.Checkpoint last = shipped.checkpoints().get(shipped.checkpoints().size() - 1);
        DeepNetwork network = DeepNetwork.shipped(shipped, last.name(), 64, List.of("pool2", "logits"));
        RatObjectStimulusSet grey = RatObjectStimulusSet.withDefaults();
        float[] image = grey.render(7, 0, 1);
        float[] input = network.input(image, 1, 64);
        assertArrayEquals(grey.withChannels(3).render(7, 0, 1), input);
        assertEquals(List.of("pool2", "logits"), network.layers().stream().map(LayerInfo::name).toList());
        assertEquals(Integer.toString(last.step()), network.provenance().get("training_step"));
        assertEquals(last.sha256(), network.provenance().get("model_sha256"));
        IllegalArgumentException side = assertThrows(IllegalArgumentException.class,
                () -> DeepNetwork.shipped(shipped, last.name(), 32, List.of()));
        assertEquals("builtin-cnn-deep was trained on 64 px images; the stimuli are 32 px (ask for image_size 64)",
                side.getMessage());
    }
}
