package org.prunedistill.infodecoder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.EquipopulatedBinning;
import org.prunedistill.info.Quartiles;
import org.prunedistill.info.UnitInformation;
import org.prunedistill.info.UnitInformationEstimator;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;
import org.prunedistill.infodecoder.domain.DecodingSummaries;
import org.prunedistill.infodecoder.domain.InformationSettings;
import org.prunedistill.infodecoder.domain.InformationSourceResult;
import org.prunedistill.infodecoder.domain.PerUnitSummaries;
import org.prunedistill.infodecoder.domain.PerUnitTable;
import org.prunedistill.infodecoder.domain.ReceptiveFields;
import org.prunedistill.infodecoder.domain.UnitSelection;
import org.prunedistill.infodecoder.domain.ViewSelection;
import org.prunedistill.infodecoder.domain.WholeSetInformation;

/**
 * Single-unit information and decoding of one source (SCIENCE.md 4-5). Records in (the activations, the condition
 * table, the receptive fields), records out ({@link InformationSourceResult});
 * {@code messaging.InformationSourceAnalysis} reads the inputs, stores the per-unit tables and maps the records to
 * eight results.
 *
 * <p>Over all conditions: for every unit, its responses over all trials are cut into equipopulated bins, and plug-in
 * and Panzeri-Treves corrected mutual information are computed about object identity ({@code I(R;object)}) and about
 * the condition's whole-image luminance ({@code I(R;luminance)}, itself cut into equipopulated bins over
 * conditions); quartiles over units.
 *
 * <p>The paper's per-unit quantities ({@link PaperQuantities}, SCIENCE.md 4.3-4.5): over each unit's views (the
 * position views plus those at the default position nearer its RF) with its RF luminance and contrast (whole image
 * when the manifest has no unit features), the luminance and the contrast decomposition with f_high, the invariant
 * object information and the permutation significance; medians with bootstrap standard errors
 * ({@link InformationSummaries}). Decoding of object pairs by single units and by pseudo-populations
 * ({@link Decoding}).
 *
 * <p>Memory: both information passes read the source a block of {@code pd.info.unit-block} units at a time, and the
 * decoding reads only its sampled units, so the heap holds one block ({@code unit-block x conditions x trials}
 * floats) and the per-unit results (about 200 bytes per unit), never the source.
 */
@ApplicationScoped
public class InformationAnalysis {

    /** The analysis name results, failures and metrics carry. */
    public static final String NAME = "information";

    @Inject
    EstimatorTimer timer;

    @Inject
    InfoDecoderConfig config;

    /**
     * Analyses one source.
     *
     * @param tensor     the verified activations (valid only during the call)
     * @param conditions the source's condition table, one row per condition of the tensor
     * @param fields     what each unit's receptive field sees
     * @throws IllegalArgumentException when the condition table does not fit the tensor
     */
    public InformationSourceResult analyse(SourceActivations tensor, List<StimulusCondition> conditions,
                                           ReceptiveFields fields) {
        if (conditions.size() != tensor.conditions()) {
            throw new IllegalArgumentException("stimulus metadata lists " + conditions.size()
                    + " conditions, the activations hold " + tensor.conditions());
        }
        InformationSettings settings = settings();
        List<WholeSetInformation> wholeSet = timer.time(NAME, "mutual-information",
                () -> wholeSet(tensor, conditions));
        ViewSelection views = ViewSelection.of(conditions);
        PaperQuantities.Computed computed = timer.time(NAME, "per-unit-quantities",
                () -> PaperQuantities.compute(tensor, conditions, fields, views, config));
        UnitSelection selection = selection(tensor, fields, views, computed);
        PerUnitSummaries perUnit = timer.time(NAME, "bootstrap-medians",
                () -> InformationSummaries.perUnit(computed, selection, settings));
        int[] decodedUnits = Decoding.unitsRead(tensor.units(), config);
        SourceTensor decodingUnits = tensor.gather(decodedUnits);
        DecodingSummaries decoding = timer.time(NAME, "decoding", () -> InformationSummaries.decoding(
                Decoding.compute(tensor.units(), tensor.trials(), unit -> decodingUnits.unitResponses(
                        Arrays.binarySearch(decodedUnits, unit), new double[tensor.conditions() * tensor.trials()]),
                        conditions, fields, views, config),
                views.defaultPositions().length > 0, Decoding.singleUnitSample(tensor.units(), config),
                Decoding.poolSample(tensor.units(), config), settings));
        return new InformationSourceResult(wholeSet, perUnit, decoding, settings);
    }

