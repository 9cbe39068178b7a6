package org.prunedistill.info.analysis.domain;

import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.info.Quartiles;

/**
 * I(R;object) or I(R;luminance) of every unit over every condition: quartiles over the counted units (SCIENCE.md
 * 4.7) of the plug-in and the Panzeri-Treves corrected values, the medians over every unit beside them, and the
 * per-unit table of every unit (columns {@link #PLUGIN}, {@link #CORRECTED}).
 *
 * @param stimulus            what the information is about
 * @param plugin              quartiles of the counted units' plug-in values, bits
 * @param corrected           quartiles of the counted units' corrected values, bits
 * @param unfilteredPlugin    median plug-in value over every unit, bits
 * @param unfilteredCorrected median corrected value over every unit, bits
 * @param sample              the units (every unit of the source)
 * @param table               the per-unit values
 */
public record WholeSetInformation(Stimulus stimulus, Quartiles plugin, Quartiles corrected, double unfilteredPlugin,
                                  double unfilteredCorrected, UnitSample sample, PerUnitTable table) {

    public static final String PLUGIN = "plugin_bits";
    public static final String CORRECTED = "panzeri_treves_bits";

    /** The stimulus attribute of a whole-set quantity. */
    public enum Stimulus { OBJECT, LUMINANCE }
}
