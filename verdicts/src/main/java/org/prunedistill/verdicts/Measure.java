package org.prunedistill.verdicts;

/**
 * What a median measures: an information quantity with its bias correction (SCIENCE.md 4), or a decoding performance
 * (SCIENCE.md 5). Compared by value: two medians of the same measure at two sources make a change.
 */
public sealed interface Measure permits Measure.Information, Measure.Decoding {

    /** A per-unit information quantity, median over units. */
    record Information(Quantity quantity, Correction correction) implements Measure {
        public Information {
            if (quantity == null || correction == null) {
                throw new IllegalArgumentException("quantity and correction must be given");
            }
        }
    }

    /**
     * A decoding performance: median over single units or mean over pseudo-populations.
     *
     * @param populationSize units per pseudo-population, 1 for single units
     */
    record Decoding(DecodingTask task, DecodingLevel level, int populationSize, DecodingScore score)
            implements Measure {
        public Decoding {
            if (task == null || level == null || score == null || populationSize < 1) {
                throw new IllegalArgumentException("task, level and score must be given and populationSize >= 1, got "
                        + task + " " + level + " " + populationSize + " " + score);
            }
        }
    }

    /** Information quantities (SCIENCE.md 4.1-4.5); bits unless the name says fraction, count or share. */
    enum Quantity {
        /** I(R;object) over every condition. */
        OBJECT,
        /** I(R;luminance) about the whole-image luminance. */
        LUMINANCE,
        /** I(R;S) over the unit's views. */
        STIMULUS,
        /** I(R;L). */
        RF_LUMINANCE,
        /** I(R;S'|L). */
        STIMULUS_GIVEN_RF_LUMINANCE,
        /** f_high(L), a fraction. */
        F_HIGH_RF_LUMINANCE,
        /** I(R;C). */
        RF_CONTRAST,
        /** I(R;S'|C). */
        STIMULUS_GIVEN_RF_CONTRAST,
        /** f_high(C), a fraction. */
        F_HIGH_RF_CONTRAST,
        /** I(R;O) over the kept object pairs. */
        INVARIANT_OBJECT,
        /** I(R;S) over the kept pairs' conditions. */
        STIMULUS_OVER_PAIRS,
        /** I(R;O)/I(R;S), a fraction. */
        INVARIANT_FRACTION,
        /** Kept object pairs per unit, a count. */
        KEPT_PAIRS,
        /** Share of units with a significant I(R;S). */
        SIGNIFICANT_SHARE,
        /** I(R;L|O), RF luminance information within object: a control of I(R;L). */
        RF_LUMINANCE_GIVEN_OBJECT
    }

    /** Bias corrections (SCIENCE.md 4.3); NONE for a count or a share. */
    enum Correction { PLUGIN, PANZERI_TREVES, NONE }

    /** Separability (cross-validated over trials) or generalisation across views. */
    enum DecodingTask { SEPARABILITY, GENERALISATION }

    /** Single units or pseudo-populations. */
    enum DecodingLevel { SINGLE_UNIT, POPULATION }

    /** Bits above chance or percent correct. */
    enum DecodingScore { ABOVE_CHANCE, PERCENT_CORRECT }
}
