package org.prunedistill.infodecoder.domain;

import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.info.Quartiles;

/**
 * I(R;object) or I(R;luminance) of every unit over every condition: quartiles over units of the plug-in and the
 * Panzeri-Treves corrected values, and the per-unit table (columns {@link #PLUGIN}, {@link #CORRECTED}).
 *
 * @param stimulus  what the information is about
 * @param plugin    quartiles of the plug-in values, bits
 * @param corrected quartiles of the corrected values, bits
 * @param sample    the units (every unit of the source)
 * @param table     the per-unit values
 */
public record WholeSetInformation(Stimulus stimulus, Quartiles plugin, Quartiles corrected, UnitSample sample,
                                  PerUnitTable table) {

    public static final String PLUGIN = "plugin_bits";
    public static final String CORRECTED = "panzeri_treves_bits";

    /** The stimulus attribute of a whole-set quantity. */
    public enum Stimulus { OBJECT, LUMINANCE }
}
