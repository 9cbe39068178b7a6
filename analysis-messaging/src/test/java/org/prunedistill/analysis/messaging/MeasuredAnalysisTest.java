package org.prunedistill.analysis.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.messaging.SourceAnalysis;
import org.prunedistill.messaging.StepProgress;

class MeasuredAnalysisTest {

    /** Reports two steps of its own, as the analysers do. */
    private static final SourceAnalysis STEPPING = new SourceAnalysis() {
        @Override
        public String name() {
            return "stepping";
        }

        @Override
        public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source) {
            return analyse(manifest, source, StepProgress.NONE);
        }

        @Override
        public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source,
                                            StepProgress progress) {
            progress.step("units", 1, 2);
            progress.step("units", 2, 2);
            return List.of();
        }
    };

    @Test
    void passesTheAnalysisStepsOnToTheHeartbeatAndCountsTheSource() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> steps = new ArrayList<>();
        new MeasuredAnalysis(STEPPING, registry).analyse(SourceManifest.getDefaultInstance(),
                new SourceTensor(1, 1, 2, new float[2]), (step, done, total) -> steps.add(step + " " + done + "/"
                        + total));
        assertEquals(List.of("units 1/2", "units 2/2"), steps);
        assertEquals(1, registry.get("pd.analysis").tag("outcome", "success").timer().count());
    }
}
