package org.prunedistill.analysis.messaging;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.messaging.EventPublisher;

/** Publishes results (keyed by result key) and run events (keyed by run id), waiting for Kafka's acknowledgement. */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    private static final long ACK_TIMEOUT_SECONDS = 60;

    @Inject
    @Channel("results")
    Emitter<Record<String, byte[]>> results;

    @Inject
    @Channel("run-events")
    Emitter<Record<String, byte[]>> runEvents;

    @Override
    public void publishResult(AnalysisResult result) {
        results.send(Record.of(result.getResultKey(), result.toByteArray()))
                .toCompletableFuture().orTimeout(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Override
    public void publishRunEvent(RunEvent event) {
        runEvents.send(Record.of(event.getRunId(), event.toByteArray()))
                .toCompletableFuture().orTimeout(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
}
