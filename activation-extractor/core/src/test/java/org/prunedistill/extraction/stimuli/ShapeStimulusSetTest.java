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
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

class ShapeStimulusSetTest {

    private static final long SEED = 42L;
    /** Trials may move the object by up to half a pixel and add noise, but must still look like the condition. */
    private static final double MAX_TRIAL_RMS_FROM_CLEAN = 0.12;
    /** Two different objects in their default views must differ clearly, not by anti-aliasing residue. */
    private static final double MIN_OBJECT_RMS_DIFFERENCE = 0.05;
    /** Half a luminance step still leaves the mean luminance clearly ordered. */
    private static final double LUMINANCE_ORDER_MARGIN = 0.1;
    /** 4 x 4 samples a pixel estimate a disc's area to well under a percent at a radius of 11 px. */
    private static final double DISC_AREA_RELATIVE_TOLERANCE = 0.01;

    private final ShapeStimulusSet stimuli = ShapeStimulusSet.withDefaults();

    @Test
    void sameSeedRendersBitIdenticalImages() {
        ShapeStimulusSet again = ShapeStimulusSet.withDefaults();
        for (int condition : new int[] {0, 17, 131}) {
            assertArrayEquals(stimuli.render(condition, 3, SEED), again.render(condition, 3, SEED));
        }
    }

    @Test
    void differentSeedsRenderDifferentTrials() {
        assertFalse(Arrays.equals(stimuli.render(5, 0, SEED), stimuli.render(5, 0, SEED + 1)));
    }

    @Test
    void defaultDesignHasSixObjectsTimesTwentyTwoViews() {
        List<StimulusCondition> conditions = stimuli.conditions();
        assertEquals(6, stimuli.objectNames().size());
        assertEquals(22, stimuli.viewsPerObject());
        assertEquals(6 * 22, conditions.size());
        for (int i = 0; i < conditions.size(); i++) {
            assertEquals(i, conditions.get(i).index());
        }
    }

    @Test
    void everyObjectHasNinePositionsFourSizesSixRotationsThreeLuminances() {
        Map<Integer, List<StimulusCondition>> byObject = stimuli.conditions().stream()
                .collect(Collectors.groupingBy(StimulusCondition::object));
        assertEquals(6, byObject.size());
        for (List<StimulusCondition> views : byObject.values()) {
            Map<String, Long> perAxis = views.stream()
                    .collect(Collectors.groupingBy(StimulusCondition::axis, Collectors.counting()));
            assertEquals(Map.of("position", 9L, "size", 4L, "rotation", 6L, "luminance", 3L), perAxis);
            assertEquals(1, views.stream().map(StimulusCondition::objectName).distinct().count());
        }
    }

    @Test
    void luminanceMetadataFallsWithTheLuminanceAxis() {
        for (int object = 0; object < 6; object++) {
            double full = find(object, "position", 0.0).luminance();
            double half = find(object, "luminance", 50.0).luminance();
            double quarter = find(object, "luminance", 25.0).luminance();
            double eighth = find(object, "luminance", 12.5).luminance();
            assertTrue(full > half + LUMINANCE_ORDER_MARGIN && half > quarter + LUMINANCE_ORDER_MARGIN
                    && quarter > eighth, "object " + object);
            assertEquals(full / 2.0, half, full * 1e-5, "luminance scales linearly with the gain");
            assertTrue(find(object, "luminance", 25.0).contrast() < find(object, "position", 0.0).contrast());
        }
    }

    @Test
    void positionViewsMoveTheCentroidInTheSignOfTheOffset() {
        int size = stimuli.imageSize();
        for (int object = 0; object < 6; object++) {
            double centre = centroidX(stimuli.renderClean(find(object, "position", 0.0).index()), size);
            double previous = Double.NEGATIVE_INFINITY;
            for (double x : ShapeStimulusSet.POSITIONS_DEGREES) {
                double centroid = centroidX(stimuli.renderClean(find(object, "position", x).index()), size);
                String where = "object " + object + " at " + x + " deg, centroid " + centroid;
                assertTrue(centroid > previous, where);
                if (x != 0.0) {
                    assertEquals(Math.signum(x), Math.signum(centroid - centre), where);
                }
                previous = centroid;
            }
        }
    }

    @Test
    void sizeViewsGrowTheLitArea() {
        for (int object = 0; object < 6; object++) {
            double previous = 0.0;
            for (double s : ShapeStimulusSet.SIZES_DEGREES) {
                double lit = litPixels(stimuli.renderClean(find(object, "size", s).index()));
                assertTrue(lit > previous, "object " + object + " size " + s);
                previous = lit;
            }
        }
    }

