package org.prunedistill.infodecoder.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.info.analysis.InformationAnalysis;
import org.prunedistill.info.analysis.domain.InformationSourceResult;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.infodecoder.mapping.InformationResultMapping;
import org.prunedistill.infodecoder.mapping.TabledResult;
import org.prunedistill.infodecoder.storage.ResultTableStore;
import org.prunedistill.infodecoder.storage.UnitFeaturesReader;
import org.prunedistill.messaging.SourceAnalysis;
import org.prunedistill.messaging.StepProgress;

/**
 * The adapter the shared activation consumer calls: redeems the manifest's condition table and unit features, runs
 * the use case on the source, stores each result's per-unit table and returns the mapped results.
 */
@ApplicationScoped
public class InformationSourceAnalysis implements SourceAnalysis {

    /** The caution of a source with one trial per condition. */
    public static final String ONE_TRIAL = "one trial per condition: every permutation of the condition labels "
            + "leaves a unit's information unchanged, so every permutation p-value is 1, no unit is significantly "
            + "informative and the results that count only informative units have none; record repeated trials, or "
            + "make them with pixel noise (the extractor makes 10 a condition by default)";

    @Inject
    InformationAnalysis analysis;

    @Inject
    ObjectStore store;

    /** The adapter around a use case and a store (for tests and the bounded-memory benchmark). */
    public static InformationSourceAnalysis of(InformationAnalysis analysis, ObjectStore store) {
        InformationSourceAnalysis adapter = new InformationSourceAnalysis();
        adapter.analysis = analysis;
        adapter.store = store;
        return adapter;
    }

    @Override
    public String name() {
        return InformationAnalysis.NAME;
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source) {
        return analyse(manifest, source, StepProgress.NONE);
    }

    /**
     * One trial per condition: each condition's response is alone in its cell of the response table, so every
     * permutation of the condition labels gives the observed plug-in information and every p-value is 1.
     */
    @Override
    public List<String> cautions(SourceManifest manifest) {
        List<Long> shape = manifest.getTotalShapeList();
        if (shape.size() == 3 && shape.get(1) == 1) {
            return List.of(ONE_TRIAL);
        }
        return List.of();
    }

    /** The analysis, telling {@code progress} each step and how many units of it are done. */
    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source, StepProgress progress) {
        List<StimulusCondition> conditions = ConditionTable.fromJson(store.fetch(manifest.getStimulusMetadata()),
                manifest.getStimulusMetadata().getKey());
        ReceptiveFields fields = UnitFeaturesReader.read(manifest, conditions, store);
        InformationSourceResult found = analysis.analyse(source, conditions, fields, progress::step);
        ResultTableStore tables = new ResultTableStore(store);
        List<AnalysisResult> results = new ArrayList<>();
        for (TabledResult result : InformationResultMapping.toResults(manifest, found)) {
            results.add(result.withTable(tables.store(result.table(), result.labels())));
        }
        return results;
    }
}
