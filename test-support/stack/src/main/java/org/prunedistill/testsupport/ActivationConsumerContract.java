package org.prunedistill.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceFailed;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.SourceAnalysis;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.Topic;

/**
 * The {@code pd.activations} consumer of an analysis service as Kafka and the object store see it, run inside the
 * service's own application on the embedded stack. A service's test extends it and adds {@code @QuarkusTest} and
 * {@code @WithTestResource(EmbeddedStackResource.class)}; nothing else.
 *
 * <p>It asserts the envelope of what the consumer publishes (result key, source, analysis; the dead letter and its
 * reason; the failure and what it names), never the numbers of a result: those are the cores' tests.
 */
public abstract class ActivationConsumerContract {

    /** A crafted source (40 conditions x 3 trials x 6 units) is analysed within seconds; the build machine is slow. */
    private static final Duration ANALYSIS = Duration.ofSeconds(60);
    /** A record the consumer refuses reaches the dead-letter topic within seconds. */
    private static final Duration DEAD_LETTER = Duration.ofSeconds(30);

    /** Set by {@link EmbeddedStackResource}. */
    CraftedEvents events;

    private String analysis;

    @BeforeEach
    void lookUpTheServicesAnalysis() {
        analysis = CDI.current().select(SourceAnalysis.class).get().name();
    }

    @Test
    void aValidSourcePublishesResultsForThatSourceUnderTheServicesAnalysis() throws Exception {
        SourceRef source = CraftedEvents.source("consumer-valid", "V1");
        events.publishSource(source, 1);

        ConsumerRecord<String, byte[]> published = events.awaitRecord(Topic.RESULTS,
                record -> result(record).getSource().equals(source), ANALYSIS);
        AnalysisResult result = result(published);
        assertEquals(published.key(), result.getResultKey());
        assertTrue(result.getResultKey().startsWith(SourceKeys.sourceKey(source) + "/"), result.getResultKey());
        assertEquals(analysis, result.getAnalysis());
    }

    @Test
    void anUndecodableRecordIsDeadLetteredWithItsReason() throws Exception {
        ConsumerRecord<String, byte[]> dead = events.sendUndecodableAndAwaitDeadLetter(Topic.ACTIVATIONS,
                "consumer-poison", DEAD_LETTER);

        assertTrue(CraftedEvents.header(dead, "dead-letter-reason").contains("not a valid protobuf event"),
                dead.headers().toString());
    }

    @Test
    void aManifestNamingAMissingObjectFailsTheSourceNamingTheObject() throws Exception {
        SourceRef source = CraftedEvents.source("consumer-missing", "V1");
        ObjectRef stored = events.storeBatches(source, 3).get(0).getTensor();
        ObjectRef absent = stored.toBuilder().setKey("tensors/" + "f".repeat(64) + ".npy").build();
        events.publish(events.manifest(source, List.of(absent)));

        ConsumerRecord<String, byte[]> failure = events.awaitRecord(Topic.RUN_EVENTS,
                record -> source.getRunId().equals(record.key()) && runEvent(record).hasSourceFailed(), ANALYSIS);
        SourceFailed failed = runEvent(failure).getSourceFailed();
        assertEquals(source, failed.getSource());
        assertEquals(analysis, failed.getAnalysis());
        assertTrue(failed.getReason().contains(absent.getKey()), failed.getReason());
    }

    @Test
    void aDeadLetteredManifestFailsItsRunBeforeItsSourceNamingTheRecordAndTheCause() throws Exception {
        SourceRef source = CraftedEvents.source("consumer-run-failed", "V1");
        ObjectRef stored = events.storeBatches(source, 4).get(0).getTensor();
        ObjectRef absent = stored.toBuilder().setKey("tensors/" + "e".repeat(64) + ".npy").build();
        events.publish(events.manifest(source, List.of(absent)));

        List<RunEvent> fromThisAnalyser = new java.util.ArrayList<>();
        events.awaitRecord(Topic.RUN_EVENTS, record -> {
            RunEvent event = runEvent(record);
            if (source.getRunId().equals(record.key()) && (event.hasFailed() || event.hasSourceFailed())
                    && (event.hasFailed() ? event.getFailed().getReason().contains(" " + analysis + " of ")
                    : event.getSourceFailed().getAnalysis().equals(analysis))) {
                fromThisAnalyser.add(event);
            }
            return fromThisAnalyser.size() == 2;
        }, ANALYSIS);
        assertEquals(List.of(RunEvent.EventCase.FAILED, RunEvent.EventCase.SOURCE_FAILED),
                fromThisAnalyser.stream().map(RunEvent::getEventCase).toList());
        String reason = fromThisAnalyser.get(0).getFailed().getReason();
        assertTrue(reason.matches(".+ dead-lettered pd\\.activations\\[\\d+\\]@\\d+: .+"), reason);
        assertTrue(reason.contains(absent.getKey()), reason);
    }

    @Test
    void anUndecodableRecordUnderASourceKeyFailsThatRun() throws Exception {
        SourceRef source = CraftedEvents.source("consumer-garbled", "V1");
        ConsumerRecord<String, byte[]> dead = events.sendUndecodableAndAwaitDeadLetter(Topic.ACTIVATIONS,
                SourceKeys.sourceKey(source), DEAD_LETTER);

        RunEvent failed = runEvent(events.awaitRecord(Topic.RUN_EVENTS, record -> source.getRunId()
                .equals(record.key()) && runEvent(record).hasFailed()
                && runEvent(record).getFailed().getReason().contains("not a valid protobuf event"), DEAD_LETTER));
        String where = Topic.ACTIVATIONS.topicName() + "[" + CraftedEvents.header(dead, "dead-letter-partition")
                + "]@" + CraftedEvents.header(dead, "dead-letter-offset");
        assertTrue(failed.getFailed().getReason().contains(" dead-lettered " + where + ": not a valid protobuf"),
                failed.getFailed().getReason());
    }

    private static AnalysisResult result(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(AnalysisResult.parser(), record.value(), Topic.RESULTS.topicName());
    }

    private static RunEvent runEvent(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(RunEvent.parser(), record.value(), Topic.RUN_EVENTS.topicName());
    }
}
