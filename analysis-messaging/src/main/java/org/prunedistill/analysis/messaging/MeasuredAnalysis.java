package org.prunedistill.analysis.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.messaging.SourceAnalysis;
import org.prunedistill.messaging.StepProgress;

/**
 * A service's analysis with Prometheus metrics: {@code pd_analysis_seconds} per analysis and outcome, and
 * {@code pd_analysis_tensor_bytes_total}, the activation bytes analysed (float32 size of each source's shape,
 * whether it was read from memory or from its spill file).
 */
final class MeasuredAnalysis implements SourceAnalysis {

    private final SourceAnalysis analysis;
    private final MeterRegistry registry;
    private final Counter bytes;

    MeasuredAnalysis(SourceAnalysis analysis, MeterRegistry registry) {
        this.analysis = analysis;
        this.registry = registry;
        this.bytes = Counter.builder("pd.analysis.tensor.bytes").baseUnit("bytes").tag("analysis", analysis.name())
                .description("activation bytes redeemed from the claim check and analysed").register(registry);
    }

    @Override
    public String name() {
        return analysis.name();
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source) {
        return analyse(manifest, source, StepProgress.NONE);
    }

    @Override
    public List<String> cautions(SourceManifest manifest) {
        return analysis.cautions(manifest);
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source, StepProgress progress) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            List<AnalysisResult> results = analysis.analyse(manifest, source, progress);
            outcome = "success";
            bytes.increment(source.bytes());
            return results;
        } finally {
            sample.stop(Timer.builder("pd.analysis").description("time to analyse one source")
                    .tag("analysis", analysis.name()).tag("outcome", outcome).register(registry));
        }
    }
}
