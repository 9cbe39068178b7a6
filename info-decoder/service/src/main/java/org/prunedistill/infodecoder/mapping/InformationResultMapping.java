package org.prunedistill.infodecoder.mapping;

import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Binning;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.InformationStimulus;
import org.prunedistill.events.v1.InformationSummary;
import org.prunedistill.events.v1.NotEvaluatedReason;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.UnitCounts;
import org.prunedistill.events.v1.ValueUnit;
import org.prunedistill.events.v1.WholeSetInformationParameters;
import org.prunedistill.info.MedianEstimate;
import org.prunedistill.info.Quartiles;
import org.prunedistill.info.analysis.InformationAnalysis;
import org.prunedistill.info.analysis.domain.FilteredMedian;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.InformationSourceResult;
import org.prunedistill.info.analysis.domain.UnitFilter;
import org.prunedistill.info.analysis.domain.UnitInclusion;
import org.prunedistill.info.analysis.domain.WholeSetInformation;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.UnitSampleMapping;

/**
 * Maps one source's information records to eight typed results, each with its per-unit table to store
 * ({@link TabledResult}): {@code mutual-information-object} and {@code mutual-information-luminance} (quartiles over
 * the counted units and the median over every unit, plug-in and Panzeri-Treves), the four per-unit results of
 * {@link PerUnitResultMapping} and the two decoding results of {@link DecodingResultMapping}. Every result records the
 * unit rule and filter (SCIENCE.md 4.7) among its parameters and how the judged units fared in its unit counts.
 */
public final class InformationResultMapping {

    public static final String OBJECT_INFORMATION = "mutual-information-object";
    public static final String LUMINANCE_INFORMATION = "mutual-information-luminance";
    private static final String CODE_VERSION = InformationResultMapping.class.getPackage()
            .getImplementationVersion() == null ? "dev"
            : InformationResultMapping.class.getPackage().getImplementationVersion();

    private InformationResultMapping() {
    }

    /** The results, whole-set first, then the per-unit quantities, then decoding. */
    public static List<TabledResult> toResults(SourceManifest manifest, InformationSourceResult found) {
        AnalysisResult.Builder common = AnalysisResult.newBuilder()
                .setSource(manifest.getSource())
                .setAnalysis(InformationAnalysis.NAME)
                .setInputSha256(Sha256.hex(manifest.toByteArray()))
                .setProvenance(Provenance.newBuilder()
                        .setProducer("info-decoder")
                        .setCodeVersion(CODE_VERSION)
                        .setCreatedAtMs(System.currentTimeMillis()));
        List<TabledResult> results = new ArrayList<>();
        UnitInclusion inclusion = found.perUnit().inclusion();
        for (WholeSetInformation wholeSet : found.wholeSet()) {
            results.add(wholeSet(common, wholeSet, inclusion, found.settings()));
        }
        results.addAll(PerUnitResultMapping.toResults(common, found.perUnit(), found.settings()));
        results.addAll(DecodingResultMapping.toResults(common, found.decoding(), inclusion, found.settings()));
        return results;
    }

    private static TabledResult wholeSet(AnalysisResult.Builder common, WholeSetInformation wholeSet,
                                         UnitInclusion inclusion, InformationSettings settings) {
        boolean object = wholeSet.stimulus() == WholeSetInformation.Stimulus.OBJECT;
        InformationQuantity quantity = object ? InformationQuantity.INFORMATION_QUANTITY_OBJECT
                : InformationQuantity.INFORMATION_QUANTITY_LUMINANCE;
        WholeSetInformationParameters.Builder parameters = WholeSetInformationParameters.newBuilder()
                .setStimulus(object ? InformationStimulus.INFORMATION_STIMULUS_OBJECT
                        : InformationStimulus.INFORMATION_STIMULUS_LUMINANCE)
                .setBinning(Binning.BINNING_EQUIPOPULATED)
                .setResponseBins(settings.responseBins());
        if (!object) {
            parameters.setLuminanceBins(settings.luminanceBins());
        }
        AnalysisResult result = keyed(common, object ? OBJECT_INFORMATION : LUMINANCE_INFORMATION,
                EstimatorParameters.newBuilder()
                        .setUnitSampling(UnitSampleMapping.sampling(wholeSet.sample(), 0))
                        .setUnitInclusion(inclusion(settings))
                        .setWholeSetInformation(parameters))
                .setUnits(counts(wholeSet.sample(), inclusion))
                .putNotes("counted_units", "with the included filter, the included units of the per-unit sample")
                .setInformation(InformationSummary.newBuilder()
                        .addMedians(quartiles(quantity, Correction.CORRECTION_PLUGIN, wholeSet.plugin(),
                                wholeSet.unfilteredPlugin()))
                        .addMedians(quartiles(quantity, Correction.CORRECTION_PANZERI_TREVES,
                                wholeSet.corrected(), wholeSet.unfilteredCorrected())))
                .build();
        return new TabledResult(result, wholeSet.table(), Columns.wholeSet(quantity));
    }

