package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every response binning rule must do; each rule's test extends this. */
abstract class BinningContractTest {

    /** Edges are recomputed from the same float64 data; allow for a differently ordered sum. */
    static final double EDGE_TOLERANCE = 1e-12;

    abstract int[] labels(double[] values, int bins);

    abstract double[] edges(double[] values, int bins);

    /** Key of this rule in {@code binning_expected.json}. */
    abstract String referenceKey();

    static List<Arguments> referenceCases() {
        List<Arguments> cases = new ArrayList<>();
        ReferenceData.binning().fields().forEachRemaining(file -> file.getValue().fieldNames().forEachRemaining(
                nb -> cases.add(Arguments.of(file.getKey(), Integer.parseInt(nb.substring(2))))));
        return cases;
    }

    @ParameterizedTest(name = "{0} into {1} bins")
    @MethodSource("referenceCases")
    void reproducesReferenceLabelsEdgesAndCounts(String file, int bins) {
        JsonNode expected = ReferenceData.binning().get(file).get("nb" + bins).get(referenceKey());
        double[] values = ReferenceData.binningValues(file);
        int[] labels = labels(values, bins);
        assertArrayEquals(ReferenceData.ints(expected.get("labels")), labels);
        assertArrayEquals(ReferenceData.doubles(expected.get("edges")), edges(values, bins), EDGE_TOLERANCE);
        assertArrayEquals(ReferenceData.ints(expected.get("counts")), counts(labels, bins));
    }

    @Test
    void rejectsFewerValuesThanBins() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> labels(new double[] {1, 2}, 3));
        assertTrue(e.getMessage().contains("bins"), e.getMessage());
    }

    @Test
    void rejectsNaNNamingItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> labels(new double[] {1, 2, 3, Double.NaN, 5}, 3));
        assertTrue(e.getMessage().contains("values[3]"), e.getMessage());
    }

    @Test
    void rejectsInfiniteValuesInEdgesToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> edges(new double[] {Double.NEGATIVE_INFINITY, 2, 3, 4}, 2));
        assertTrue(e.getMessage().contains("values[0]"), e.getMessage());
    }

    @Test
    void rejectsFewerThanTwoBins() {
        assertThrows(IllegalArgumentException.class, () -> labels(new double[] {1, 2, 3}, 1));
    }

    @Test
    void rejectsEmptyValues() {
        assertThrows(IllegalArgumentException.class, () -> labels(new double[0], 3));
    }

    @Test
    void keepsLabelsInRangeAndInTheOrderOfTheValues() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] values = new double[500];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.floor(rng.nextDouble() * 40) / 4;
        }
        for (int bins = 2; bins <= 9; bins++) {
            int[] labels = labels(values, bins);
            for (int i = 0; i < values.length; i++) {
                assertTrue(labels[i] >= 0 && labels[i] < bins);
                for (int j = 0; j < values.length; j++) {
                    if (values[i] < values[j]) {
                        assertTrue(labels[i] <= labels[j], "labels must not decrease with the value");
                    } else if (values[i] == values[j]) {
                        assertEquals(labels[i], labels[j], "tied values must share a label");
                    }
                }
            }
        }
    }

    @Test
    void givesAllEqualValuesLabelZero() {
        assertArrayEquals(new int[6], labels(new double[] {2.5, 2.5, 2.5, 2.5, 2.5, 2.5}, 3));
    }

    @Test
    void returnsBinsMinusOneAscendingEdges() {
        double[] edges = edges(new double[] {5, 1, 4, 2, 3, 9, 0, 7}, 4);
        assertEquals(3, edges.length);
        for (int k = 1; k < edges.length; k++) {
            assertTrue(edges[k - 1] <= edges[k]);
        }
    }

    static int[] counts(int[] labels, int bins) {
        int[] counts = new int[bins];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
