package org.prunedistill.infodecoder.mapping;

import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.SourceKeys;
import org.prunedistill.claimcheck.UnitSampleMapping;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Binning;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.InformationStimulus;
import org.prunedistill.events.v1.InformationSummary;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.ValueUnit;
import org.prunedistill.events.v1.WholeSetInformationParameters;
import org.prunedistill.info.MedianEstimate;
import org.prunedistill.info.Quartiles;
import org.prunedistill.infodecoder.InformationAnalysis;
import org.prunedistill.infodecoder.domain.InformationSettings;
import org.prunedistill.infodecoder.domain.InformationSourceResult;
import org.prunedistill.infodecoder.domain.WholeSetInformation;

/**
 * Maps one source's information records to eight typed results, each with its per-unit table to store
 * ({@link TabledResult}): {@code mutual-information-object} and {@code mutual-information-luminance} (quartiles over
 * every unit, plug-in and Panzeri-Treves), the four per-unit results of {@link PerUnitResultMapping} and the two
 * decoding results of {@link DecodingResultMapping}.
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
                .setInputSha256(ObjectKeys.sha256(manifest.toByteArray()))
                .setProvenance(Provenance.newBuilder()
                        .setProducer("info-decoder")
                        .setCodeVersion(CODE_VERSION)
                        .setCreatedAtMs(System.currentTimeMillis()));
        List<TabledResult> results = new ArrayList<>();
        for (WholeSetInformation wholeSet : found.wholeSet()) {
            results.add(wholeSet(common, wholeSet, found.settings()));
        }
        results.addAll(PerUnitResultMapping.toResults(common, found.perUnit(), found.settings()));
        results.addAll(DecodingResultMapping.toResults(common, found.decoding(), found.settings()));
        return results;
    }

    private static TabledResult wholeSet(AnalysisResult.Builder common, WholeSetInformation wholeSet,
                                         InformationSettings settings) {
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
                        .setWholeSetInformation(parameters))
                .setUnits(UnitSampleMapping.counts(wholeSet.sample()))
                .setInformation(InformationSummary.newBuilder()
                        .addMedians(quartiles(quantity, Correction.CORRECTION_PLUGIN, wholeSet.plugin()))
                        .addMedians(quartiles(quantity, Correction.CORRECTION_PANZERI_TREVES,
                                wholeSet.corrected())))
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

    /** A median over units with its bootstrap standard error (absent when NaN) and the units left out. */
    static InformationMedian median(InformationQuantity quantity, Correction correction, ValueUnit unit,
                                    MedianEstimate median) {
        InformationMedian.Builder value = InformationMedian.newBuilder().setQuantity(quantity)
                .setCorrection(correction).setUnit(unit).setMedian(median.median())
                .setUndefinedUnits(median.undefined());
        if (!Double.isNaN(median.standardError())) {
            value.setMedianError(median.standardError()).setHasMedianError(true);
        }
        return value.build();
    }

    private static InformationMedian quartiles(InformationQuantity quantity, Correction correction,
                                               Quartiles quartiles) {
        return InformationMedian.newBuilder().setQuantity(quantity).setCorrection(correction)
                .setUnit(ValueUnit.VALUE_UNIT_BITS).setMedian(quartiles.median()).setQ25(quartiles.q25())
                .setQ75(quartiles.q75()).setHasQuartiles(true).build();
    }
}
