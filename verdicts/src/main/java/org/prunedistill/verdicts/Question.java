package org.prunedistill.verdicts;

import java.util.Locale;
import org.prunedistill.verdicts.Measure.Correction;
import org.prunedistill.verdicts.Measure.DecodingLevel;
import org.prunedistill.verdicts.Measure.DecodingScore;
import org.prunedistill.verdicts.Measure.DecodingTask;
import org.prunedistill.verdicts.Measure.Quantity;

/**
 * The questions of the paper a run answers (SCIENCE.md 1, 4.6, 4.8, 5), each with its two readings: along training
 * (each layer's change of one measure from the first to the last checkpoint, in the direction the paper claims) and
 * along the hierarchy (the trend of the per-source medians with depth, within one checkpoint or along the areas).
 * The hunchback is asked of each checkpoint's ID profile; along the hierarchy the ID has no claimed direction (its
 * claim is a rise then a fall), so its trend asks only whether the last third differs from the first.
 *
 * <p>The claimed directions along the hierarchy are those along training: training prunes luminance and contrast
 * information and distills what remains, and so does the ventral stream from V1 to LL (Tafazoli et al. 2017;
 * Muratore et al. 2022): luminance and contrast information fall with depth, f_high, the invariant fraction and
 * generalisation rise.
 */
public enum Question {
    HUNCHBACK(null, null, "the ID", "Does the ID rise then fall along the layers of %s?"),
    LUMINANCE_PRUNED(new Measure.Information(Quantity.RF_LUMINANCE, Correction.PANZERI_TREVES), Claim.DECREASE,
            "luminance information I(R;L)", "Is luminance information pruned from %s to %s?"),
    CONTRAST_PRUNED(new Measure.Information(Quantity.RF_CONTRAST, Correction.PANZERI_TREVES), Claim.DECREASE,
            "contrast information I(R;C)", "Is contrast information pruned from %s to %s?"),
    F_HIGH_DISTILLED(new Measure.Information(Quantity.F_HIGH_RF_LUMINANCE, Correction.PANZERI_TREVES),
            Claim.INCREASE, "f_high(L)", "Is f_high distilled (increased) from %s to %s?"),
    INVARIANT_FRACTION_INCREASES(new Measure.Information(Quantity.INVARIANT_FRACTION, Correction.PANZERI_TREVES),
            Claim.INCREASE, "the invariant fraction I(R;O)/I(R;S)",
            "Does the invariant fraction I(R;O)/I(R;S) increase from %s to %s?"),
    SINGLE_UNIT_GENERALISATION_IMPROVES(new Measure.Decoding(DecodingTask.GENERALISATION,
            DecodingLevel.SINGLE_UNIT, 1, DecodingScore.ABOVE_CHANCE), Claim.INCREASE,
            "single-unit generalisation across views",
            "Do single units generalise object identity across views better from %s to %s?"),
    /** The smallest pseudo-population, the one every layer of more than 6 units has. */
    POPULATION_GENERALISATION_IMPROVES(new Measure.Decoding(DecodingTask.GENERALISATION,
            DecodingLevel.POPULATION, 6, DecodingScore.ABOVE_CHANCE), Claim.INCREASE,
            "6-unit population generalisation across views",
            "Do 6-unit populations generalise object identity across views better from %s to %s?");

    private final Measure measure;
    private final Claim claim;
    private final String subject;
    private final String text;

    Question(Measure measure, Claim claim, String subject, String text) {
        this.measure = measure;
        this.claim = claim;
        this.subject = subject;
        this.text = text;
    }

    /** The measure a training question compares; null for the hunchback (the TwoNN ID). */
    public Measure measure() {
        return measure;
    }

    /** The direction the paper claims along training; null for the hunchback. */
    public Claim claim() {
        return claim;
    }

    /**
     * The direction the paper claims along the hierarchy (the same as along training); null for the ID, whose trend
     * is asked without a direction.
     */
    public Claim hierarchyClaim() {
        return claim;
    }

    /**
     * Whether the input layer enters the trend: kept for the ID, left out of the information (its pixels are not
     * units of the network).
     */
    public boolean keepsInput() {
        return measure == null;
    }

    /** What the question is about, in words ("luminance information I(R;L)"). */
    public String subject() {
        return subject;
    }

    /** The question in words: of one checkpoint (hunchback), or from the first to the last checkpoint. */
    public String text(String... checkpoints) {
        return String.format(Locale.ROOT, text, (Object[]) checkpoints);
    }

    /** The question along the hierarchy in words, of {@code where} ("the layers of trained", "the areas"). */
    public String trendText(String where) {
        Claim along = hierarchyClaim();
        return along == null ? "Does " + subject + " differ between the first and the last third of " + where + "?"
                : "Does " + subject + (along == Claim.DECREASE ? " fall" : " rise") + " along " + where + "?";
    }

    /** The interaction in words: is the trend of {@code origin}'s layers at {@code last} unlike at {@code first}? */
    public String interactionText(String origin, String first, String last) {
        Claim along = hierarchyClaim();
        String trend = along == null ? "the trend of " + subject + " along the layers of " + origin
                : "the " + (along == Claim.DECREASE ? "fall" : "rise") + " of " + subject + " along the layers of "
                + origin;
        return along == null ? "Does " + trend + " differ from " + first + " to " + last + "?"
                : "Is " + trend + " steeper at " + last + " than at " + first + "?";
    }
}
