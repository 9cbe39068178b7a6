package org.prunedistill.id.nd4j;

import org.prunedistill.id.Neighbourhoods;

/**
 * A neighbour search of {@link Nd4jNearestNeighbours} with its diagnostics.
 *
 * @param neighbourhoods the result, identical to {@link org.prunedistill.id.NearestNeighbours#exact}
 * @param plan           how the products were cut to the memory budget
 * @param rescanned      points whose candidate list could not be proven complete and were searched exhaustively
 *                       (exact ties or near-ties beyond the candidate slack; 0 on generic data)
 */
public record NeighbourSearch(Neighbourhoods neighbourhoods, BlockPlan plan, int rescanned) {
}
