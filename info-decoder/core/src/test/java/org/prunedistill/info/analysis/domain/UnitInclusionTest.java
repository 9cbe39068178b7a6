package org.prunedistill.info.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitInclusionTest {

    private static final int[] UNITS = {2, 5, 7, 9};

    @Test
    void countsAndCountsOnlyUnitsBothResponsiveAndInformative() {
        UnitInclusion inclusion = new UnitInclusion(UnitFilter.INCLUDED, UNITS,
                new boolean[] {true, true, false, false}, new boolean[] {false, true, true, false});
        assertEquals(4, inclusion.judged());
        assertEquals(2, inclusion.responsiveCount());
        assertEquals(2, inclusion.informativeCount());
        assertEquals(1, inclusion.includedCount());
        assertArrayEquals(new boolean[] {false, true, false, false}, inclusion.countedRows());
        assertArrayEquals(new int[] {5}, inclusion.countedUnits(10));
        assertEquals(UnitInclusion.NotEvaluated.EVALUATED, inclusion.notEvaluated());

        UnitInclusion all = new UnitInclusion(UnitFilter.ALL, UNITS, new boolean[4], new boolean[4]);
        assertArrayEquals(new boolean[] {true, true, true, true}, all.countedRows());
        assertArrayEquals(new int[] {0, 1, 2}, all.countedUnits(3), "every unit of the source");
        assertEquals(UnitInclusion.NotEvaluated.EVALUATED, all.notEvaluated());
    }

    @Test
    void saysWhyNoUnitIsIncluded() {
        boolean[] none = new boolean[4];
        boolean[] first = {true, false, false, false};
        boolean[] second = {false, true, false, false};
        assertEquals(UnitInclusion.NotEvaluated.NO_RESPONSIVE_UNIT,
                new UnitInclusion(UnitFilter.INCLUDED, UNITS, none, first).notEvaluated());
        assertEquals(UnitInclusion.NotEvaluated.NO_INFORMATIVE_UNIT,
                new UnitInclusion(UnitFilter.INCLUDED, UNITS, first, none).notEvaluated());
        assertEquals(UnitInclusion.NotEvaluated.NO_INCLUDED_UNIT,
                new UnitInclusion(UnitFilter.INCLUDED, UNITS, first, second).notEvaluated());
    }
}
