package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

class RatObjectStimulusSetTest {

    private static final long SEED = 7L;
    private static final int VIEWS = 38;
    /** Sub-pixel centroid error allowed for a pure translation (anti-aliasing at the silhouette). */
    private static final double CENTROID_TOLERANCE_PX = 0.15;
    /** Two objects, or a view turned in depth, must differ clearly, not by anti-aliasing residue. */
    private static final double MIN_RMS_DIFFERENCE = 0.03;
    /** Jittered, noisy trials still look like their condition. */
    private static final double MAX_TRIAL_RMS_FROM_CLEAN = 0.12;
    /** Metadata luminance is the mean of the clean image (float sums). */
    private static final double PERCENT_TOLERANCE = 1e-6;
    /** Gain multiplies each pixel before its float rounding, so means agree to float precision only. */
    private static final double GAIN_TOLERANCE_PERCENT = 1e-4;
    /**
     * The mask area counts 3 x 3 rays per pixel, so it estimates the silhouette's area only up to the rays' sampling
     * of its outline (a fifteenth of a pixel per outline pixel, at most a few percent for the smallest view).
     */
    private static final double AREA_RELATIVE_TOLERANCE = 0.03;

    private static final RatObjectStimulusSet STIMULI = RatObjectStimulusSet.withDefaults();

    @Test
    void designHasTenObjectsTimesThirtyEightViews() {
        int viewsPerObject = RatObjectStimulusSet.POSITIONS_DEGREES.size() + 2
                * (RatObjectStimulusSet.SIZES_DEGREES.size() + RatObjectStimulusSet.ROTATIONS_DEGREES.size()
                + RatObjectStimulusSet.DEPTH_ROTATIONS_DEGREES.size() + RatObjectStimulusSet.LUMINANCES_PERCENT.size());
        assertEquals(VIEWS, viewsPerObject);
        assertEquals(VIEWS, STIMULI.viewsPerObject());
        assertEquals(10, STIMULI.objectNames().size());
        assertEquals(380, STIMULI.conditionCount());
        List<RatView> views = STIMULI.views();
        assertEquals(380, views.size());
        for (int i = 0; i < views.size(); i++) {
            assertEquals(i, views.get(i).index());
            assertEquals(i / VIEWS, views.get(i).object());
        }
    }

    @Test
    void everyObjectHasEightPositionsAndFifteenViewsAtEachDefaultPosition() {
        Map<Integer, List<RatView>> byObject = STIMULI.views().stream()
                .collect(Collectors.groupingBy(RatView::object));
        for (List<RatView> views : byObject.values()) {
            Map<String, Long> count = views.stream().collect(Collectors.groupingBy(
                    v -> v.positionGroup() + "/" + v.axis(), Collectors.counting()));
            assertEquals(Map.of("NONE/position", 8L,
                    "LEFT/size", 4L, "LEFT/rotation", 4L, "LEFT/depth-rotation", 4L, "LEFT/luminance", 3L,
                    "RIGHT/size", 4L, "RIGHT/rotation", 4L, "RIGHT/depth-rotation", 4L, "RIGHT/luminance", 3L), count);
        }
    }

    @Test
    void viewsChangeOnlyTheirOwnAxisFromTheDefaultPose() {
        for (RatView v : STIMULI.views()) {
            double azimuth = v.positionGroup().azimuthDegrees().orElse(v.value());
            assertEquals(azimuth, v.azimuthDegrees(), v.toString());
            assertEquals(v.axis().equals("size") ? v.value() : 35.0, v.sizeDegrees(), v.toString());
            assertEquals(v.axis().equals("rotation") ? v.value() : 0.0, v.rotationDegrees(), v.toString());
            assertEquals(v.axis().equals("depth-rotation") ? v.value() : 0.0, v.depthRotationDegrees(), v.toString());
            assertEquals(v.axis().equals("luminance") ? v.value() : 100.0, v.gainPercent(), v.toString());
        }
    }

