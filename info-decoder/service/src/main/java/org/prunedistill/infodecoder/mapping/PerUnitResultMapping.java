package org.prunedistill.infodecoder.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Binning;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecompositionParameters;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.Feature;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.InformationSummary;
import org.prunedistill.events.v1.InvariantInformationParameters;
import org.prunedistill.events.v1.PerUnitInformationSettings;
import org.prunedistill.events.v1.SignificanceParameters;
import org.prunedistill.events.v1.SignificanceSummary;
import org.prunedistill.events.v1.UnitViews;
import org.prunedistill.events.v1.ValueUnit;
import org.prunedistill.events.v1.ViewRule;
import org.prunedistill.info.SignificantShare;
import org.prunedistill.info.analysis.domain.DecompositionSummary;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.InvariantSummary;
import org.prunedistill.info.analysis.domain.PerUnitSummaries;
import org.prunedistill.info.analysis.domain.UnitSelection;
import org.prunedistill.messaging.UnitSampleMapping;

/**
 * The paper's per-unit quantities of one source as four typed results (SCIENCE.md 4.3-4.6):
 * {@code luminance-decomposition} and {@code contrast-decomposition} (medians of I(R;S), I(R;X), I(R;S'|X), plug-in
 * and corrected, and f_high(X)), {@code invariant-object-information} (I(R;O), I(R;S) over the pairs, their fraction
 * and the kept pairs) and {@code significance} (the share of significant units). Every median is over the counted
 * units (SCIENCE.md 4.7) and carries its bootstrap standard error, the units left out as undefined and the unfiltered
 * median; every result its per-unit table with the units' coverage and flags.
 */
public final class PerUnitResultMapping {

    public static final String LUMINANCE_DECOMPOSITION = "luminance-decomposition";
    public static final String CONTRAST_DECOMPOSITION = "contrast-decomposition";
    public static final String INVARIANT_INFORMATION = "invariant-object-information";
    public static final String SIGNIFICANCE = "significance";
    private static final Map<String, String> VIEW_NOTES = Map.of(
            "view_tie_rule", "a tie or an unknown RF azimuth goes to the leftmost default position",
            "correction", "Panzeri-Treves with the Bayesian bin count");

    private PerUnitResultMapping() {
    }

    static List<TabledResult> toResults(AnalysisResult.Builder common, PerUnitSummaries perUnit,
                                        InformationSettings settings) {
        return List.of(decomposition(common, perUnit, perUnit.luminance(), settings),
                decomposition(common, perUnit, perUnit.contrast(), settings),
                invariant(common, perUnit, settings),
                significance(common, perUnit, settings));
    }

    private static TabledResult decomposition(AnalysisResult.Builder common, PerUnitSummaries perUnit,
                                              DecompositionSummary summary, InformationSettings settings) {
        boolean luminance = summary.feature() == DecompositionSummary.Feature.RF_LUMINANCE;
        String x = summary.feature().letter();
        InformationQuantity feature = luminance ? InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE
                : InformationQuantity.INFORMATION_QUANTITY_RF_CONTRAST;
        InformationQuantity residual = luminance
                ? InformationQuantity.INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_LUMINANCE
                : InformationQuantity.INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_CONTRAST;
        InformationQuantity fraction = luminance ? InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE
                : InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_CONTRAST;
        AnalysisResult result = base(common, luminance ? LUMINANCE_DECOMPOSITION : CONTRAST_DECOMPOSITION, perUnit,
                settings, parameters -> parameters.setDecomposition(DecompositionParameters.newBuilder()
                        .setViews(views(perUnit.selection())).setInformation(information(settings))
                        .setFeature(luminance ? Feature.FEATURE_RF_LUMINANCE : Feature.FEATURE_RF_CONTRAST)
                        .setFeatureBins(perUnit.selection().featureBins())))
                .putNotes("feature_binning", "equipopulated over the unit's conditions (the contrast decomposition's: "
                        + "at most feature_bins, at most its conditions)")
                .putNotes("f_high", "I_PT(R;S'|" + x + ") / I_PT(R;S), NaN when I_PT(R;S) <= 0")
                .putNotes("conditions", luminance ? "every view of the unit" : "the unit's views where the object "
                        + "covers at least min_object_coverage of the RF (all when the coverage is unknown); undefined "
                        + "with fewer than 2 such views of some object")
                .setInformation(stimulusMedians(luminance, summary)
                        .addMedians(bits(feature, false, summary.featurePlugin()))
                        .addMedians(bits(feature, true, summary.featureCorrected()))
                        .addMedians(bits(residual, false, summary.residualPlugin()))
                        .addMedians(bits(residual, true, summary.residualCorrected()))
                        .addMedians(InformationResultMapping.median(fraction, Correction.CORRECTION_PANZERI_TREVES,
                                ValueUnit.VALUE_UNIT_FRACTION, summary.highLevelFraction())))
                .build();
        if (luminance) {
            result = result.toBuilder().putNotes("I(R;L|O)", "RF luminance information within object: the sum over "
                    + "objects of P(o) I(R;L | O = o), L binned as for I(R;L), each object's term Panzeri-Treves "
                    + "corrected; small where I(R;L) only reflects object identity").build();
        }
        return new TabledResult(result, perUnit.table(), Columns.decomposition(summary.feature()));
    }

