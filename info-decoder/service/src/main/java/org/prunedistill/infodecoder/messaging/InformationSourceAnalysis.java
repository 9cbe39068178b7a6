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
