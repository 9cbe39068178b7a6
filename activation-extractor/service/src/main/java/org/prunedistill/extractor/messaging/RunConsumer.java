package org.prunedistill.extractor.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunFailed;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.extractor.ActivationExtraction;
import org.prunedistill.messaging.DeadLetters;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.RecordRuns;

/**
 * Consumes {@code pd.run-events} and extracts every submitted run; other lifecycle events are skipped. A run that
 * cannot be extracted (unknown layer, unreadable recording) gets a {@code RunFailed} event saying why; what was
 * already published stays. Anything else that goes wrong (an undecodable record, a bug, an {@link Error} such as
 * {@code OutOfMemoryError} from a huge input) fails the record's run too, saying what and where, and sends the record
 * to {@code pd.run-events.dlq}; the consumer goes on with the next record.
 */
@ApplicationScoped
public class RunConsumer {

    private static final Logger LOG = Logger.getLogger(RunConsumer.class);
    private static final String PRODUCER = "activation-extractor";

    @Inject
    ActivationExtraction extraction;

    @Inject
    EventPublisher publisher;

    private final DeadLetters deadLetters = new DeadLetters(PRODUCER, event -> publisher.publish(event));

    @Incoming("runs")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "[" + record.partition() + "]@" + record.offset();
        try {
            RunEvent event = EventCodec.parse(RunEvent.parser(), record.value(), where);
            if (event.getEventCase() == RunEvent.EventCase.SUBMITTED) {
                extract(event.getRunId(), event.getSubmitted().getSpec());
            }
        } catch (Throwable failure) {
            // An Error too: what the extraction held is garbage once it has unwound, so the consumer goes on.
            throw deadLetters.giveUp(RecordRuns.ofRunEvent(record.key(), record.value()), where, failure);
        }
    }

    /** Extracts the run, or fails it when its spec cannot be extracted (the record is then done with). */
    private void extract(String runId, RunSpec spec) {
        MDC.put("runId", runId);
        try {
            extraction.extract(runId, spec);
        } catch (IllegalArgumentException | IllegalStateException | ClaimCheckException e) {
            LOG.warnf("run %s failed: %s", runId, e.getMessage());
            publisher.publish(RunEvent.newBuilder()
                    .setRunId(runId)
                    .setTimestampMs(System.currentTimeMillis())
                    .setProducer(PRODUCER)
                    .setFailed(RunFailed.newBuilder().setReason(e.getMessage()))
                    .build());
        } finally {
            MDC.remove("runId");
        }
    }
}
