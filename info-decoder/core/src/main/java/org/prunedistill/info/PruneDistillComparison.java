package org.prunedistill.info;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Pruning and distillation between two sources of the same layer (an earlier and a later checkpoint) or two areas
 * along the hierarchy (SCIENCE.md 4.6). For each of median I(R;L), I(R;C), f_high and I(R;O)/I(R;S) it reports the
 * change with the bootstrap standard error of the difference of medians ({@link BootstrapMedian#difference}), then
 * the operational verdicts:
 * <ul>
 * <li><b>pruning</b> of feature X: the median I(R;X) decreases by more than {@code k} standard errors;</li>
 * <li><b>distillation</b>: the median f_high and the median invariant fraction both increase by more than
 * {@code k} standard errors.</li>
 * </ul>
 * {@code k} ({@link #standardErrors()}) defaults to 0, the plain "decreases / increases" of SCIENCE.md; the verdict
 * records it. A NaN change (a source with no defined values) is no verdict (false).
 *
 * <p>Immutable; randomness arrives as a parameter and is drawn in the order luminance, contrast, f_high, invariant
 * fraction. Failure behaviour: {@link IllegalArgumentException} for fewer than 2 resamples or a negative or
 * non-finite margin.
 *
 * <p>Reference: Muratore, Tafazoli, Piasini, Laio and Zoccolan (2022), "Prune and distill", NeurIPS; Tafazoli et
 * al. (2017), J. Neurophysiol. 118:130-159.
 */
public final class PruneDistillComparison {

    private final BootstrapMedian bootstrap;
    private final double standardErrors;

    private PruneDistillComparison(BootstrapMedian bootstrap, double standardErrors) {
        if (!(standardErrors >= 0) || Double.isInfinite(standardErrors)) {
            throw new IllegalArgumentException("standardErrors must be finite and non-negative, got "
                    + standardErrors);
        }
        this.bootstrap = bootstrap;
        this.standardErrors = standardErrors;
    }

    /** 1000 bootstrap resamples, margin 0 standard errors. */
    public static PruneDistillComparison withDefaults() {
        return new PruneDistillComparison(BootstrapMedian.withDefaults(), 0.0);
    }

    /** Bootstrap resamples, at least 2. */
    public PruneDistillComparison withResamples(int resamples) {
        return new PruneDistillComparison(bootstrap.withResamples(resamples), standardErrors);
    }

    /** Margin of the verdicts in standard errors of the change, at least 0. */
    public PruneDistillComparison withStandardErrors(double standardErrors) {
        return new PruneDistillComparison(bootstrap, standardErrors);
    }

    public int resamples() {
        return bootstrap.resamples();
    }

    public double standardErrors() {
        return standardErrors;
    }

    /** The changes from {@code earlier} to {@code later} and the verdicts. */
    public PruneDistillVerdict compare(SourceQuantities earlier, SourceQuantities later, RandomGenerator rng) {
        Objects.requireNonNull(earlier, "earlier");
        Objects.requireNonNull(later, "later");
        Objects.requireNonNull(rng, "rng");
        MedianChange luminance = bootstrap.difference(earlier.luminanceBits(), later.luminanceBits(), rng);
        MedianChange contrast = bootstrap.difference(earlier.contrastBits(), later.contrastBits(), rng);
        MedianChange highLevel = bootstrap.difference(earlier.highLevelFraction(), later.highLevelFraction(), rng);
        MedianChange invariant = bootstrap.difference(earlier.invariantFraction(), later.invariantFraction(), rng);
        return new PruneDistillVerdict(luminance, contrast, highLevel, invariant,
                luminance.decreased(standardErrors), contrast.decreased(standardErrors),
                highLevel.increased(standardErrors), invariant.increased(standardErrors), standardErrors,
                definition());
    }

    /** The definitions in words, stored with every verdict. */
    public String definition() {
        return String.format(Locale.ROOT, "pruned(X): median I_PT(R;X) over units decreases from the earlier to the "
                + "later source by more than %s bootstrap SE of the difference of medians (%d resamples), "
                + "X = RF luminance and RF contrast (binned as recorded with the per-unit analysis); pruned = both. "
                + "distilled: median f_high = I_PT(R;S'|L)/I_PT(R;S) and median I(R;O)/I(R;S) (object pairs "
                + "passing the luminance-ratio threshold) both increase by more than %s SE; undefined per-unit "
                + "values left out (SCIENCE.md 4.6)",
                standardErrors, bootstrap.resamples(), standardErrors);
    }

    @Override
    public String toString() {
        return "PruneDistillComparison[resamples=" + bootstrap.resamples() + ", standardErrors=" + standardErrors
                + "]";
    }
}
