package org.prunedistill.info;

/**
 * The luminance ratio of an object pair for one unit (SCIENCE.md 4.5, 5): the mean RF luminance of the dimmer object
 * over that of the brighter one, each mean over the object's conditions given. Pairs whose ratio passes a threshold
 * Th (0.9 for the invariant information, 0.8 for population decoding) are those luminance alone cannot tell apart.
 *
 * <p>Reference: Tafazoli, Safaai, De Franceschi, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods.
 */
public final class LuminanceRatio {

    private LuminanceRatio() {
    }

    /**
     * The ratio, in [0, 1]; NaN when both means are 0 (never passes a threshold).
     *
     * @param objectOfCondition object of each condition
     * @param luminance         the unit's RF luminance of each condition
     * @throws IllegalArgumentException for arrays of different lengths or an object without conditions
     */
    public static double of(int[] objectOfCondition, double[] luminance, int objectA, int objectB) {
        if (objectOfCondition.length != luminance.length) {
            throw new IllegalArgumentException("objectOfCondition and luminance differ in length: "
                    + objectOfCondition.length + " and " + luminance.length);
        }
        return ofMeans(mean(objectOfCondition, luminance, objectA), mean(objectOfCondition, luminance, objectB));
    }

    /** The ratio of two objects' mean RF luminance (as {@link #of}, the means given). */
    static double ofMeans(double a, double b) {
        double brighter = Math.max(a, b);
        return brighter > 0 ? Math.min(a, b) / brighter : Double.NaN;
    }

    /** Whether the ratio is strictly above the threshold (a NaN ratio never passes). */
    public static boolean passes(double ratio, double threshold) {
        return ratio > threshold;
    }

    private static double mean(int[] objectOfCondition, double[] luminance, int object) {
        double sum = 0.0;
        int count = 0;
        for (int c = 0; c < objectOfCondition.length; c++) {
            if (objectOfCondition[c] == object) {
                sum += luminance[c];
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("object " + object + " has no condition");
        }
        return sum / count;
    }
}
