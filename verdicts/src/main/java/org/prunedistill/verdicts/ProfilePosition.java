package org.prunedistill.verdicts;

/**
 * One layer or area of an {@link IdProfile}.
 *
 * @param name          layer or area name
 * @param relativeDepth (conv + dense operations up to the layer) / (their total before the output), in [0, 1];
 *                      for cortical areas their rank along the pathway scaled to [0, 1]
 * @param id            intrinsic dimension
 * @param error         its error bar (one SD); NaN is read as 0 (no error bar)
 */
public record ProfilePosition(String name, double relativeDepth, double id, double error) {

    public ProfilePosition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!(relativeDepth >= 0.0 && relativeDepth <= 1.0)) {
            throw new IllegalArgumentException("relativeDepth must be in [0, 1], got " + relativeDepth);
        }
        if (!Double.isFinite(id)) {
            throw new IllegalArgumentException("id must be finite, got " + id + " at " + name);
        }
        if (error < 0.0 || Double.isInfinite(error)) {
            throw new IllegalArgumentException("error must be finite and non-negative (or NaN), got " + error);
        }
    }

    /** The error bar, 0 when none was given. */
    double halfWidth() {
        return Double.isNaN(error) ? 0.0 : error;
    }
}
