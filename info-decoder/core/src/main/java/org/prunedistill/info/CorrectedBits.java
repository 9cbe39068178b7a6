package org.prunedistill.info;

/**
 * One information term in bits, plug-in and Panzeri-Treves corrected (Bayesian bin count) side by side.
 *
 * @param pluginBits        plug-in value ({@link PluginInformation})
 * @param panzeriTrevesBits plug-in minus the Panzeri-Treves bias ({@link PanzeriTrevesCorrection#bayesian()})
 */
public record CorrectedBits(double pluginBits, double panzeriTrevesBits) {

    /** Plug-in and PT of one contingency table. */
    static CorrectedBits of(ContingencyTable table) {
        double plugin = table.pluginBits();
        return new CorrectedBits(plugin, plugin - PanzeriTrevesCorrection.bayesian().bias(table));
    }

    /**
     * Plug-in and PT of a table whose rows each hold one trial, from a table {@code margins} of the same trials (its
     * response totals) and the PT bias of the rows: every cell and row total is 0 or 1, whose {@code n ln n} is
     * exactly 0, so the plug-in sum is that of the response totals alone; the values of counting the table.
     */
    static CorrectedBits ofSingleTrialRows(ContingencyTable margins, double bias) {
        double plugin = ContingencyTable.pluginBits(0.0, 0.0, margins.responseNLogNSum(), margins.trials());
        return new CorrectedBits(plugin, plugin - bias);
    }

    /** {@code this - other}, term by term. */
    CorrectedBits minus(CorrectedBits other) {
        return new CorrectedBits(pluginBits - other.pluginBits, panzeriTrevesBits - other.panzeriTrevesBits);
    }
}
