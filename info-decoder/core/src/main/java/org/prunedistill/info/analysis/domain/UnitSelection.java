package org.prunedistill.info.analysis.domain;

import org.prunedistill.claimcheck.UnitSample;

/**
 * Which units and conditions the per-unit quantities of one source rest on.
 *
 * @param byDefaultPosition whether each unit sees the position views plus those at its nearer default position
 *                          (false: every condition; {@link ViewSelection})
 * @param defaultPositions  the default positions, degrees, ascending
 * @param minConditions     fewest conditions a unit is analysed over
 * @param maxConditions     most conditions a unit is analysed over
 * @param trials            trials per condition
 * @param rfMap             the receptive fields' map ({@link ReceptiveFields#map()})
 * @param rfPositions       RF positions
 * @param featureBins       bins of RF luminance and contrast actually used
 * @param sample            the units analysed
 */
public record UnitSelection(boolean byDefaultPosition, double[] defaultPositions, int minConditions,
                            int maxConditions, int trials, String rfMap, int rfPositions, int featureBins,
                            UnitSample sample) {
}
