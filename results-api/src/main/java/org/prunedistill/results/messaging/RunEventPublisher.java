package org.prunedistill.results.messaging;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.prunedistill.events.v1.RunEvent;

/** Publishes run lifecycle events, keyed by run id, and waits until Kafka has them. */
@ApplicationScoped
public class RunEventPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @Channel("run-events-out")
    Emitter<Record<String, byte[]>> emitter;

    public void publish(RunEvent event) {
        emitter.send(Record.of(event.getRunId(), event.toByteArray()))
                .toCompletableFuture()
                .orTimeout(ACK_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .join();
    }
}
