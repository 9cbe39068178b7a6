package org.prunedistill.extractor.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.EventCodec;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunFailed;
import org.prunedistill.extractor.ActivationExtraction;

/**
 * Consumes {@code pd.run-events} and extracts every submitted run; other lifecycle events are skipped. A record that
 * cannot be decoded goes to the dead-letter topic. A run that cannot be extracted (unknown layer, unreadable
 * recording) gets a {@code RunFailed} event saying why; what was already published stays.
 */
@ApplicationScoped
public class RunConsumer {

    private static final Logger LOG = Logger.getLogger(RunConsumer.class);

    @Inject
    ActivationExtraction extraction;

    @Inject
    EventPublisher publisher;

    @Incoming("runs")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "[" + record.partition() + "]@" + record.offset();
        RunEvent event = EventCodec.parse(RunEvent.parser(), record.value(), where);
        if (event.getEventCase() != RunEvent.EventCase.SUBMITTED) {
            return;
        }
        MDC.put("runId", event.getRunId());
        try {
            extraction.extract(event.getRunId(), event.getSubmitted().getSpec());
        } catch (IllegalArgumentException | IllegalStateException | ClaimCheckException e) {
            LOG.warnf("run %s failed: %s", event.getRunId(), e.getMessage());
            publisher.publish(RunEvent.newBuilder()
                    .setRunId(event.getRunId())
                    .setTimestampMs(System.currentTimeMillis())
                    .setProducer("activation-extractor")
                    .setFailed(RunFailed.newBuilder().setReason(e.getMessage()))
                    .build());
        } finally {
            MDC.remove("runId");
        }
    }
}
