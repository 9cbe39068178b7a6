package org.prunedistill.analysis.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Processing time per estimator, as the Prometheus timer {@code pd_estimator_seconds} with the tags analysis and
 * estimator, next to {@code pd_analysis_seconds} per source: which estimator a slow source spends its time in.
 */
@ApplicationScoped
public class EstimatorTimer {

    @Inject
    MeterRegistry registry;

    /** A timer on the given registry, outside CDI (tests). */
    public static EstimatorTimer on(MeterRegistry registry) {
        EstimatorTimer timer = new EstimatorTimer();
        timer.registry = registry;
        return timer;
    }

    /** Records a duration already measured (for example by a numerics library, as a result field). */
    public void record(String analysis, String estimator, long nanos) {
        timer(analysis, estimator).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs and times one estimator. */
    public <T> T time(String analysis, String estimator, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            record(analysis, estimator, System.nanoTime() - start);
        }
    }

    private Timer timer(String analysis, String estimator) {
        return Timer.builder("pd.estimator").description("time one estimator spends on one source")
                .tag("analysis", analysis).tag("estimator", estimator).register(registry);
    }
}
