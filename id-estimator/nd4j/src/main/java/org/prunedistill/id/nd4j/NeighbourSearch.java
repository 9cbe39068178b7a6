package org.prunedistill.id.nd4j;

import org.prunedistill.id.Neighbourhoods;

/**
 * A neighbour search of {@link Nd4jNearestNeighbours} with its diagnostics.
 *
 * @param neighbourhoods the result, identical to {@link org.prunedistill.id.NearestNeighbours#exact}
 * @param plan           how the products were cut to the memory budget
 * @param rescanned      points whose candidate list could not be proven complete and were searched exhaustively
 *                       (exact ties or near-ties beyond the candidate slack; 0 on generic data)
 * @param seconds        where the time went
 */
public record NeighbourSearch(Neighbourhoods neighbourhoods, BlockPlan plan, int rescanned, Phases seconds) {

    /**
     * Seconds per phase: centring (column means, buffers, the resident float32 copy), the Gram products (sgemm, and
     * the chunk copies when streaming), the screening keys offered to the candidate lists, and the exact pass.
     */
    public record Phases(double centring, double products, double keys, double exact) {

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.2f/%.2f/%.2f/%.2f", centring, products, keys, exact);
        }
    }
}