    /** A copy of the common fields with the estimator, its parameters and the key they make. */
    static AnalysisResult.Builder keyed(AnalysisResult.Builder common, String estimator,
                                        EstimatorParameters.Builder parameters) {
        EstimatorParameters built = parameters.build();
        return common.clone()
                .setResultKey(SourceKeys.resultKey(common.getSource(), InformationAnalysis.NAME, estimator, built))
                .setEstimator(estimator)
                .setParameters(built);
    }

    /**
     * A median over the counted units with its bootstrap standard error (absent when NaN), the units left out, and
     * the unfiltered median beside it (absent when NaN).
     */
    static InformationMedian median(InformationQuantity quantity, Correction correction, ValueUnit unit,
                                    FilteredMedian filtered) {
        MedianEstimate median = filtered.median();
        InformationMedian.Builder value = InformationMedian.newBuilder().setQuantity(quantity)
                .setCorrection(correction).setUnit(unit).setMedian(median.median())
                .setUndefinedUnits(median.undefined());
        if (!Double.isNaN(median.standardError())) {
            value.setMedianError(median.standardError()).setHasMedianError(true);
        }
        return unfiltered(value, filtered.unfiltered()).build();
    }

    private static InformationMedian quartiles(InformationQuantity quantity, Correction correction,
                                               Quartiles quartiles, double unfiltered) {
        return unfiltered(InformationMedian.newBuilder().setQuantity(quantity).setCorrection(correction)
                .setUnit(ValueUnit.VALUE_UNIT_BITS).setMedian(quartiles.median()).setQ25(quartiles.q25())
                .setQ75(quartiles.q75()).setHasQuartiles(true), unfiltered).build();
    }

    private static InformationMedian.Builder unfiltered(InformationMedian.Builder median, double unfiltered) {
        return Double.isNaN(unfiltered) ? median : median.setUnfilteredMedian(unfiltered).setHasUnfilteredMedian(true);
    }

    /** The unit rule and filter of SCIENCE.md 4.7, as every information result records it. */
    static org.prunedistill.events.v1.UnitInclusion inclusion(InformationSettings settings) {
        return org.prunedistill.events.v1.UnitInclusion.newBuilder()
                .setFilter(settings.unitFilter() == UnitFilter.ALL
                        ? org.prunedistill.events.v1.UnitFilter.UNIT_FILTER_ALL
                        : org.prunedistill.events.v1.UnitFilter.UNIT_FILTER_INCLUDED)
                .setMinObjectCoverage(settings.minObjectCoverage())
                .setPermutations(settings.permutations())
                .setSignificanceLevel(settings.significanceLevel())
                .build();
    }

    /** The source's and the sample's units, how the judged units fared, and why none counts (if so). */
    static UnitCounts counts(UnitSample analysed, UnitInclusion inclusion) {
        return UnitSampleMapping.counts(analysed).toBuilder()
                .setResponsive(inclusion.responsiveCount())
                .setInformative(inclusion.informativeCount())
                .setIncluded(inclusion.includedCount())
                .setNotEvaluatedReason(switch (inclusion.notEvaluated()) {
                    case EVALUATED -> NotEvaluatedReason.NOT_EVALUATED_REASON_UNSPECIFIED;
                    case NO_RESPONSIVE_UNIT -> NotEvaluatedReason.NOT_EVALUATED_REASON_NO_RESPONSIVE_UNIT;
                    case NO_INFORMATIVE_UNIT -> NotEvaluatedReason.NOT_EVALUATED_REASON_NO_INFORMATIVE_UNIT;
                    case NO_INCLUDED_UNIT -> NotEvaluatedReason.NOT_EVALUATED_REASON_NO_INCLUDED_UNIT;
                })
                .build();
    }
}
