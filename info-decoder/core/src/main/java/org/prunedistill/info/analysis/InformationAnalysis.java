package org.prunedistill.info.analysis;

import java.util.Arrays;
import java.util.List;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.analysis.domain.DecodingSummaries;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.InformationSourceResult;
import org.prunedistill.info.analysis.domain.PerUnitSummaries;
import org.prunedistill.info.analysis.domain.PerUnitTable;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.info.analysis.domain.UnitInclusion;
import org.prunedistill.info.analysis.domain.UnitSelection;
import org.prunedistill.info.analysis.domain.ViewSelection;
import org.prunedistill.info.analysis.domain.WholeSetInformation;

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
 * object information and the permutation significance, and which units count (responsive and informative,
 * SCIENCE.md 4.7, {@link UnitInclusion}); medians over the counted units with bootstrap standard errors and the
 * unfiltered medians beside them ({@link InformationSummaries}). Decoding of object pairs by single units and by
 * pseudo-populations drawn from the counted units ({@link Decoding}). The whole-set quartiles, too, are over the
 * counted units (those of the per-unit sample when {@code max-units} samples), with the median over every unit
 * beside them.
 *
 * <p>Memory: both information passes read the source a block of {@code pd.info.unit-block} units at a time, the next
 * block while the current one is computed, and the decoding reads only its sampled units, so the heap holds two
 * blocks ({@code unit-block x conditions x trials} floats each) and the per-unit results (about 200 bytes per unit),
 * never the source.
 */
public final class InformationAnalysis {

    /** The analysis name results, failures and metrics carry. */
    public static final String NAME = "information";

    private final StepTimer timer;
    private final InformationSettings settings;

    /**
     * @param settings every setting of the analysis (the service reads them from its configuration)
     * @param timer    told how long each step took
     */
    public InformationAnalysis(InformationSettings settings, StepTimer timer) {
        this.timer = timer;
        this.settings = settings;
    }

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
        return analyse(tensor, conditions, fields, AnalysisProgress.NONE);
    }

    /**
     * Analyses one source, saying which step it is at and how many units of it are done.
     *
     * @param tensor     the verified activations (valid only during the call)
     * @param conditions the source's condition table, one row per condition of the tensor
     * @param fields     what each unit's receptive field sees
     * @param progress   told each step and its units done, as they go
     * @throws IllegalArgumentException when the condition table does not fit the tensor
     */
    public InformationSourceResult analyse(SourceActivations tensor, List<StimulusCondition> conditions,
                                           ReceptiveFields fields, AnalysisProgress progress) {
        if (conditions.size() != tensor.conditions()) {
            throw new IllegalArgumentException("stimulus metadata lists " + conditions.size()
                    + " conditions, the activations hold " + tensor.conditions());
        }
        double[][][] wholeSet = timer.time("mutual-information", () -> WholeSetQuantities.compute(tensor, conditions,
                settings, UnitBlocks.Reading.AHEAD, progress));
        ViewSelection views = ViewSelection.of(conditions);
        PaperQuantities.Computed computed = timer.time("per-unit-quantities",
                () -> PaperQuantities.compute(tensor, conditions, fields, views, settings, progress));
        UnitSelection selection = selection(tensor, fields, views, computed);
        UnitInclusion inclusion = UnitInclusion.of(settings.unitFilter(), computed.table());
        progress.step("medians and their bootstrap errors", 0, 0);
        PerUnitSummaries perUnit = timer.time("bootstrap-medians",
                () -> InformationSummaries.perUnit(computed, selection, inclusion, settings));
        int[] counted = inclusion.countedUnits(tensor.units());
        UnitSample singleUnits = Decoding.singleUnitSample(counted, tensor.units(), settings);
        UnitSample pool = Decoding.poolSample(counted, tensor.units(), settings);
        int[] decodedUnits = Decoding.unitsRead(singleUnits, pool);
        SourceTensor decodingUnits = tensor.gather(decodedUnits);
        DecodingSummaries decoding = timer.time("decoding", () -> InformationSummaries.decoding(
                Decoding.compute(singleUnits, pool, tensor.trials(), unit -> decodingUnits.unitResponses(
                        Arrays.binarySearch(decodedUnits, unit), new double[tensor.conditions() * tensor.trials()]),
                        conditions, fields, views, settings, progress),
                views.defaultPositions().length > 0, singleUnits, pool, settings));
        List<WholeSetInformation> wholeSetResults = List.of(
                InformationSummaries.wholeSet(WholeSetInformation.Stimulus.OBJECT, wholeSet[0][0], wholeSet[0][1],
                        counted),
                InformationSummaries.wholeSet(WholeSetInformation.Stimulus.LUMINANCE, wholeSet[1][0], wholeSet[1][1],
                        counted));
        return new InformationSourceResult(wholeSetResults, perUnit, decoding, settings);
    }

    /** The units and views the per-unit quantities rest on. */
    private static UnitSelection selection(SourceActivations tensor, ReceptiveFields fields, ViewSelection views,
                                           PaperQuantities.Computed computed) {
        int[] range = computed.conditionsPerUnit();
        return new UnitSelection(views.defaultPositions().length > 0, views.defaultPositions(), range[0], range[1],
                tensor.trials(), fields.map(), fields.positions(), computed.featureBins(), computed.sample());
    }
}
