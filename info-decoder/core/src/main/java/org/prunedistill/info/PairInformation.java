package org.prunedistill.info;

/**
 * One object pair of the invariance analysis (SCIENCE.md 4.5). For a dropped pair the information terms are not
 * computed and are NaN.
 *
 * @param objectA        the smaller object id
 * @param objectB        the larger object id
 * @param luminanceRatio mean RF luminance of the dimmer object over that of the brighter one, in [0, 1]; NaN when
 *                       both are 0
 * @param kept           whether the ratio exceeds the threshold
 * @param object         I(R;O), O binary, each object pooled over its views
 * @param stimulus       I(R;S) over the conditions (2 x views) of the pair
 */
public record PairInformation(int objectA, int objectB, double luminanceRatio, boolean kept, CorrectedBits object,
        CorrectedBits stimulus) {
}
