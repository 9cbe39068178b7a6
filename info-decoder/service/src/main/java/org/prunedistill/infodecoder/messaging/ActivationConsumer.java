package org.prunedistill.infodecoder.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.prunedistill.claimcheck.ActivationEventHandler;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.RetryPolicy;
import org.prunedistill.infodecoder.InformationAnalysis;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;

/**
 * Consumes {@code pd.activations}. Records are handled one at a time, in order, on a worker thread; a record the
 * handler rejects is nacked and lands in {@code pd.activations.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class ActivationConsumer {

    @Inject
    ObjectStore store;

    @Inject
    InformationAnalysis analysis;

    @Inject
    KafkaOutbox outbox;

    @Inject
    InfoDecoderConfig config;

    private ActivationEventHandler handler;

    @PostConstruct
    void createHandler() {
        InfoDecoderConfig.Retry retry = config.retry();
        handler = new ActivationEventHandler("info-decoder", store, analysis, outbox,
                new RetryPolicy(retry.initialDelay(), retry.maxDelay(), retry.maxDuration()));
    }

    @Incoming("activations")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        handler.handle(record.key(), record.value(),
                record.topic() + "[" + record.partition() + "]@" + record.offset());
    }
}
