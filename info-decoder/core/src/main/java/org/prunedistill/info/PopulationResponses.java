package org.prunedistill.info;

import java.util.Objects;

/**
 * Responses of a set of units (a layer or a recorded area) for population decoding: {@code responses[u][c][k]} is
 * unit {@code u}'s response on its {@code k}-th trial of condition {@code c}. Units may have different numbers of
 * trials per condition (neurons recorded in different sessions), every one at least one. Not copied (can be large):
 * callers must not modify the arrays afterwards.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for no units, units with different numbers of conditions,
 * a condition without trials or a non-finite response (naming unit, condition and trial).
 *
 * @param responses {@code [units][conditions][trials]}
 */
public record PopulationResponses(double[][][] responses) {

    /** Validates the shape and values. */
    public PopulationResponses {
        Objects.requireNonNull(responses, "responses");
        if (responses.length == 0) {
            throw new IllegalArgumentException("responses must hold at least one unit");
        }
        int conditions = responses[0].length;
        for (int u = 0; u < responses.length; u++) {
            if (responses[u].length != conditions || conditions == 0) {
                throw new IllegalArgumentException("responses[" + u + "] holds " + responses[u].length
                        + " conditions, responses[0] " + conditions + "; need the same positive number");
            }
            for (int c = 0; c < conditions; c++) {
                if (responses[u][c].length == 0) {
                    throw new IllegalArgumentException("responses[" + u + "][" + c + "] holds no trials");
                }
                for (int k = 0; k < responses[u][c].length; k++) {
                    if (!Double.isFinite(responses[u][c][k])) {
                        throw new IllegalArgumentException("responses[" + u + "][" + c + "][" + k + "] is not finite");
                    }
                }
            }
        }
    }

    public int units() {
        return responses.length;
    }

    public int conditions() {
        return responses[0].length;
    }
}
