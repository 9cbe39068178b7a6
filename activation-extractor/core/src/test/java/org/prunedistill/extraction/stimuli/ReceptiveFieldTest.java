package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceptiveFieldTest {

    /** Hand-computed values in percent, up to double rounding. */
    private static final double TOLERANCE = 1e-9;

    @Test
    void fullFieldWhiteHasHundredPercentLuminanceAndNoContrast() {
        ReceptiveField rf = ReceptiveField.of(new double[] {0.5, 2.0, 1.0, 0.0}, 2);
        float[] white = {1f, 1f, 1f, 1f};
        assertEquals(100.0, rf.luminance(white), TOLERANCE);
        assertArrayEquals(new double[] {0.25, 1.0, 0.5, 0.0}, rf.weights(), TOLERANCE);
    }

    @Test
    void luminanceIsTheWeightedMeanOverTheWhiteResponse() {
        // w = {0.25, 1, 0.5, 0} after normalisation; x = {1, 0.5, 0, 1}: dot = 0.25 + 0.5 = 0.75, white = 1.75.
        ReceptiveField rf = ReceptiveField.of(new double[] {0.5, 2.0, 1.0, 0.0}, 2);
        assertEquals(100.0 * 0.75 / 1.75, rf.luminance(new float[] {1f, 0.5f, 0f, 1f}), TOLERANCE);
    }

    @Test
    void contrastIsTheSpreadOfWeightedLuminanceInsideTheField() {
        // Inside (w > 0): w x = {0.25, 0.5, 0}; mean 0.25; SD = sqrt((0 + 0.0625 + 0.0625) / 3).
        ReceptiveField rf = ReceptiveField.of(new double[] {0.5, 2.0, 1.0, 0.0}, 2);
        assertEquals(100.0 * Math.sqrt(0.125 / 3.0), rf.contrast(new float[] {1f, 0.5f, 0f, 1f}), TOLERANCE);
    }

    @Test
    void windowSeesOnlyItsPixels() {
        // 3 x 3 image, window rows 0..1 x columns 1..2: pixels 1, 2, 4, 5.
        ReceptiveField rf = ReceptiveField.window(0, 1, 2, 2, 3);
        float[] image = {9f, 1f, 0f, 9f, 1f, 0f, 9f, 9f, 9f};
        assertEquals(50.0, rf.luminance(image), TOLERANCE);
        assertEquals(50.0, rf.contrast(image), TOLERANCE);
    }

    @Test
    void windowIsClippedToTheImageLikeZeroPadding() {
        // Rows and columns -1..1 of a 4 x 4 image keep only pixels (0,0), (0,1), (1,0), (1,1).
        double[] expected = new double[16];
        expected[0] = 1.0;
        expected[1] = 1.0;
        expected[4] = 1.0;
        expected[5] = 1.0;
        assertArrayEquals(expected, ReceptiveField.window(-1, -1, 3, 3, 4).weights(), TOLERANCE);
    }

    @Test
    void channelsAreAveragedBeforeWeighting() {
        ReceptiveField rf = ReceptiveField.window(0, 0, 1, 1, 1);
        assertEquals(50.0, rf.luminance(new float[] {1f, 0f}), TOLERANCE);
    }

    @Test
    void azimuthIsTheHorizontalCentreInDegrees() {
        // 4 px spanning 100 deg: column 3 centre = 3.5 px, image centre 2 px, 1.5 px x 25 deg.
        assertEquals(37.5, ReceptiveField.window(0, 3, 4, 1, 4).azimuthDegrees(100.0), TOLERANCE);
        assertEquals(0.0, ReceptiveField.window(0, 0, 4, 4, 4).azimuthDegrees(100.0), TOLERANCE);
    }

    @Test
    void coverageIsTheShareOfTheMapsWeightOnTheObject() {
        // w = {0.25, 1, 0.5, 0} after normalisation, sum 1.75; on the object: 0.25 + 0.5 (+ 0 x 1) = 0.75.
        ReceptiveField rf = ReceptiveField.of(new double[] {0.5, 2.0, 1.0, 0.0}, 2);
        assertEquals(0.75 / 1.75, rf.coverage(new float[] {1f, 0f, 1f, 1f}), TOLERANCE);
        assertEquals(0.5 / 1.75, rf.coverage(new float[] {1f, 0f, 0.5f, 0f}), TOLERANCE, "half-covered pixels");
        assertEquals(1.0, rf.coverage(new float[] {1f, 1f, 1f, 1f}), TOLERANCE);
        assertEquals(0.0, rf.coverage(new float[4]), TOLERANCE);
    }

    @Test
    void aTwoByTwoWindowHalfOnTheObjectIsHalfCovered() {
        // 4 x 4 image, object in column 1; the window rows 1..2 x columns 1..2 has pixels 5 and 9 on it.
        float[] mask = new float[16];
        for (int row = 0; row < 4; row++) {
            mask[row * 4 + 1] = 1f;
        }
        assertEquals(0.5, ReceptiveField.window(1, 1, 2, 2, 4).coverage(mask), TOLERANCE);
        assertEquals(1.0, ReceptiveField.window(1, 1, 2, 1, 4).coverage(mask), TOLERANCE);
        assertEquals(0.0, ReceptiveField.window(1, 2, 2, 2, 4).coverage(mask), TOLERANCE);
        assertEquals(0.5, ReceptiveField.window(-1, 0, 2, 2, 4).coverage(mask), TOLERANCE,
                "clipped to row 0: pixels 0 and 1, one on the object; padding counts for nothing");
    }

    @Test
    void renderedDimmerViewHasProportionallyLowerRfLuminance() {
        RatObjectStimulusSet set = RatObjectStimulusSet.withDefaults().withImageSize(32);
        ReceptiveField rf = ReceptiveField.window(8, 4, 16, 16, 32);
        double full = rf.luminance(set.renderClean(1));
        double half = rf.luminance(set.renderClean(23 - 3));
        assertTrue(full > 0.0);
        assertEquals(full / 2.0, half, 1e-4 * full);
    }

    @Test
    void badMapsAndImagesAreRefusedNamingTheProblem() {
        assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(new double[4], 2));
        assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(new double[] {1, -1, 0, 0}, 2));
        assertThrows(IllegalArgumentException.class, () -> ReceptiveField.window(5, 5, 2, 2, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReceptiveField.window(0, 0, 2, 2, 4).luminance(new float[5]));
        assertTrue(e.getMessage().contains("image"), e.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> ReceptiveField.window(0, 0, 2, 2, 4).coverage(new float[5]));
        assertTrue(length.getMessage().contains("objectMask"), length.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> ReceptiveField.window(0, 0, 1, 1, 1).coverage(new float[] {-0.5f}));
        assertTrue(range.getMessage().contains("objectMask[0]"), range.getMessage());
    }
}