    @Test
    void metadataLuminanceAndContrastDescribeTheCleanImage() {
        RatView view = STIMULI.views().get(3 * VIEWS + 20);
        float[] clean = STIMULI.renderClean(view.index());
        assertEquals(ImageStatistics.luminancePercent(clean), view.luminance(), PERCENT_TOLERANCE);
        assertEquals(ImageStatistics.contrastPercent(clean), view.contrast(), PERCENT_TOLERANCE);
    }

    @Test
    void dimmerLuminanceViewsHaveProportionallyLowerMeanLuminance() {
        for (int object = 0; object < 10; object++) {
            RatView atDefault = STIMULI.views().get(object * VIEWS + 1);
            for (RatView v : STIMULI.views().subList(object * VIEWS, (object + 1) * VIEWS)) {
                if (v.axis().equals("luminance") && v.positionGroup() == PositionGroup.LEFT) {
                    double expected = atDefault.luminance() * v.value() / 100.0;
                    assertEquals(expected, v.luminance(), 1e-3 * atDefault.luminance());
                }
            }
        }
    }

    @Test
    void theObjectMaskIsTheShareOfRaysOnTheObjectHoweverDarkItIs() {
        for (int object = 0; object < 10; object++) {
            CleanRendering atDefault = STIMULI.renderCleanWithMask(object * VIEWS + 1);
            float[] mask = atDefault.objectMask().orElseThrow();
            for (int i = 0; i < mask.length; i++) {
                float rays = mask[i] * 9;
                assertEquals(Math.round(rays), rays, 1e-5, "object " + object + " pixel " + i + ": 9 rays a pixel");
                assertEquals(mask[i] > 0f, atDefault.image()[i] > 0f, "object " + object + " pixel " + i
                        + ": every ray that hits is lit at least by the ambient floor");
            }
            // 8 positions, then at -15 deg: 4 sizes, 4 rotations, 4 rotations in depth, gains 50, 25, 12.5%.
            int dimmestAtLeft = object * VIEWS + 22;
            CleanRendering dimmest = STIMULI.renderCleanWithMask(dimmestAtLeft);
            assertEquals(12.5, STIMULI.views().get(dimmestAtLeft).value());
            assertArrayEquals(mask, dimmest.objectMask().orElseThrow(), "object " + object
                    + ": the 12.5% view is the same object in the same place, so the same mask");
            assertArrayEquals(STIMULI.renderClean(object * VIEWS + 1), atDefault.image());
        }
    }

    @Test
    void theMaskAreaGrowsWithTheSquareOfTheSize() {
        RatObjectStimulusSet set = RatObjectStimulusSet.withDefaults().withImageSize(128);
        for (int object : new int[] {0, 3, 8}) {
            double atDefault = area(set.renderCleanWithMask(object * VIEWS + 1).objectMask().orElseThrow());
            for (int k = 0; k < RatObjectStimulusSet.SIZES_DEGREES.size(); k++) {
                double ratio = RatObjectStimulusSet.SIZES_DEGREES.get(k) / RatObjectStimulusSet.DEFAULT_SIZE_DEGREES;
                double area = area(set.renderCleanWithMask(object * VIEWS + 8 + k).objectMask().orElseThrow());
                assertEquals(ratio * ratio * atDefault, area, AREA_RELATIVE_TOLERANCE * ratio * ratio * atDefault,
                        "object " + object + " at " + RatObjectStimulusSet.SIZES_DEGREES.get(k) + " deg");
            }
        }
    }

    @Test
    void positionViewsShiftTheObjectByTheRequestedDegrees() {
        RatObjectStimulusSet set = RatObjectStimulusSet.withDefaults().withImageSize(96);
        double reference = centroidX(set.renderClean(3), 96);
        for (int view = 0; view < 8; view++) {
            double expected = RatObjectStimulusSet.POSITIONS_DEGREES.get(view) / set.degreesPerPixel();
            assertEquals(expected, centroidX(set.renderClean(view), 96) - reference, CENTROID_TOLERANCE_PX);
        }
    }

