package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.stimuli.ReceptiveField;

class UnitFeatureTableTest {

    private static final double PERCENT_TOLERANCE = 1e-4;
    /** Shares are float32 means of float32 masks: exact to a few units in the last place. */
    private static final double SHARE_TOLERANCE = 1e-6;
    private static final int SIDE = 16;

    @Test
    void windowsGiveTheReceptiveFieldLuminanceContrastAndCoverageIncludingClippedOnes() {
        List<float[]> images = List.of(noise(SIDE, 1, 1), noise(SIDE, 3, 2));
        List<float[]> masks = List.of(noise(SIDE, 1, 3), noise(SIDE, 1, 4));
        UnitGrid grid = new UnitGrid(4, 4, 4, -3, 7);
        UnitFeatureTable table = UnitFeatureTable.compute(grid, images, masks, SIDE, 1.5);
        assertEquals(16, table.positions());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                ReceptiveField field = ReceptiveField.window(grid.from(y), grid.from(x), 7, 7, SIDE);
                int p = y * 4 + x;
                for (int c = 0; c < images.size(); c++) {
                    assertEquals(field.luminance(images.get(c)), table.luminance()[p * 2 + c], PERCENT_TOLERANCE);
                    assertEquals(field.contrast(images.get(c)), table.contrast()[p * 2 + c], PERCENT_TOLERANCE);
                    assertEquals(field.coverage(masks.get(c)), table.coverage().orElseThrow()[p * 2 + c],
                            SHARE_TOLERANCE);
                }
                assertEquals(field.azimuthDegrees(SIDE * 1.5), table.azimuth()[p], 1e-5);
            }
        }
    }

    @Test
    void theWholeImageIsTheImageMeanAndRmsContrast() {
        float[] image = new float[SIDE * SIDE];
        for (int i = 0; i < image.length / 4; i++) {
            image[i] = 1.0f;
        }
        UnitFeatureTable table = UnitFeatureTable.compute(UnitGrid.wholeImage(SIDE), List.of(image),
                List.of(image), SIDE, 1.0);
        assertEquals(25.0, table.luminance()[0], PERCENT_TOLERANCE);
        assertEquals(100.0 * Math.sqrt(0.25 * 0.75), table.contrast()[0], PERCENT_TOLERANCE);
        assertEquals(0.0, table.azimuth()[0], 0.0);
        assertEquals(0.25, table.coverage().orElseThrow()[0], SHARE_TOLERANCE, "a quarter of the image is object");
    }

    /** A colour photograph's RF luminance is its Rec. 601 luma: pure red is 29.9% of white, not a third. */
    @Test
    void aColourImageIsSeenAsItsLuma() {
        float[] red = new float[3 * SIDE * SIDE];
        java.util.Arrays.fill(red, 0, SIDE * SIDE, 1.0f);
        UnitFeatureTable table = UnitFeatureTable.compute(UnitGrid.wholeImage(SIDE), List.of(red), List.of(), SIDE,
                1.0);
        assertEquals(29.9, table.luminance()[0], PERCENT_TOLERANCE);
        assertEquals(0.0, table.contrast()[0], PERCENT_TOLERANCE);
    }

    @Test
    void twoByTwoWindowsCoverWhatOfThemIsObject() {
        float[] mask = {
            1, 1, 1, 0,
            1, 1, 1, 0,
            0, 0, 0.5f, 0,
            0, 0, 0, 0};
        UnitFeatureTable table = UnitFeatureTable.compute(new UnitGrid(2, 2, 2, 0, 2), List.of(new float[16]),
                List.of(mask), 4, 1.0);
        float[] coverage = table.coverage().orElseThrow();
        assertEquals(1.0, coverage[0], 0.0, "top left: wholly object");
        assertEquals(0.5, coverage[1], 0.0, "top right: its left half is object");
        assertEquals(0.0, coverage[2], 0.0, "bottom left: no object");
        assertEquals(0.125, coverage[3], 0.0, "bottom right: one pixel half covered");
    }

    @Test
    void theInputLayerCoverageIsTheMask() {
        int side = 32;
        List<float[]> masks = List.of(noise(side, 1, 5), noise(side, 1, 6), new float[side * side]);
        List<float[]> images = List.of(noise(side, 1, 7), noise(side, 1, 8), noise(side, 1, 9));
        UnitGrid pixels = BuiltinCnnGeometry.grid(BuiltinCnn.INPUT, side).orElseThrow();
        float[] coverage = UnitFeatureTable.compute(pixels, images, masks, side, 1.0).coverage().orElseThrow();
        assertEquals(side * side * masks.size(), coverage.length);
        for (int p = 0; p < side * side; p++) {
            for (int c = 0; c < masks.size(); c++) {
                assertEquals(masks.get(c)[p], coverage[p * masks.size() + c], SHARE_TOLERANCE,
                        "pixel " + p + ", condition " + c);
            }
        }
    }

    @Test
    void withoutMasksThereIsNoCoverage() {
        UnitFeatureTable table = UnitFeatureTable.compute(new UnitGrid(4, 4, 4, 0, 4), List.of(noise(SIDE, 1, 1)),
                List.of(), SIDE, 1.0);
        assertTrue(table.coverage().isEmpty());
        assertEquals(16, table.luminance().length, "the other features are there all the same");
    }

    @Test
    void refusesAnImageOfTheWrongSizeNamingTheCondition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitFeatureTable.compute(
                UnitGrid.wholeImage(SIDE), List.of(new float[SIDE * SIDE], new float[7]), List.of(), SIDE, 1.0));
        assertTrue(e.getMessage().contains("condition 1"), e.getMessage());
    }

    @Test
    void refusesAGridWhoseWindowsMissTheImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitFeatureTable.compute(
                new UnitGrid(2, 2, 1, SIDE, 2), List.of(new float[SIDE * SIDE]), List.of(), SIDE, 1.0));
        assertTrue(e.getMessage().contains("grid row 0 sees no pixel"), e.getMessage());
    }

    @Test
    void refusesMasksThatAreNotOnePerConditionOrNotShares() {
        List<float[]> images = List.of(new float[SIDE * SIDE], new float[SIDE * SIDE]);
        UnitGrid grid = UnitGrid.wholeImage(SIDE);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> UnitFeatureTable.compute(
                grid, images, List.of(new float[SIDE * SIDE]), SIDE, 1.0));
        assertTrue(count.getMessage().contains("one per condition (2)"), count.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> UnitFeatureTable.compute(
                grid, images, List.of(new float[SIDE * SIDE], new float[SIDE]), SIDE, 1.0));
        assertTrue(size.getMessage().contains("object mask of condition 1"), size.getMessage());
        float[] bright = new float[SIDE * SIDE];
        bright[17] = 1.5f;
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> UnitFeatureTable.compute(
                grid, images, List.of(new float[SIDE * SIDE], bright), SIDE, 1.0));
        assertTrue(range.getMessage().contains("condition 1") && range.getMessage().contains("pixel 17"),
                range.getMessage());
    }

    @Test
    void theBuiltinWindowsHoldEveryCellAPixelCanChange() {
        int side = 32;
        BuiltinCnn network = BuiltinCnn.random(5, side, 3);
        float[] background = noise(side, 1, 9);
        int row = 15;
        float[] poked = background.clone();
        poked[row * side + 15] += 5.0f;
        float[] both = new float[2 * side * side];
        System.arraycopy(background, 0, both, 0, side * side);
        System.arraycopy(poked, 0, both, side * side, side * side);
        try (OnnxActivations onnx = new OnnxActivations(network.onnxBytes())) {
            Map<String, float[][]> out = onnx.run(both, 2, 1, side, side, List.of("pool1", "pool2"));
            for (String layer : List.of("pool1", "pool2")) {
                UnitGrid grid = BuiltinCnnGeometry.grid(layer, side).orElseThrow();
                TreeSet<Integer> changedRows = new TreeSet<>();
                float[] before = out.get(layer)[0];
                float[] after = out.get(layer)[1];
                for (int unit = 0; unit < before.length; unit++) {
                    if (before[unit] != after[unit]) {
                        changedRows.add(unit % grid.positions() / grid.columns());
                    }
                }
                TreeSet<Integer> predicted = new TreeSet<>();
                for (int y = 0; y < grid.rows(); y++) {
                    if (grid.from(y) <= row && row < grid.to(y)) {
                        predicted.add(y);
                    }
                }
                assertTrue(predicted.containsAll(changedRows), layer + ": changed " + changedRows + ", windows "
                        + predicted);
                assertEquals(predicted.first(), changedRows.first(), layer + ": the window reaches as far up");
                assertEquals(predicted.last(), changedRows.last(), layer + ": the window reaches as far down");
            }
        }
    }

    private static float[] noise(int side, int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] image = new float[channels * side * side];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        return image;
    }
}
