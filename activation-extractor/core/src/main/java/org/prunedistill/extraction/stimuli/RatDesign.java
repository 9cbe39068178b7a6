package org.prunedistill.extraction.stimuli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * The 38 views per object of the rat design (Tafazoli et al. 2017) and the view selections derived from it; the
 * constants live in {@link RatObjectStimulusSet}. Pure bookkeeping, no rendering.
 */
final class RatDesign {

    /** One view of an object in physical units; {@code gainPercent} is the object luminance in % of default. */
    record Pose(String axis, double value, PositionGroup group, double azimuthDegrees, double sizeDegrees,
                double rotationDegrees, double depthRotationDegrees, double gainPercent) {
    }

    private static final double FULL = 100.0;

    private RatDesign() {
    }

    /** The views of one object, in index order: 8 positions, then 15 views at -15 deg, then 15 at +15 deg. */
    static List<Pose> poses() {
        double size = RatObjectStimulusSet.DEFAULT_SIZE_DEGREES;
        List<Pose> result = new ArrayList<>();
        for (double x : RatObjectStimulusSet.POSITIONS_DEGREES) {
            result.add(new Pose(StimulusCondition.POSITION, x, PositionGroup.NONE, x, size, 0.0, 0.0, FULL));
        }
        for (PositionGroup group : List.of(PositionGroup.LEFT, PositionGroup.RIGHT)) {
            double x = group.azimuthDegrees().orElseThrow();
            for (double s : RatObjectStimulusSet.SIZES_DEGREES) {
                result.add(new Pose(StimulusCondition.SIZE, s, group, x, s, 0.0, 0.0, FULL));
            }
            for (double r : RatObjectStimulusSet.ROTATIONS_DEGREES) {
                result.add(new Pose(StimulusCondition.ROTATION, r, group, x, size, r, 0.0, FULL));
            }
            for (double d : RatObjectStimulusSet.DEPTH_ROTATIONS_DEGREES) {
                result.add(new Pose(RatObjectStimulusSet.DEPTH_ROTATION, d, group, x, size, 0.0, d, FULL));
            }
            for (double l : RatObjectStimulusSet.LUMINANCES_PERCENT) {
                result.add(new Pose(StimulusCondition.LUMINANCE, l, group, x, size, 0.0, 0.0, l));
            }
        }
        return List.copyOf(result);
    }

    /** Per object: all position views plus every view of the group (23 in the default design). */
    static int[][] nearest(List<Pose> poses, int objects, PositionGroup group) {
        List<Integer> views = new ArrayList<>();
        for (int v = 0; v < poses.size(); v++) {
            PositionGroup g = poses.get(v).group();
            if (g == PositionGroup.NONE || g == group) {
                views.add(v);
            }
        }
        return perObject(views, poses.size(), objects);
    }

    /** See {@link AlignedViews} for the reading of "aligned". */
    static AlignedViews aligned(List<Pose> poses, int objects) {
        Set<Double> offsets = new LinkedHashSet<>(offsetsFrom(poses, PositionGroup.LEFT));
        offsets.retainAll(offsetsFrom(poses, PositionGroup.RIGHT));
        List<String> labels = new ArrayList<>();
        for (double offset : offsets) {
            labels.add(String.format(Locale.ROOT, "position-offset=%+.1f", offset));
        }
        for (Pose pose : poses) {
            if (pose.group() == PositionGroup.LEFT) {
                labels.add(pose.axis() + "=" + pose.value());
            }
        }
        return new AlignedViews(labels, alignedFor(poses, objects, PositionGroup.LEFT, offsets),
                alignedFor(poses, objects, PositionGroup.RIGHT, offsets));
    }

    private static List<Double> offsetsFrom(List<Pose> poses, PositionGroup group) {
        double centre = group.azimuthDegrees().orElseThrow();
        return poses.stream().filter(p -> p.group() == PositionGroup.NONE)
                .map(p -> p.azimuthDegrees() - centre).toList();
    }

    private static int[][] alignedFor(List<Pose> poses, int objects, PositionGroup group, Set<Double> offsets) {
        double centre = group.azimuthDegrees().orElseThrow();
        List<Integer> views = new ArrayList<>();
        for (double offset : offsets) {
            for (int v = 0; v < poses.size(); v++) {
                Pose p = poses.get(v);
                if (p.group() == PositionGroup.NONE && p.azimuthDegrees() - centre == offset) {
                    views.add(v);
                }
            }
        }
        for (int v = 0; v < poses.size(); v++) {
            if (poses.get(v).group() == group) {
                views.add(v);
            }
        }
        return perObject(views, poses.size(), objects);
    }

    private static int[][] perObject(List<Integer> views, int viewsPerObject, int objects) {
        int[][] result = new int[objects][views.size()];
        for (int object = 0; object < objects; object++) {
            for (int k = 0; k < views.size(); k++) {
                result[object][k] = object * viewsPerObject + views.get(k);
            }
        }
        return result;
    }
}
