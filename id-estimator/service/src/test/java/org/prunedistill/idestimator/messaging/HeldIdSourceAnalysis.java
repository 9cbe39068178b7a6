package org.prunedistill.idestimator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.StepProgress;

/**
 * id-estimator's own analysis, held for the sources of one run until the test releases it: an analysis as long as the
 * test wants, without a computation that long. Counts how often each source is analysed. Enabled only by the test
 * profiles that name it.
 */
@Alternative
@ApplicationScoped
public class HeldIdSourceAnalysis extends IdSourceAnalysis {

    /** The run whose sources are held. */
    public static final String HELD_RUN = "long-analysis";
    /** Never hold longer than this, so that a failing test cannot hang the build. */
    private static final Duration AT_MOST = Duration.ofMinutes(5);

    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, AtomicInteger> analyses = new ConcurrentHashMap<>();
    private volatile Instant heldSince;

    /** The overload the consumer calls (the other one comes here too). */
    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source, StepProgress progress) {
        analyses.computeIfAbsent(SourceKeys.sourceKey(manifest.getSource()), key -> new AtomicInteger())
                .incrementAndGet();
        if (manifest.getSource().getRunId().equals(HELD_RUN)) {
            heldSince = Instant.now();
            try {
                released.await(AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }
        return super.analyse(manifest, source, progress);
    }

    /** When the held analysis began, or null before. */
    public Instant heldSince() {
        return heldSince;
    }

    public void release() {
        released.countDown();
    }

    /** How often the source with this key has been analysed. */
    public int analyses(String sourceKey) {
        AtomicInteger count = analyses.get(sourceKey);
        return count == null ? 0 : count.get();
    }
}
