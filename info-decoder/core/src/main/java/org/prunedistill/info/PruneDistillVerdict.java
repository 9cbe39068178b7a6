package org.prunedistill.info;

/**
 * How single units changed from an earlier to a later source of the same layer (checkpoints) or along areas, with
 * the operational verdicts of SCIENCE.md 4.6 and the definition that produced them.
 *
 * @param luminanceBits              change of median I_PT(R;L)
 * @param contrastBits               change of median I_PT(R;C)
 * @param highLevelFraction          change of median f_high
 * @param invariantFraction          change of median I(R;O)/I(R;S)
 * @param luminancePruned            the median I(R;L) decreased by more than {@code standardErrors} SE
 * @param contrastPruned             the median I(R;C) decreased by more than {@code standardErrors} SE
 * @param highLevelFractionIncreased the median f_high increased by more than {@code standardErrors} SE
 * @param invariantFractionIncreased the median invariant fraction increased by more than {@code standardErrors} SE
 * @param standardErrors             the margin, in standard errors of the change (0: any change counts)
 * @param definition                 the definitions in words, to store with the result
 */
public record PruneDistillVerdict(MedianChange luminanceBits, MedianChange contrastBits,
        MedianChange highLevelFraction, MedianChange invariantFraction, boolean luminancePruned,
        boolean contrastPruned, boolean highLevelFractionIncreased, boolean invariantFractionIncreased,
        double standardErrors, String definition) {

    /** Distillation: both f_high and the invariant fraction increased. */
    public boolean distilled() {
        return highLevelFractionIncreased && invariantFractionIncreased;
    }

    /** Pruning of low-level information: both luminance and contrast information decreased. */
    public boolean pruned() {
        return luminancePruned && contrastPruned;
    }
}
