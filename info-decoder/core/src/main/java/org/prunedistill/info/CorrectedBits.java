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

    /** {@code this - other}, term by term. */
    CorrectedBits minus(CorrectedBits other) {
        return new CorrectedBits(pluginBits - other.pluginBits, panzeriTrevesBits - other.panzeriTrevesBits);
    }
}
