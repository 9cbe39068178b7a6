package org.prunedistill.analysis.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;
import org.prunedistill.claimcheck.ActivationEventHandler;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceAnalysis;

/**
 * Consumes {@code pd.activations} for the service's {@link SourceAnalysis}. Records are handled one at a time, in
 * order, on a worker thread; a record the handler rejects is nacked and lands in {@code pd.activations.dlq} with the
 * reason in its headers.
 */
@ApplicationScoped
public class ActivationConsumer {

    @Inject
    ObjectStore store;

    @Inject
    SourceAnalysis analysis;

    @Inject
    KafkaOutbox outbox;

    @Inject
    MeterRegistry registry;

    /** Most units a batch or source may claim; more, and the batch is dead-lettered. */
    @ConfigProperty(name = "pd.limits.max-units", defaultValue = "" + ActivationEventHandler.DEFAULT_MAX_UNITS)
    int maxUnits;

    @ConfigProperty(name = "quarkus.application.name")
    String producer;

    private ActivationEventHandler handler;

    @PostConstruct
    void createHandler() {
        handler = new ActivationEventHandler(producer, store, new MeasuredAnalysis(analysis, registry), outbox,
                maxUnits);
    }

    @Incoming("activations")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        // The key starts with the run id: logs of this record carry it (run=... in the log format).
        MDC.put("runId", record.key() == null ? "" : record.key().split("/", 2)[0]);
        try {
            handler.handle(record.key(), record.value(),
                    record.topic() + "[" + record.partition() + "]@" + record.offset());
        } finally {
            MDC.remove("runId");
        }
    }
}
