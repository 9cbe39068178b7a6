package org.prunedistill.extraction.stimuli;

import static org.prunedistill.extraction.stimuli.Solids.box;
import static org.prunedistill.extraction.stimuli.Solids.capsule;
import static org.prunedistill.extraction.stimuli.Solids.cone;
import static org.prunedistill.extraction.stimuli.Solids.cylinder;
import static org.prunedistill.extraction.stimuli.Solids.point;
import static org.prunedistill.extraction.stimuli.Solids.sphere;
import static org.prunedistill.extraction.stimuli.Solids.torus;
import static org.prunedistill.extraction.stimuli.Solids.union;

/**
 * The ten objects of {@link RatObjectStimulusSet}: simple solids and combinations of them, each inside the unit
 * sphere of its own frame (x right, y up, z towards the viewer in the default pose).
 *
 * <p>Every object is deliberately not symmetric about its vertical axis, so a rotation in depth changes its image
 * (a plain upright cylinder or cone would look the same from every azimuth).
 */
enum RatObject {
    CUBE("cube", box(0.0, 0.0, 0.0, 0.5, 0.5, 0.5, 0.06)),
    CYLINDER("cylinder", cylinder(point(-0.75, 0.0, 0.0), point(0.75, 0.0, 0.0), 0.35)),
    CONE("cone", cone(point(-0.65, -0.1, 0.0), point(0.85, 0.15, 0.0), 0.5)),
    TORUS("torus", torus(0.0, 0.0, 0.0, new double[] {0.0, 0.0, 1.0}, 0.6, 0.25)),
    DUMBBELL("dumbbell", union(
            sphere(-0.62, 0.0, 0.0, 0.33),
            sphere(0.62, 0.0, 0.0, 0.33),
            capsule(point(-0.62, 0.0, 0.0), point(0.62, 0.0, 0.0), 0.12))),
    SNOWMAN("snowman", union(
            sphere(0.0, -0.5, 0.0, 0.45),
            sphere(0.0, 0.12, 0.0, 0.32),
            sphere(0.0, 0.6, 0.0, 0.22),
            cone(point(0.0, 0.6, 0.15), point(0.0, 0.55, 0.7), 0.1))),
    HAMMER("hammer", union(
            cylinder(point(0.0, -0.85, 0.0), point(0.0, 0.45, 0.0), 0.1),
            box(0.0, 0.55, 0.0, 0.6, 0.17, 0.17, 0.03))),
    L_BLOCK("l-block", union(
            box(-0.375, 0.0, 0.0, 0.225, 0.7, 0.22, 0.04),
            box(0.025, -0.5, 0.0, 0.625, 0.2, 0.22, 0.04))),
    JACK("jack", union(
            sphere(0.0, 0.0, 0.0, 0.25),
            capsule(point(-0.75, 0.0, 0.0), point(0.75, 0.0, 0.0), 0.13),
            capsule(point(0.0, -0.75, 0.0), point(0.0, 0.75, 0.0), 0.13),
            capsule(point(0.0, 0.0, -0.75), point(0.0, 0.0, 0.75), 0.13))),
    SATURN("saturn", union(
            sphere(0.0, 0.0, 0.0, 0.45),
            torus(0.0, 0.0, 0.0, new double[] {0.2873478855663454, 0.9578262852211514, 0.0}, 0.68, 0.08)));

    private final String displayName;
    private final Solid solid;

    RatObject(String displayName, Solid solid) {
        this.displayName = displayName;
        this.solid = solid;
    }

    /** Name used in condition metadata. */
    String displayName() {
        return displayName;
    }

    /** The object's shape in its own frame. */
    Solid solid() {
        return solid;
    }
}
