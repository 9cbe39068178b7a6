package org.prunedistill.extractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.RecordingSource;

class AreaHierarchyTest {

    private static RecordingSource area(String name, int order) {
        return RecordingSource.newBuilder().setArea(name).setOrder(order).build();
    }

    private static RecordingSource area(String name, int order, double depth) {
        return area(name, order).toBuilder().setRelativeDepth(depth).setHasRelativeDepth(true).build();
    }

    @Test
    void fourAreasSitAtTheirPositionsOverThree() {
        List<AreaHierarchy.Place> places = AreaHierarchy.places(List.of(area("V1", 0), area("LM", 1), area("LI", 2),
                area("LL", 3)));
        assertEquals(List.of(0.0, 1.0 / 3, 2.0 / 3, 1.0), places.stream().map(AreaHierarchy.Place::relativeDepth)
                .toList());
        assertEquals(List.of(0, 1, 2, 3), places.stream().map(AreaHierarchy.Place::order).toList());
    }

    @Test
    void aGivenDepthReplacesThePositionAndAHierarchySizeSpacesTheRest() {
        List<AreaHierarchy.Place> given = AreaHierarchy.places(List.of(area("V1", 0), area("LI", 1, 0.5),
                area("LL", 2)));
        assertEquals(List.of(0.0, 0.5, 1.0), given.stream().map(AreaHierarchy.Place::relativeDepth).toList());
        List<AreaHierarchy.Place> ofFour = AreaHierarchy.places(List.of(
                area("V1", 0).toBuilder().setHierarchySize(4).build(),
                area("LL", 3).toBuilder().setHierarchySize(4).build()));
        assertEquals(List.of(0.0, 1.0), ofFour.stream().map(AreaHierarchy.Place::relativeDepth).toList());
        assertEquals(0.0, AreaHierarchy.places(List.of(area("V1", 0))).get(0).relativeDepth(), "one area: depth 0");
    }

    @Test
    void everyMisplacedAreaIsRefusedNamingIt() {
        assertRefused("area V1 is given twice", List.of(area("V1", 0), area("V1", 1)));
        assertRefused("areas V1 and LM are both at order 0", List.of(area("V1", 0), area("LM", 0)));
        assertRefused("area LM: order 2 is outside the hierarchy of 2 area(s)", List.of(area("V1", 0), area("LM", 2)));
        assertRefused("area LI: relative depth 1.5 is outside [0, 1]", List.of(area("V1", 0), area("LI", 1, 1.5)));
        assertRefused("area LI: relative depth -0.1 is outside [0, 1]", List.of(area("V1", 0), area("LI", 1, -0.1)));
        assertRefused("area LI: relative depth NaN", List.of(area("V1", 0), area("LI", 1, Double.NaN)));
        assertRefused("area LM at relative depth 0.1 comes after area V1 at 0.5",
                List.of(area("V1", 0, 0.5), area("LM", 1, 0.1)));
    }

    @Test
    void theCommonUnitCountIsTheSmallestAreasOrTheOneAsked() {
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("V1", 80);
        units.put("LM", 60);
        units.put("LL", 120);
        assertEquals(60, AreaHierarchy.commonUnits(units, 0));
        assertEquals(50, AreaHierarchy.commonUnits(units, 50));
        assertEquals(0, AreaHierarchy.commonUnits(Map.of("V1", 80), 0), "one area alone keeps every unit");
        assertEquals(0, AreaHierarchy.commonUnits(Map.of("V1", 80, "LM", 80), 0), "areas of one size keep theirs");
        assertEquals(40, AreaHierarchy.commonUnits(Map.of("V1", 80), 40));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> AreaHierarchy.commonUnits(units, 70));
        assertEquals("area_units 70 exceeds the 60 usable unit(s) of area LM", tooMany.getMessage());
    }

    private static void assertRefused(String message, List<RecordingSource> recordings) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AreaHierarchy.places(recordings));
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
