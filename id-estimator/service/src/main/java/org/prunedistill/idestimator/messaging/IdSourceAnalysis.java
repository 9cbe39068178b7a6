package org.prunedistill.idestimator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.idestimator.IntrinsicDimensionAnalysis;
import org.prunedistill.idestimator.mapping.ResultMapping;
import org.prunedistill.messaging.SourceAnalysis;
import org.prunedistill.messaging.StepProgress;

/** The adapter the shared activation consumer calls: the use case on the source, its records mapped to results. */
@ApplicationScoped
public class IdSourceAnalysis implements SourceAnalysis {

    @Inject
    IntrinsicDimensionAnalysis analysis;

    /** The adapter around a use case (for tests and the bounded-memory benchmark). */
    public static IdSourceAnalysis of(IntrinsicDimensionAnalysis analysis) {
        IdSourceAnalysis adapter = new IdSourceAnalysis();
        adapter.analysis = analysis;
        return adapter;
    }

    @Override
    public String name() {
        return IntrinsicDimensionAnalysis.NAME;
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source) {
        return analyse(manifest, source, StepProgress.NONE);
    }

    /** The analysis, telling {@code progress} each step and, over unit blocks, how many units are done. */
    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source, StepProgress progress) {
        return ResultMapping.toResults(manifest, analysis.analyse(source, manifest.getCommonUnits(), progress));
    }
}
