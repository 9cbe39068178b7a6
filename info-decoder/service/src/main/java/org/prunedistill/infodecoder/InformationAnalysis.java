package org.prunedistill.infodecoder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceAnalysis;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.info.EquipopulatedBinning;
import org.prunedistill.info.UnitInformation;
import org.prunedistill.info.UnitInformationEstimator;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;
import org.prunedistill.infodecoder.domain.ReceptiveFields;
import org.prunedistill.infodecoder.domain.ViewSelection;
import org.prunedistill.infodecoder.mapping.DecodingResultMapping;
import org.prunedistill.infodecoder.mapping.PaperResultMapping;
import org.prunedistill.infodecoder.mapping.ResultMapping;
import org.prunedistill.infodecoder.storage.UnitFeaturesReader;

/**
 * Single-unit information and decoding of one source (SCIENCE.md 4-5), published as eight results.
 *
 * <p>Over all conditions: for every unit, its responses over all trials are cut into equipopulated bins, and plug-in
 * and Panzeri-Treves corrected mutual information are computed about object identity ({@code I(R;object)}) and about
 * the condition's whole-image luminance ({@code I(R;luminance)}, itself cut into equipopulated bins over
 * conditions); medians and quartiles over units.
 *
 * <p>The paper's per-unit quantities ({@link PaperQuantities}, SCIENCE.md 4.3-4.5): over each unit's views (the
 * position views plus those at the default position nearer its RF) with its RF luminance and contrast from the
 * manifest's unit features (whole image when absent), the luminance and the contrast decomposition with f_high, the
 * invariant object information and the permutation significance; medians with bootstrap standard errors
 * ({@link PaperResultMapping}). Decoding of object pairs by single units and by pseudo-populations ({@link Decoding},
 * {@link DecodingResultMapping}). Every result holds its per-unit table as a claim check.
 *
 * <p>Memory: both information passes read the source a block of {@code pd.info.unit-block} units at a time, and the
 * decoding reads only its sampled units, so the heap holds one block ({@code unit-block x conditions x trials}
 * floats) and the per-unit results (about 200 bytes per unit), never the source.
 */
@ApplicationScoped
public class InformationAnalysis implements SourceAnalysis {

    @Inject
    EstimatorTimer timer;

    @Inject
    InfoDecoderConfig config;

    @Inject
    ObjectStore store;

    @Override
    public String name() {
        return ResultMapping.ANALYSIS;
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations tensor) {
        List<StimulusCondition> conditions = ConditionTable.fromJson(store.fetch(manifest.getStimulusMetadata()),
                manifest.getStimulusMetadata().getKey());
        if (conditions.size() != tensor.conditions()) {
            throw new IllegalArgumentException("stimulus metadata lists " + conditions.size()
                    + " conditions, the activations hold " + tensor.conditions());
        }
        List<AnalysisResult> results = new ArrayList<>(timer.time(name(), "mutual-information",
                () -> wholeSetResults(manifest, tensor, conditions)));
        ReceptiveFields fields = UnitFeaturesReader.read(manifest, conditions, store);
        ViewSelection views = ViewSelection.of(conditions);
        PaperQuantities.Computed computed = timer.time(name(), "per-unit-quantities",
                () -> PaperQuantities.compute(tensor, conditions, fields, views, config));
        results.addAll(timer.time(name(), "bootstrap-medians", () -> PaperResultMapping.toResults(manifest,
                computed.table(), commonParameters(tensor, fields, views, computed), computed.featureBins(), config,
                store)));
        int[] decodedUnits = Decoding.unitsRead(tensor.units(), config);
        SourceTensor decodingUnits = tensor.gather(decodedUnits);
        Decoding.Computed decoded = timer.time(name(), "decoding", () -> Decoding.compute(tensor.units(),
                tensor.trials(), unit -> decodingUnits.unitResponses(Arrays.binarySearch(decodedUnits, unit),
                        new double[tensor.conditions() * tensor.trials()]), conditions, fields, views, config));
        results.addAll(DecodingResultMapping.toResults(manifest, decoded.singleUnits(),
                Decoding.columns().subList(3, Decoding.columns().size()), decoded.population(),
                decoded.populationPairs(), decodingParameters(tensor, views, decoded), config, store));
        return results;
    }

