package org.prunedistill.results.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.prunedistill.claimcheck.EventCodec;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.results.RunCatalog;

/**
 * Feeds the catalog from Kafka. Both channels read their topic from the beginning with a group of their own at every
 * start, so the catalog is rebuilt after a restart. A record that cannot be decoded goes to the dead-letter topic.
 */
@ApplicationScoped
public class EventListener {

    @Inject
    RunCatalog catalog;

    @Incoming("run-events")
    public void onRunEvent(ConsumerRecord<String, byte[]> record) {
        catalog.apply(EventCodec.parse(RunEvent.parser(), record.value(), where(record)));
    }

    @Incoming("results")
    public void onResult(ConsumerRecord<String, byte[]> record) {
        AnalysisResult result = EventCodec.parse(AnalysisResult.parser(), record.value(), where(record));
        if (!result.getResultKey().equals(record.key())) {
            throw new org.prunedistill.claimcheck.PoisonEventException(where(record) + ": record key '" + record.key()
                    + "' differs from the result key '" + result.getResultKey() + "'");
        }
        catalog.apply(result);
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "[" + record.partition() + "]@" + record.offset();
    }
}
