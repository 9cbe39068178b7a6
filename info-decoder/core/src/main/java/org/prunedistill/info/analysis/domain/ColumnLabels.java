package org.prunedistill.info.analysis.domain;

/**
 * The names of the per-unit columns the analysis fills ({@link PerUnitTable}) and the results' tables carry as
 * labels. Identifiers inside the service; the results describe each column by typed fields besides its label.
 */
public final class ColumnLabels {

    public static final String UNIT = "unit";
    public static final String CONDITIONS = "conditions";
    public static final String P_VALUE = "p_value";
    public static final String KEPT_PAIRS = "kept_pairs";
    public static final String OBJECT_CORRECTED = "I(R;O).pt";
    public static final String STIMULUS_OVER_PAIRS_CORRECTED = "I(R;S).pairs.pt";
    public static final String INVARIANT_FRACTION = "I(R;O)/I(R;S)";
    public static final String DECODED_PAIRS = "decoded_pairs";
    public static final String SINGLE_UNIT_SEPARABILITY = "single-unit separability";
    public static final String SINGLE_UNIT_GENERALISATION = "single-unit generalisation";
    public static final String ABOVE_CHANCE = ".above-chance";
    public static final String PERCENT_CORRECT = ".percent-correct";
    /** Correction suffixes of the decomposition columns. */
    public static final String PLUGIN = "plugin";
    public static final String CORRECTED = "pt";
    /** SCIENCE.md 4.7: the largest share of the RF on the object, and the three flags (1 yes, 0 no). */
    public static final String MAX_OBJECT_COVERAGE = "max_object_coverage";
    public static final String RESPONSIVE = "responsive";
    public static final String INFORMATIVE = "informative";
    public static final String INCLUDED = "included";
    /** Conditions of the contrast decomposition: those where the object covers enough of the RF. */
    public static final String COVERED_CONDITIONS = "conditions[C]";

    private ColumnLabels() {
    }

    /** {@code I(R;S).<correction>}: the stimulus information over the unit's views. */
    public static String stimulus(String correction) {
        return "I(R;S)." + correction;
    }

    /**
     * I(R;S) over the conditions of the decomposition by {@code letter}: the unit's views for L ({@code I(R;S).pt}),
     * its covered views for C ({@code I(R;S)[C].pt}).
     */
    public static String stimulus(String letter, String correction) {
        return "C".equals(letter) ? "I(R;S)[C]." + correction : stimulus(correction);
    }

    /** {@code I(R;<letter>).<correction>}. */
    public static String feature(String letter, String correction) {
        return "I(R;" + letter + ")." + correction;
    }

    /** {@code I(R;S'|<letter>).<correction>}. */
    public static String residual(String letter, String correction) {
        return "I(R;S'|" + letter + ")." + correction;
    }

    /** {@code I(R;L|O).<correction>}: RF luminance information within object, a control of I(R;L). */
    public static String luminanceWithinObject(String correction) {
        return "I(R;L|O)." + correction;
    }

    /** {@code f_high(<letter>)}. */
    public static String highLevelFraction(String letter) {
        return "f_high(" + letter + ")";
    }
}