    /** Every setting and selection behind the two decoding results. */
    private Map<String, String> decodingParameters(SourceActivations tensor, ViewSelection views,
            Decoding.Computed decoded) {
        InfoDecoderConfig.Decoding settings = config.decoding();
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("views", views.rule());
        parameters.put("luminance_ratio_threshold", Double.toString(config.luminanceRatioThreshold()));
        parameters.put("units_in_source", Integer.toString(tensor.units()));
        parameters.put("units_decoded", Integer.toString(decoded.singleUnits().rows()));
        parameters.put("pairs_per_unit", Integer.toString(settings.pairsPerUnit()));
        parameters.put("generalisation_repetitions", Integer.toString(settings.generalisationRepetitions()));
        parameters.put("folds", Integer.toString(settings.folds()));
        parameters.put("chance", "object labels shuffled within each view, " + settings.chanceShuffles()
                + " shuffles (single unit), 1 (population)");
        parameters.put("population_pool_units", Integer.toString(decoded.poolUnits()));
        parameters.put("population_conditions", Integer.toString(decoded.poolConditions()));
        parameters.put("population_sizes", settings.populationSizes().stream().map(String::valueOf)
                .collect(Collectors.joining(",")));
        parameters.put("population_folds", Integer.toString(decoded.populationFolds()));
        parameters.put("population_resamplings", Integer.toString(settings.populationResamplings()));
        parameters.put("seed", Long.toString(config.seed()));
        return parameters;
    }

    /** I(R;object) and I(R;luminance) over all conditions and all units. */
    private List<AnalysisResult> wholeSetResults(SourceManifest manifest, SourceActivations tensor,
            List<StimulusCondition> conditions) {
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
        int blockSize = PaperQuantities.blockSize(config);
        for (int from = 0; from < tensor.units(); from += blockSize) {
            SourceTensor block = tensor.unitBlock(from, Math.min(tensor.units(), from + blockSize));
            for (int j = 0; j < block.units(); j++) {
                block.unitResponses(j, responses);
                ValidTrials valid = ValidTrials.of(responses);
                for (int q = 0; q < quantities.size(); q++) {
                    UnitInformation information = estimator.estimatePluginAndPt(valid.responses(),
                            valid.labels(quantities.get(q).labels()));
                    plugin[q][from + j] = information.pluginBits();
                    corrected[q][from + j] = information.panzeriTrevesBits();
                }
            }
        }
        List<AnalysisResult> results = new ArrayList<>();
        Map<String, String> sample = UnitSample.all(tensor.units()).parameters();
        for (int q = 0; q < quantities.size(); q++) {
            results.add(ResultMapping.toResult(manifest, quantities.get(q).name(), quantities.get(q).stimulus(),
                    plugin[q], corrected[q], sample, config, store));
        }
        return results;
    }

    /** What every paper-quantity result shares: selection, receptive fields, binning, sampling and bootstrap. */
    private Map<String, String> commonParameters(SourceActivations tensor, ReceptiveFields fields, ViewSelection views,
            PaperQuantities.Computed computed) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("views", views.rule());
        parameters.put("default_positions", Arrays.stream(views.defaultPositions()).mapToObj(Double::toString)
                .collect(Collectors.joining(",")));
        parameters.put("view_tie_rule", "leftmost default position (also for an unknown RF azimuth)");
        int[] range = computed.conditionsPerUnit();
        parameters.put("conditions_per_unit", range[0] == range[1] ? Integer.toString(range[0])
                : range[0] + ".." + range[1]);
        parameters.put("trials_per_condition", Integer.toString(tensor.trials()));
        parameters.put("rf_map", fields.map());
        parameters.put("rf_positions", Integer.toString(fields.positions()));
        parameters.put("binning", "equipopulated");
        parameters.put("response_bins", Integer.toString(config.responseBins()));
        parameters.put("correction", "panzeri-treves (bayesian bin count)");
        parameters.putAll(computed.sample().parameters());
        parameters.put("max_units", config.maxUnits().map(String::valueOf).orElse("all"));
        parameters.put("seed", Long.toString(config.seed()));
        parameters.put("bootstrap_resamples", Integer.toString(config.bootstrapResamples()));
        return parameters;
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
