package org.prunedistill.extractor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.prunedistill.events.v1.RecordingSource;

/**
 * The recorded areas of a run as one hierarchy (SCIENCE.md 1, 3.7): each area's position and relative depth, checked
 * before anything is read or published. Every area name appears once, every area has its own order below the
 * hierarchy size (0 = the number of areas), and its relative depth is {@code order / (hierarchy size - 1)} unless
 * given, in [0, 1] and not decreasing along the order.
 */
final class AreaHierarchy {

    /** Where one area sits. */
    record Place(int order, double relativeDepth) {
    }

    private AreaHierarchy() {
    }

    /**
     * The place of every recording, in the order given.
     *
     * @throws IllegalArgumentException naming the area(s) when a name repeats, two areas share an order, an order lies
     *                                  outside the hierarchy or a depth outside [0, 1] or against the order
     */
    static List<Place> places(List<RecordingSource> recordings) {
        Map<String, Integer> names = new HashMap<>();
        Map<Integer, String> orders = new HashMap<>();
        List<Place> places = new ArrayList<>(recordings.size());
        for (RecordingSource recording : recordings) {
            String area = recording.getArea();
            if (names.putIfAbsent(area, recording.getOrder()) != null) {
                throw new IllegalArgumentException("area " + area + " is given twice; every area of a run appears "
                        + "once (give the sessions of one area together)");
            }
            String before = orders.putIfAbsent(recording.getOrder(), area);
            if (before != null) {
                throw new IllegalArgumentException("areas " + before + " and " + area + " are both at order "
                        + recording.getOrder() + "; each area needs its own position along the hierarchy");
            }
            int size = recording.getHierarchySize() > 0 ? recording.getHierarchySize() : recordings.size();
            if (recording.getOrder() < 0 || recording.getOrder() >= size) {
                throw new IllegalArgumentException("area " + area + ": order " + recording.getOrder()
                        + " is outside the hierarchy of " + size + " area(s) (0.." + (size - 1) + ")");
            }
            double depth = recording.getHasRelativeDepth() ? recording.getRelativeDepth()
                    : size == 1 ? 0.0 : (double) recording.getOrder() / (size - 1);
            if (!(depth >= 0.0 && depth <= 1.0)) {
                throw new IllegalArgumentException("area " + area + ": relative depth " + depth
                        + " is outside [0, 1]");
            }
            places.add(new Place(recording.getOrder(), depth));
        }
        requireDepthsFollowOrder(recordings, places);
        return List.copyOf(places);
    }

    private static void requireDepthsFollowOrder(List<RecordingSource> recordings, List<Place> places) {
        List<Integer> byOrder = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            byOrder.add(i);
        }
        byOrder.sort(Comparator.comparingInt(i -> places.get(i).order()));
        for (int k = 1; k < byOrder.size(); k++) {
            Place earlier = places.get(byOrder.get(k - 1));
            Place later = places.get(byOrder.get(k));
            if (later.relativeDepth() < earlier.relativeDepth()) {
                throw new IllegalArgumentException("area " + recordings.get(byOrder.get(k)).getArea()
                        + " at relative depth " + later.relativeDepth() + " comes after area "
                        + recordings.get(byOrder.get(k - 1)).getArea() + " at " + earlier.relativeDepth()
                        + "; depths must not decrease along the hierarchy");
            }
        }
    }

    /**
     * The number of units every area's intrinsic dimension is computed on (SCIENCE.md 3.4): {@code requested} when
     * positive, else the smallest area's count when the areas' counts differ, else 0 (every unit: areas of equal
     * size are compared alike already, and subsets of all their units would all be the same).
     *
     * @param units the usable units of each area, by area name, in the order given
     * @throws IllegalArgumentException naming the area when {@code requested} exceeds its units
     */
    static int commonUnits(Map<String, Integer> units, int requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("area_units must be 0 (the smallest area's) or positive, got "
                    + requested);
        }
        if (requested == 0) {
            boolean differ = units.values().stream().distinct().count() > 1;
            return differ ? units.values().stream().mapToInt(Integer::intValue).min().orElseThrow() : 0;
        }
        units.forEach((area, count) -> {
            if (count < requested) {
                throw new IllegalArgumentException("area_units " + requested + " exceeds the " + count
                        + " usable unit(s) of area " + area);
            }
        });
        return requested;
    }
}
