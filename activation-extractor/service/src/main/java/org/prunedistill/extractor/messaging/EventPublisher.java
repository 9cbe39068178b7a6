package org.prunedistill.extractor.messaging;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.messaging.SourceKeys;

/**
 * Publishes activation events keyed by source (so a source's batches and manifest stay in order on one partition)
 * and run events keyed by run id, each acknowledged by Kafka before the next step.
 */
@ApplicationScoped
public class EventPublisher {

    private static final long ACK_TIMEOUT_SECONDS = 60;

    @Inject
    @Channel("activations")
    Emitter<Record<String, byte[]>> activations;

    @Inject
    @Channel("run-events")
    Emitter<Record<String, byte[]>> runEvents;

    public void publish(ActivationBatch batch) {
        send(activations, SourceKeys.sourceKey(batch.getSource()),
                ActivationEvent.newBuilder().setBatch(batch).build().toByteArray());
    }

    public void publish(SourceManifest manifest) {
        send(activations, SourceKeys.sourceKey(manifest.getSource()),
                ActivationEvent.newBuilder().setManifest(manifest).build().toByteArray());
    }

    public void publish(RunEvent event) {
        send(runEvents, event.getRunId(), event.toByteArray());
    }

    private static void send(Emitter<Record<String, byte[]>> emitter, String key, byte[] value) {
        emitter.send(Record.of(key, value)).toCompletableFuture()
                .orTimeout(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
}