    /** The configuration as the results record it. */
    private InformationSettings settings() {
        InfoDecoderConfig.Decoding decoding = config.decoding();
        return new InformationSettings(config.responseBins(), config.luminanceBins(),
                config.luminanceRatioThreshold(), config.permutations(), config.significanceLevel(),
                config.bootstrapResamples(), config.seed(), config.maxUnits().orElse(0),
                new InformationSettings.Decoding(decoding.units(), decoding.pairsPerUnit(),
                        decoding.generalisationRepetitions(), decoding.folds(), decoding.chanceShuffles(),
                        decoding.populationPool(), decoding.populationSizes(), decoding.populationResamplings(),
                        decoding.populationPairs()));
    }

    /** The units and views the per-unit quantities rest on. */
    private static UnitSelection selection(SourceActivations tensor, ReceptiveFields fields, ViewSelection views,
                                           PaperQuantities.Computed computed) {
        int[] range = computed.conditionsPerUnit();
        return new UnitSelection(views.defaultPositions().length > 0, views.defaultPositions(), range[0], range[1],
                tensor.trials(), fields.map(), fields.positions(), computed.featureBins(), computed.sample());
    }

    /** I(R;object) and I(R;luminance) over all conditions and all units. */
    private List<WholeSetInformation> wholeSet(SourceActivations tensor, List<StimulusCondition> conditions) {
        int[] objectOfCondition = conditions.stream().mapToInt(StimulusCondition::object).toArray();
        double[] luminance = conditions.stream().mapToDouble(StimulusCondition::luminance).toArray();
        int[] luminanceOfCondition = EquipopulatedBinning.labels(luminance, config.luminanceBins());
        List<WholeSetInformation.Stimulus> stimuli = List.of(WholeSetInformation.Stimulus.OBJECT,
                WholeSetInformation.Stimulus.LUMINANCE);
        List<int[]> labels = List.of(perTrial(objectOfCondition, tensor.trials()),
                perTrial(luminanceOfCondition, tensor.trials()));
        UnitInformationEstimator estimator = UnitInformationEstimator.withDefaults()
                .withBins(config.responseBins());
        double[][] plugin = new double[stimuli.size()][tensor.units()];
        double[][] corrected = new double[stimuli.size()][tensor.units()];
        double[] responses = new double[tensor.conditions() * tensor.trials()];
        int blockSize = PaperQuantities.blockSize(config);
        for (int from = 0; from < tensor.units(); from += blockSize) {
            SourceTensor block = tensor.unitBlock(from, Math.min(tensor.units(), from + blockSize));
            for (int j = 0; j < block.units(); j++) {
                block.unitResponses(j, responses);
                ValidTrials valid = ValidTrials.of(responses);
                for (int q = 0; q < stimuli.size(); q++) {
                    UnitInformation information = estimator.estimatePluginAndPt(valid.responses(),
                            valid.labels(labels.get(q)));
                    plugin[q][from + j] = information.pluginBits();
                    corrected[q][from + j] = information.panzeriTrevesBits();
                }
            }
        }
        List<WholeSetInformation> results = new ArrayList<>();
        UnitSample every = UnitSample.all(tensor.units());
        for (int q = 0; q < stimuli.size(); q++) {
            PerUnitTable table = new PerUnitTable(tensor.units(), List.of(WholeSetInformation.PLUGIN,
                    WholeSetInformation.CORRECTED));
            for (int unit = 0; unit < tensor.units(); unit++) {
                table.set(WholeSetInformation.PLUGIN, unit, plugin[q][unit]);
                table.set(WholeSetInformation.CORRECTED, unit, corrected[q][unit]);
            }
            results.add(new WholeSetInformation(stimuli.get(q), Quartiles.of(plugin[q]), Quartiles.of(corrected[q]),
                    every, table));
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
}