    @Test
    void theSpheresMaskIsItsDiscHoweverDimItIs() {
        // At 64 px the image spans 64 deg: the 24 deg default is a unit disk of radius 12 px, the sphere 0.9 of it.
        ShapeStimulusSet large = ShapeStimulusSet.withDefaults().withImageSize(64);
        int sphere = large.objectNames().indexOf("sphere");
        float[] mask = large.renderCleanWithMask(findIn(large, sphere, "position", 0.0)).objectMask().orElseThrow();
        double radius = 0.9 * 12.0;
        assertEquals(Math.PI * radius * radius, area(mask), DISC_AREA_RELATIVE_TOLERANCE * Math.PI * radius * radius);
        assertEquals(1.0f, mask[32 * 64 + 32], "the centre is object");
        assertEquals(0.0f, mask[0], "the corner is background");
        for (double dim : ShapeStimulusSet.LUMINANCES_PERCENT) {
            assertArrayEquals(mask, large.renderCleanWithMask(findIn(large, sphere, "luminance", dim)).objectMask()
                    .orElseThrow(), dim + "% is the same disc");
        }
        assertArrayEquals(large.renderClean(5), large.renderCleanWithMask(5).image());
    }

    @Test
    void objectsArePairwiseDifferent() {
        List<float[]> defaults = stimuli.objectNames().stream()
                .map(name -> stimuli.renderClean(find(stimuli.objectNames().indexOf(name), "position", 0.0).index()))
                .toList();
        for (int a = 0; a < defaults.size(); a++) {
            for (int b = a + 1; b < defaults.size(); b++) {
                assertTrue(rms(defaults.get(a), defaults.get(b)) > MIN_OBJECT_RMS_DIFFERENCE, a + " vs " + b);
            }
        }
    }

    @Test
    void rotationsChangeTheImage() {
        for (int object = 0; object < 6; object++) {
            float[] upright = stimuli.renderClean(find(object, "position", 0.0).index());
            float[] turned = stimuli.renderClean(find(object, "rotation", 40.0).index());
            assertTrue(rms(upright, turned) > 0.0, "object " + object);
        }
    }

    @Test
    void trialsDifferFromEachOtherButStayCloseToTheCleanImage() {
        for (int condition : new int[] {0, 40, 100}) {
            float[] clean = stimuli.renderClean(condition);
            float[] first = stimuli.render(condition, 0, SEED);
            float[] second = stimuli.render(condition, 1, SEED);
            assertFalse(Arrays.equals(first, second));
            assertTrue(rms(first, clean) < MAX_TRIAL_RMS_FROM_CLEAN, "condition " + condition);
            assertTrue(rms(second, clean) < MAX_TRIAL_RMS_FROM_CLEAN, "condition " + condition);
        }
    }

    @Test
    void imagesAreSquareAndInTheUnitInterval() {
        ShapeStimulusSet large = stimuli.withImageSize(48).withTrials(2).withJitter(0.25).withPixelNoise(0.05);
        float[] image = large.render(7, 1, SEED);
        assertEquals(48 * 48, image.length);
        for (float p : image) {
            assertTrue(p >= 0f && p <= 1f);
        }
        assertEquals(large.conditions().size(), stimuli.conditions().size());
    }

    @Test
    void withoutJitterAndNoiseATrialIsTheCleanImage() {
        ShapeStimulusSet exact = stimuli.withJitter(0.0).withPixelNoise(0.0);
        assertArrayEquals(exact.renderClean(9), exact.render(9, 4, SEED));
    }

    @Test
    void rejectsBadArgumentsNamingTheParameter() {
        assertMessageContains("imageSize", () -> stimuli.withImageSize(2));
        assertMessageContains("trials", () -> stimuli.withTrials(0));
        assertMessageContains("jitter", () -> stimuli.withJitter(-1.0));
        assertMessageContains("noise", () -> stimuli.withPixelNoise(Double.NaN));
        assertMessageContains("trial", () -> stimuli.render(0, stimuli.trials(), SEED));
        assertMessageContains("conditionIndex", () -> stimuli.renderClean(132));
    }

    private static int findIn(ShapeStimulusSet set, int object, String axis, double value) {
        return set.conditions().stream()
                .filter(c -> c.object() == object && c.axis().equals(axis) && c.value() == value)
                .findFirst().orElseThrow().index();
    }

    private static double area(float[] mask) {
        double sum = 0.0;
        for (float m : mask) {
            sum += m;
        }
        return sum;
    }

    private StimulusCondition find(int object, String axis, double value) {
        return stimuli.conditions().stream()
                .filter(c -> c.object() == object && c.axis().equals(axis) && c.value() == value)
                .findFirst().orElseThrow();
    }

    private static double centroidX(float[] image, int size) {
        double mass = 0.0;
        double moment = 0.0;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double p = image[row * size + col];
                mass += p;
                moment += p * (col + 0.5);
            }
        }
        return moment / mass;
    }

    private static double litPixels(float[] image) {
        double sum = 0.0;
        for (float p : image) {
            sum += p > 0f ? 1.0 : 0.0;
        }
        return sum;
    }

    private static double rms(float[] a, float[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum / a.length);
    }

    private static void assertMessageContains(String part, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void conditionTableRoundTripsTheShapeConditionsExactly() {
        List<StimulusCondition> conditions = ShapeStimulusSet.withDefaults().conditions();
        assertEquals(conditions, ConditionTable.fromJson(ConditionTable.toJson(conditions), "shapes"));
    }
}
