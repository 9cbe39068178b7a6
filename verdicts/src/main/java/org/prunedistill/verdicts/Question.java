package org.prunedistill.verdicts;

import org.prunedistill.verdicts.Measure.Correction;
import org.prunedistill.verdicts.Measure.DecodingLevel;
import org.prunedistill.verdicts.Measure.DecodingScore;
import org.prunedistill.verdicts.Measure.DecodingTask;
import org.prunedistill.verdicts.Measure.Quantity;

/**
 * The questions of the paper a run answers (SCIENCE.md 1, 4.6, 5): the hunchback, asked of each checkpoint's ID
 * profile, and the training questions, asked of each layer's change of one measure from the first to the last
 * checkpoint with the direction the paper claims.
 */
public enum Question {
    HUNCHBACK(null, null, "Does the ID rise then fall along the layers of %s?"),
    LUMINANCE_PRUNED(new Measure.Information(Quantity.RF_LUMINANCE, Correction.PANZERI_TREVES), Claim.DECREASE,
            "Is luminance information pruned from %s to %s?"),
    CONTRAST_PRUNED(new Measure.Information(Quantity.RF_CONTRAST, Correction.PANZERI_TREVES), Claim.DECREASE,
            "Is contrast information pruned from %s to %s?"),
    F_HIGH_DISTILLED(new Measure.Information(Quantity.F_HIGH_RF_LUMINANCE, Correction.PANZERI_TREVES),
            Claim.INCREASE, "Is f_high distilled (increased) from %s to %s?"),
    INVARIANT_FRACTION_INCREASES(new Measure.Information(Quantity.INVARIANT_FRACTION, Correction.PANZERI_TREVES),
            Claim.INCREASE, "Does the invariant fraction I(R;O)/I(R;S) increase from %s to %s?"),
    SINGLE_UNIT_GENERALISATION_IMPROVES(new Measure.Decoding(DecodingTask.GENERALISATION,
            DecodingLevel.SINGLE_UNIT, 1, DecodingScore.ABOVE_CHANCE), Claim.INCREASE,
            "Do single units generalise object identity across views better from %s to %s?"),
    /** The smallest pseudo-population, the one every layer of more than 6 units has. */
    POPULATION_GENERALISATION_IMPROVES(new Measure.Decoding(DecodingTask.GENERALISATION,
            DecodingLevel.POPULATION, 6, DecodingScore.ABOVE_CHANCE), Claim.INCREASE,
            "Do 6-unit populations generalise object identity across views better from %s to %s?");

    private final Measure measure;
    private final Claim claim;
    private final String text;

    Question(Measure measure, Claim claim, String text) {
        this.measure = measure;
        this.claim = claim;
        this.text = text;
    }

    /** The measure a training question compares; null for the hunchback. */
    public Measure measure() {
        return measure;
    }

    /** The direction the paper claims; null for the hunchback. */
    public Claim claim() {
        return claim;
    }

    /** The question in words: of one checkpoint (hunchback), or from the first to the last checkpoint. */
    public String text(String... checkpoints) {
        return String.format(java.util.Locale.ROOT, text, (Object[]) checkpoints);
    }
}