    /**
     * I(R;S) over the unit's views, in the luminance decomposition only: the contrast decomposition's I(R;S) is over
     * the covered views, a different quantity, so it stays in its table ({@code I(R;S)[C]}) rather than standing in
     * the summary under the same measure.
     */
    private static InformationSummary.Builder stimulusMedians(boolean luminance, DecompositionSummary summary) {
        InformationSummary.Builder medians = InformationSummary.newBuilder();
        if (luminance) {
            medians.addMedians(bits(InformationQuantity.INFORMATION_QUANTITY_STIMULUS, false, summary.stimulusPlugin()))
                    .addMedians(bits(InformationQuantity.INFORMATION_QUANTITY_STIMULUS, true,
                            summary.stimulusCorrected()))
                    .addMedians(bits(InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT, false,
                            summary.withinObjectPlugin()))
                    .addMedians(bits(InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT, true,
                            summary.withinObjectCorrected()));
        }
        return medians;
    }

    private static TabledResult invariant(AnalysisResult.Builder common, PerUnitSummaries perUnit,
                                          InformationSettings settings) {
        InvariantSummary summary = perUnit.invariant();
        AnalysisResult result = base(common, INVARIANT_INFORMATION, perUnit, settings,
                parameters -> parameters.setInvariantInformation(InvariantInformationParameters.newBuilder()
                        .setViews(views(perUnit.selection())).setInformation(information(settings))
                        .setLuminanceRatioThreshold(settings.luminanceRatioThreshold())))
                .putNotes("pair_average", "mean I_PT(R;O) / mean I_PT(R;S) over the kept pairs")
                .setInformation(InformationSummary.newBuilder()
                        .addMedians(bits(InformationQuantity.INFORMATION_QUANTITY_INVARIANT_OBJECT, true,
                                summary.objectCorrected()))
                        .addMedians(bits(InformationQuantity.INFORMATION_QUANTITY_STIMULUS_OVER_PAIRS, true,
                                summary.stimulusOverPairsCorrected()))
                        .addMedians(InformationResultMapping.median(
                                InformationQuantity.INFORMATION_QUANTITY_INVARIANT_FRACTION,
                                Correction.CORRECTION_PANZERI_TREVES, ValueUnit.VALUE_UNIT_FRACTION,
                                summary.invariantFraction()))
                        .addMedians(InformationResultMapping.median(InformationQuantity.INFORMATION_QUANTITY_KEPT_PAIRS,
                                Correction.CORRECTION_NONE, ValueUnit.VALUE_UNIT_COUNT, summary.keptPairs())))
                .build();
        return new TabledResult(result, perUnit.table(), Columns.invariant());
    }

    private static TabledResult significance(AnalysisResult.Builder common, PerUnitSummaries perUnit,
                                             InformationSettings settings) {
        SignificantShare share = perUnit.significance();
        SignificanceSummary.Builder summary = SignificanceSummary.newBuilder().setShare(share.share())
                .setSignificant(share.significant()).setTested(share.tested());
        if (share.tested() > 0) {
            summary.setShareError(Math.sqrt(share.share() * (1 - share.share()) / share.tested()))
                    .setHasShareError(true);
        }
        AnalysisResult result = base(common, SIGNIFICANCE, perUnit, settings,
                parameters -> parameters.setSignificance(SignificanceParameters.newBuilder()
                        .setViews(views(perUnit.selection())).setInformation(information(settings))
                        .setPermutations(settings.permutations())
                        .setSignificanceLevel(settings.significanceLevel())))
                .putNotes("statistic", "plug-in I(R;S) over the unit's conditions")
                .putNotes("p_value", "(1 + #null >= observed) / (1 + permutations)")
                .setSignificance(summary)
                .build();
        return new TabledResult(result, perUnit.table(), Columns.significance());
    }

    private static AnalysisResult.Builder base(AnalysisResult.Builder common, String estimator,
                                               PerUnitSummaries perUnit, InformationSettings settings,
                                               java.util.function.Consumer<EstimatorParameters.Builder> kind) {
        EstimatorParameters.Builder parameters = EstimatorParameters.newBuilder()
                .setUnitSampling(UnitSampleMapping.sampling(perUnit.selection().sample(), settings.maxUnits()))
                .setUnitInclusion(InformationResultMapping.inclusion(settings));
        kind.accept(parameters);
        return InformationResultMapping.keyed(common, estimator, parameters)
                .setUnits(InformationResultMapping.counts(perUnit.selection().sample(), perUnit.inclusion()))
                .putAllNotes(VIEW_NOTES);
    }

    /** The views and receptive fields, as every per-unit result records them. */
    static UnitViews views(UnitSelection selection) {
        UnitViews.Builder views = UnitViews.newBuilder()
                .setRule(rule(selection.byDefaultPosition()))
                .setMinConditionsPerUnit(selection.minConditions())
                .setMaxConditionsPerUnit(selection.maxConditions())
                .setTrialsPerCondition(selection.trials())
                .setRfMap(selection.rfMap())
                .setRfPositions(selection.rfPositions());
        Arrays.stream(selection.defaultPositions()).forEach(views::addDefaultPositions);
        return views.build();
    }

    static ViewRule rule(boolean byDefaultPosition) {
        return byDefaultPosition ? ViewRule.VIEW_RULE_POSITIONS_AND_NEARER_DEFAULT_POSITION
                : ViewRule.VIEW_RULE_ALL_CONDITIONS;
    }

    private static PerUnitInformationSettings information(InformationSettings settings) {
        return PerUnitInformationSettings.newBuilder().setBinning(Binning.BINNING_EQUIPOPULATED)
                .setResponseBins(settings.responseBins()).setBootstrapResamples(settings.bootstrapResamples())
                .setSeed(settings.seed()).build();
    }

    private static org.prunedistill.events.v1.InformationMedian bits(InformationQuantity quantity, boolean corrected,
            org.prunedistill.info.analysis.domain.FilteredMedian median) {
        return InformationResultMapping.median(quantity, corrected ? Correction.CORRECTION_PANZERI_TREVES
                : Correction.CORRECTION_PLUGIN, ValueUnit.VALUE_UNIT_BITS, median);
    }
}