    @Test
    void objectsInTheDefaultViewArePairwiseDifferent() {
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                double rms = rms(STIMULI.renderClean(a * VIEWS + 1), STIMULI.renderClean(b * VIEWS + 1));
                assertTrue(rms > MIN_RMS_DIFFERENCE, "objects " + a + " and " + b + " rms " + rms);
            }
        }
    }

    @Test
    void rotationInDepthChangesEveryObjectsImage() {
        for (int object = 0; object < 10; object++) {
            float[] front = STIMULI.renderClean(object * VIEWS + 1);
            for (int view = 16; view < 20; view++) {
                double rms = rms(front, STIMULI.renderClean(object * VIEWS + view));
                assertTrue(rms > MIN_RMS_DIFFERENCE / 3, "object " + object + " view " + view + " rms " + rms);
            }
        }
    }

    @Test
    void sameSeedRendersBitIdenticalTrialsAndOtherSeedsDiffer() {
        RatObjectStimulusSet again = RatObjectStimulusSet.withDefaults();
        for (int condition : new int[] {0, 123, 379}) {
            assertArrayEquals(STIMULI.render(condition, 4, SEED), again.render(condition, 4, SEED));
        }
        assertFalse(Arrays.equals(STIMULI.render(5, 0, SEED), STIMULI.render(5, 0, SEED + 1)));
        assertFalse(Arrays.equals(STIMULI.render(5, 0, SEED), STIMULI.render(5, 1, SEED)));
    }

    @Test
    void trialsStayCloseToTheCleanImage() {
        float[] clean = STIMULI.renderClean(200);
        for (int trial = 0; trial < STIMULI.trials(); trial++) {
            double rms = rms(clean, STIMULI.render(200, trial, SEED));
            assertTrue(rms > 0.0 && rms < MAX_TRIAL_RMS_FROM_CLEAN, "trial " + trial + " rms " + rms);
        }
    }

    @Test
    void channelsReplicateTheGreyImageChannelMajor() {
        RatObjectStimulusSet rgb = RatObjectStimulusSet.withDefaults().withImageSize(32).withChannels(3);
        float[] grey = RatObjectStimulusSet.withDefaults().withImageSize(32).renderClean(40);
        float[] image = rgb.renderClean(40);
        assertEquals(3 * 32 * 32, image.length);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(grey, Arrays.copyOfRange(image, c * 1024, (c + 1) * 1024));
        }
        assertEquals(3 * 32 * 32, rgb.render(40, 0, SEED).length);
        CleanRendering withMask = rgb.renderCleanWithMask(40);
        assertArrayEquals(image, withMask.image());
        assertEquals(32 * 32, withMask.objectMask().orElseThrow().length, "one mask for every channel");
    }

    @Test
    void viewsNearestToAnAzimuthAreThePositionsPlusTheNearerGroup() {
        int[][] right = STIMULI.viewsNearestTo(20.0);
        int[][] left = STIMULI.viewsNearestTo(-3.0);
        assertArrayEquals(left[0], STIMULI.viewsNearestTo(0.0)[0]);
        assertEquals(10, right.length);
        for (int object = 0; object < 10; object++) {
            assertEquals(23, right[object].length);
            for (int k = 0; k < 23; k++) {
                RatView r = STIMULI.views().get(right[object][k]);
                RatView l = STIMULI.views().get(left[object][k]);
                assertEquals(object, r.object());
                assertEquals(k < 8 ? PositionGroup.NONE : PositionGroup.RIGHT, r.positionGroup());
                assertEquals(k < 8 ? PositionGroup.NONE : PositionGroup.LEFT, l.positionGroup());
            }
        }
    }

    @Test
    void alignedViewsAreFourSharedPositionOffsetsPlusFifteenGroupViews() {
        AlignedViews aligned = STIMULI.alignedViews();
        assertEquals(19, aligned.viewsPerObject());
        assertEquals(List.of("position-offset=-7.5", "position-offset=+0.0", "position-offset=+7.5",
                "position-offset=+15.0"), aligned.labels().subList(0, 4));
        int[][] left = aligned.forGroup(PositionGroup.LEFT);
        int[][] right = aligned.forAzimuth(25.0);
        for (int k = 0; k < 19; k++) {
            RatView l = STIMULI.views().get(left[6][k]);
            RatView r = STIMULI.views().get(right[6][k]);
            assertEquals(6, l.object());
            if (k < 4) {
                assertEquals(30.0, r.azimuthDegrees() - l.azimuthDegrees());
            } else {
                assertEquals(l.axis() + "=" + l.value(), aligned.labels().get(k));
                assertEquals(List.of(l.axis(), l.value()), List.of(r.axis(), r.value()));
            }
        }
    }

    @Test
    void conditionsAreTheSharedRecordsWithEveryAxis() {
        assertEquals(380, STIMULI.conditions().size());
        assertEquals(2 * 10 * 4, STIMULI.conditions().stream()
                .filter(c -> c.axis().equals(StimulusCondition.DEPTH_ROTATION)).count());
    }

    @Test
    void renderPoseWithADesignPoseIsTheCleanDesignImage() {
        RatObjectStimulusSet twoChannels = STIMULI.withChannels(2);
        for (int condition : new int[] {0, 45, 130, 211, 379}) {
            RatView v = STIMULI.views().get(condition);
            assertArrayEquals(twoChannels.renderClean(condition), twoChannels.renderPose(v.object(),
                    v.azimuthDegrees(), v.sizeDegrees(), v.rotationDegrees(), v.depthRotationDegrees(),
                    v.gainPercent(), 0.0), "condition " + condition);
        }
    }

    @Test
    void renderPoseShiftsUpByTheVerticalOffsetAndScalesWithGain() {
        int side = STIMULI.imageSize();
        float[] centred = STIMULI.renderPose(3, 0.0, 35.0, 10.0, 30.0, 100.0, 0.0);
        float[] up = STIMULI.renderPose(3, 0.0, 35.0, 10.0, 30.0, 100.0, 10.0 * STIMULI.degreesPerPixel());
        assertEquals(10.0, centroidY(centred, side) - centroidY(up, side), CENTROID_TOLERANCE_PX);
        float[] dim = STIMULI.renderPose(3, 0.0, 35.0, 10.0, 30.0, 25.0, 0.0);
        assertEquals(0.25 * ImageStatistics.luminancePercent(centred), ImageStatistics.luminancePercent(dim),
                GAIN_TOLERANCE_PERCENT);
    }

    @Test
    void badArgumentsNameTheParameter() {
        RatObjectStimulusSet s = RatObjectStimulusSet.withDefaults();
        assertMessage("imageSize", () -> s.withImageSize(4));
        assertMessage("channels", () -> s.withChannels(0));
        assertMessage("fieldOfViewDegrees", () -> s.withFieldOfView(Double.NaN));
        assertMessage("trials", () -> s.withTrials(0));
        assertMessage("jitter", () -> s.withJitter(1.5));
        assertMessage("pixel noise", () -> s.withPixelNoise(-0.1));
        assertMessage("supersampling", () -> s.withSupersampling(0));
        assertMessage("conditionIndex", () -> s.renderClean(380));
        assertMessage("trial", () -> s.render(0, 10, SEED));
        assertMessage("objectIndex", () -> s.renderPose(10, 0, 35, 0, 0, 100, 0));
        assertMessage("sizeDegrees", () -> s.renderPose(0, 0, 0, 0, 0, 100, 0));
        assertMessage("gainPercent", () -> s.renderPose(0, 0, 35, 0, 0, 120, 0));
        assertMessage("azimuthDegrees", () -> s.renderPose(0, Double.NaN, 35, 0, 0, 100, 0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static double centroidY(float[] image, int side) {
        double sum = 0.0;
        double weighted = 0.0;
        for (int i = 0; i < image.length; i++) {
            sum += image[i];
            weighted += image[i] * (i / side + 0.5);
        }
        return weighted / sum;
    }

    private static double centroidX(float[] image, int side) {
        double sum = 0.0;
        double weighted = 0.0;
        for (int i = 0; i < image.length; i++) {
            sum += image[i];
            weighted += image[i] * (i % side + 0.5);
        }
        return weighted / sum;
    }

    private static double rms(float[] a, float[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    private static double area(float[] mask) {
        double sum = 0.0;
        for (float m : mask) {
            sum += m;
        }
        return sum;
    }
}
