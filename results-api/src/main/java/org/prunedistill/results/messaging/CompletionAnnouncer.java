package org.prunedistill.results.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.prunedistill.events.v1.RunCompleted;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.domain.RunState;

/**
 * Publishes {@code RunCompleted} when the catalog sees a run's last result, unless the run log holds it already
 * ({@link RunCatalog#onCompletion}). Completion is derived state, so the event is informational; it is stamped with
 * the time of the run's last change, not the time of announcing, so that an announcement made again (by a second
 * instance, or after a restart that found none) changes nothing about the run.
 */
@Startup
@ApplicationScoped
public class CompletionAnnouncer {

    private static final Logger LOG = Logger.getLogger(CompletionAnnouncer.class);

    @Inject
    RunCatalog catalog;

    @Inject
    @Channel("run-events-out")
    Emitter<Record<String, byte[]>> emitter;

    @PostConstruct
    void register() {
        catalog.onCompletion(this::announce);
    }

    private void announce(RunState run) {
        RunEvent event = RunEvent.newBuilder()
                .setRunId(run.runId())
                .setTimestampMs(run.updatedAtMs())
                .setProducer("results-api")
                .setCompleted(RunCompleted.newBuilder()
                        .setResults(run.resultCount())
                        .setFailedAnalyses(run.failedAnalyses()))
                .build();
        // Not awaited: this runs on the consumer's thread, which must not block.
        emitter.send(Record.of(run.runId(), event.toByteArray())).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warnf("run %s: could not publish its completion: %s", run.runId(), failure.getMessage());
            }
        });
        LOG.infof("run %s completed: %d results, %d failed analyses", run.runId(), run.resultCount(),
                run.failedAnalyses());
    }
}
