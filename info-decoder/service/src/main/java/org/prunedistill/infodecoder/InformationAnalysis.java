package org.prunedistill.infodecoder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceAnalysis;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.info.EquipopulatedBinning;
import org.prunedistill.info.UnitInformation;
import org.prunedistill.info.UnitInformationEstimator;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;
import org.prunedistill.infodecoder.mapping.ResultMapping;

/**
 * Single-unit information of one source (SCIENCE.md 4.1-4.3): for every unit, its responses over all trials of all
 * conditions are cut into equipopulated bins, and plug-in and Panzeri-Treves corrected mutual information are
 * computed about object identity and about the condition's luminance (itself cut into equipopulated bins over
 * conditions). Published per source as medians and quartiles over units, with the per-unit table as a claim check.
 */
@ApplicationScoped
public class InformationAnalysis implements SourceAnalysis {

    @Inject
    InfoDecoderConfig config;

    @Inject
    ObjectStore store;

    @Override
    public String name() {
        return ResultMapping.ANALYSIS;
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceTensor tensor) {
        List<StimulusCondition> conditions = ConditionTable.fromJson(store.fetch(manifest.getStimulusMetadata()),
                manifest.getStimulusMetadata().getKey());
        if (conditions.size() != tensor.conditions()) {
            throw new IllegalArgumentException("stimulus metadata lists " + conditions.size()
                    + " conditions, the activations hold " + tensor.conditions());
        }
        int[] objectOfCondition = conditions.stream().mapToInt(StimulusCondition::object).toArray();
        double[] luminance = conditions.stream().mapToDouble(StimulusCondition::luminance).toArray();
        int[] luminanceOfCondition = EquipopulatedBinning.labels(luminance, config.luminanceBins());

        List<Quantity> quantities = List.of(
                new Quantity("I(R;object)", "object", perTrial(objectOfCondition, tensor.trials())),
                new Quantity("I(R;luminance)", "luminance", perTrial(luminanceOfCondition, tensor.trials())));
        UnitInformationEstimator estimator = UnitInformationEstimator.withDefaults()
                .withBins(config.responseBins());
        double[][] plugin = new double[quantities.size()][tensor.units()];
        double[][] corrected = new double[quantities.size()][tensor.units()];
        double[] responses = new double[tensor.conditions() * tensor.trials()];
        for (int unit = 0; unit < tensor.units(); unit++) {
            tensor.unitResponses(unit, responses);
            for (int q = 0; q < quantities.size(); q++) {
                UnitInformation information = estimator.estimatePluginAndPt(responses, quantities.get(q).labels());
                plugin[q][unit] = information.pluginBits();
                corrected[q][unit] = information.panzeriTrevesBits();
            }
        }
        List<AnalysisResult> results = new ArrayList<>();
        for (int q = 0; q < quantities.size(); q++) {
            results.add(ResultMapping.toResult(manifest, quantities.get(q).name(), quantities.get(q).stimulus(),
                    plugin[q], corrected[q], config, store));
        }
        return results;
    }

    /** Condition labels repeated for each trial, in the tensor's condition-major order. */
    private static int[] perTrial(int[] labelOfCondition, int trials) {
        int[] labels = new int[labelOfCondition.length * trials];
        for (int row = 0; row < labels.length; row++) {
            labels[row] = labelOfCondition[row / trials];
        }
        return labels;
    }

    private record Quantity(String name, String stimulus, int[] labels) {
    }
}
