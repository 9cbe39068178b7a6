package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.extraction.natural.NaturalImageSet;
import org.prunedistill.extraction.training.DeepCnnTrainer;
import org.prunedistill.extraction.training.NaturalHeldOut;

/** The natural-like images as a stimulus set of runs: design, metadata, trials and determinism. */
class NaturalObjectStimulusSetTest {

    /** A small instance for the per-image checks: 4 classes x 3 exemplars at 32 px. */
    private static final NaturalObjectStimulusSet SMALL = NaturalObjectStimulusSet.withDefaults().withClasses(4)
            .withExemplars(3).withImageSize(32).withTrials(3);
    /** Metadata are float pixels summed in double; the check recomputes them in double from the same floats. */
    private static final double PERCENT_TOLERANCE = 1e-4;
    /** 1,024 x 3 pixel differences estimate the noise SD of 0.02 within a few percent (clipping aside). */
    private static final double NOISE_SD_TOLERANCE = 0.003;

    @Test
    void theDefaultSetIsFiftyClassesOfTenExemplarsEachClassOneObject() {
        NaturalObjectStimulusSet set = NaturalObjectStimulusSet.withDefaults();
        List<StimulusCondition> conditions = set.conditions();
        assertEquals(500, conditions.size());
        assertEquals(50, set.objectNames().size());
        assertEquals(3, set.channels());
        assertEquals(64, set.imageSize());
        for (StimulusCondition c : conditions) {
            assertEquals(c.index() / 10, c.object(), "condition index = class x 10 + exemplar");
            assertEquals(StimulusCondition.EXEMPLAR, c.axis());
            assertEquals(c.index() % 10, c.value());
            assertEquals(set.objectNames().get(c.object()), c.objectName());
            assertFalse(c.hasGroup());
        }
    }

    @Test
    void exemplarsAreTheFirstImagesOfEachClassInAStreamNeitherTrainingNorTheHeldOutAccuracyUses() {
        assertNotEquals(NaturalHeldOut.SEED, NaturalObjectStimulusSet.STREAM);
        assertNotEquals(DeepCnnTrainer.trainingStream(1), NaturalObjectStimulusSet.STREAM);
        NaturalImageSet images = NaturalImageSet.withDefaults().withClasses(4).withImageSize(32);
        long[] indices = SMALL.streamIndices();
        for (int c = 0; c < indices.length; c++) {
            int label = c / 3;
            assertEquals(label, images.label(NaturalObjectStimulusSet.STREAM, indices[c]), "condition " + c);
            if (c % 3 > 0) {
                assertTrue(indices[c] > indices[c - 1], "exemplars in stream order");
            }
            for (long i = c % 3 == 0 ? 0 : indices[c - 1] + 1; i < indices[c]; i++) {
                assertNotEquals(label, images.label(NaturalObjectStimulusSet.STREAM, i), "no image of class "
                        + label + " is skipped: " + i);
            }
        }
        assertEquals(images.sample(NaturalObjectStimulusSet.STREAM, indices[5]).label(),
                images.label(NaturalObjectStimulusSet.STREAM, indices[5]), "the label is the image's");
    }

    @Test
    void luminanceAndContrastAreThoseOfTheCleanImagesLuma() {
        int area = 32 * 32;
        for (StimulusCondition c : SMALL.conditions()) {
            float[] clean = SMALL.renderCleanWithMask(c.index()).image();
            double[] luma = Luminance.of(clean, area);
            double mean = Arrays.stream(luma).map(v -> (float) v).average().orElseThrow();
            double variance = Arrays.stream(luma).map(v -> ((float) v - mean) * ((float) v - mean)).sum() / area;
            assertEquals(100 * mean, c.luminance(), PERCENT_TOLERANCE, "condition " + c.index());
            assertEquals(100 * Math.sqrt(variance), c.contrast(), PERCENT_TOLERANCE, "condition " + c.index());
        }
    }

    @Test
    void theObjectMaskIsTheClassObjectsAndTheCleanImageIsTheStreamsImageWithoutNoise() {
        NaturalImageSet images = NaturalImageSet.withDefaults().withClasses(4).withImageSize(32).withPixelNoise(0);
        long[] indices = SMALL.streamIndices();
        for (int c = 0; c < indices.length; c++) {
            CleanRendering clean = SMALL.renderCleanWithMask(c);
            NaturalImageSet.MaskedSample expected = images.sampleWithMask(NaturalObjectStimulusSet.STREAM,
                    indices[c]);
            assertArrayEquals(expected.pixels(), clean.image());
            float[] mask = clean.objectMask().orElseThrow();
            assertArrayEquals(expected.objectMask(), mask);
            double covered = 0;
            for (float m : mask) {
                assertTrue(m >= 0 && m <= 1);
                covered += m;
            }
            // The object's sphere is at least 0.6 x 32 = 19 px across: it covers tens of pixels, never the image.
            assertTrue(covered > 20 && covered < 32 * 32, "condition " + c + ": " + covered);
        }
    }

    @Test
    void aTrialIsTheCleanImagePlusPixelNoiseDeterminedBySeedConditionAndTrial() {
        float[] clean = SMALL.renderCleanWithMask(4).image();
        float[] trial = SMALL.render(4, 1, 9);
        assertArrayEquals(trial, NaturalObjectStimulusSet.withDefaults().withClasses(4).withExemplars(3)
                .withImageSize(32).withTrials(3).render(4, 1, 9), "another instance renders the same bits");
        assertFalse(Arrays.equals(trial, SMALL.render(4, 2, 9)), "another trial");
        assertFalse(Arrays.equals(trial, SMALL.render(4, 1, 10)), "another seed");
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < clean.length; i++) {
            if (clean[i] > 0.1 && clean[i] < 0.9) {
                double d = trial[i] - clean[i];
                sum += d * d;
                counted++;
            }
        }
        assertEquals(0.02, Math.sqrt(sum / counted), NOISE_SD_TOLERANCE);
    }

    @Test
    void itsParametersNameEverythingThatChangesTheImages() {
        assertEquals("2022", SMALL.parameters().get("stream"));
        assertEquals("3", SMALL.parameters().get("exemplars_per_class"));
        assertEquals("4", SMALL.parameters().get("classes"));
        assertEquals("32", SMALL.parameters().get("image_size"));
        assertEquals("0.02", SMALL.parameters().get("trial_pixel_noise"));
        assertEquals("2", SMALL.parameters().get("supersampling"));
        assertNotEquals(StimulusSetHash.procedural(SMALL.name(), SMALL.parameters(), 1),
                StimulusSetHash.procedural(SMALL.name(), SMALL.withExemplars(4).parameters(), 1));
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        assertEquals("exemplars must be >= 2, was 1", assertThrows(IllegalArgumentException.class,
                () -> SMALL.withExemplars(1)).getMessage());
        assertEquals("trials must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> SMALL.withTrials(0)).getMessage());
        assertEquals("condition must be in [0, 12), was 12", assertThrows(IllegalArgumentException.class,
                () -> SMALL.render(12, 0, 1)).getMessage());
        assertEquals("trial must be in [0, 3), was 3", assertThrows(IllegalArgumentException.class,
                () -> SMALL.render(0, 3, 1)).getMessage());
    }
}
