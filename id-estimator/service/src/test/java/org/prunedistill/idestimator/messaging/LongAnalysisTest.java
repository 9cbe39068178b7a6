package org.prunedistill.idestimator.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.Topic;
import org.prunedistill.testsupport.CraftedEvents;
import org.prunedistill.testsupport.EmbeddedStackResource;

/**
 * A long analysis is never killed for being long: held past every time limit the consumer has (set short here), it
 * reports progress, liveness stays UP, and it completes once, without a restart of its consumer, which goes on.
 */
@QuarkusTest
@TestProfile(LongAnalysisTest.ShortLimits.class)
@WithTestResource(EmbeddedStackResource.class)
class LongAnalysisTest {

    private static final String CHANNEL = "mp.messaging.incoming.activations.";
    /** Kafka's limit between two polls, short: a consumer whose poll loop waited for the analysis would be evicted. */
    private static final int MAX_POLL_INTERVAL_MS = 3000;
    /** The throttled commit strategy checks the age of unprocessed records at every commit tick. */
    private static final int COMMIT_INTERVAL_MS = 250;
    private static final int HEARTBEAT_MS = 300;
    /** Longer than any limit by this much: several commit ticks and heartbeats. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** The slow build machine: starting the held analysis, then each stage after the release. */
    private static final Duration STAGE = Duration.ofSeconds(90);

    /** The test's limits and the held analysis. */
    public static class ShortLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(CHANNEL + "max.poll.interval.ms", Integer.toString(MAX_POLL_INTERVAL_MS),
                    CHANNEL + "auto.commit.interval.ms", Integer.toString(COMMIT_INTERVAL_MS),
                    "pd.progress.heartbeat-interval", HEARTBEAT_MS + "ms");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HeldIdSourceAnalysis.class);
        }
    }

    /** Set by {@link EmbeddedStackResource}. */
    CraftedEvents events;

    @Inject
    HeldIdSourceAnalysis held;

    @TestHTTPResource("/q/health/live")
    URL liveness;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAnalysisLongerThanEveryConsumerLimitBeatsStaysLiveAndCompletesOnce() throws Exception {
        SourceRef source = CraftedEvents.source(HeldIdSourceAnalysis.HELD_RUN, "V1");
        events.publishSource(source, 1);
        await("the held analysis to begin").atMost(STAGE).until(() -> held.heldSince() != null);
        Duration limit = longestLimit();

        // Held until it has run past every limit; liveness asked at every heartbeat.
        List<Integer> livenessAnswers = new ArrayList<>();
        List<String> beats = new ArrayList<>();
        events.awaitRecord(Topic.RUN_EVENTS, record -> {
            RunEvent event = runEvent(record);
            if (event.getRunId().equals(source.getRunId()) && event.getProgress().getMessage()
                    .contains("still running after")) {
                beats.add(event.getProgress().getMessage());
                livenessAnswers.add(livenessStatus());
            }
            return Duration.between(held.heldSince(), Instant.now()).compareTo(limit.plus(MARGIN)) > 0
                    && beats.size() >= 3;
        }, limit.plus(STAGE));
        held.release();

        RunEvent done = runEvent(events.awaitRecord(Topic.RUN_EVENTS, record -> runEvent(record).getRunId()
                .equals(source.getRunId()) && runEvent(record).getProgress().getDone() == 1, STAGE));
        assertEquals("intrinsic-dimension of V1 done", done.getProgress().getMessage());
        assertTrue(livenessAnswers.stream().allMatch(status -> status == 200), "liveness at every beat: "
                + livenessAnswers);
        assertTrue(beats.get(0).startsWith("intrinsic-dimension of V1 still running after "), beats.toString());
        assertEquals(1, held.analyses(SourceKeys.sourceKey(source)), "analysed once: no redelivery, no restart");

        // The same consumer goes on: the next source is analysed.
        SourceRef next = CraftedEvents.source("after-long-analysis", "V1");
        events.publishSource(next, 2);
        AnalysisResult result = EventCodec.parse(AnalysisResult.parser(), events.awaitRecord(Topic.RESULTS,
                record -> record.key().startsWith(SourceKeys.sourceKey(next) + "/"), STAGE).value(), "pd.results");
        assertEquals(next, result.getSource());
        assertEquals(200, livenessStatus());
    }

    /** The longest time limit the consumer has: Kafka's poll interval, or SmallRye's unprocessed-record age if on. */
    private static Duration longestLimit() {
        long unprocessedAge = ConfigProvider.getConfig().getOptionalValue(CHANNEL
                + "throttled.unprocessed-record-max-age.ms", Long.class).orElse(60_000L);
        return Duration.ofMillis(Math.max(MAX_POLL_INTERVAL_MS, unprocessedAge));
    }

    private int livenessStatus() {
        try {
            return http.send(HttpRequest.newBuilder(liveness.toURI()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException("liveness at " + liveness + " did not answer: " + e, e);
        }
    }

    private static RunEvent runEvent(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(RunEvent.parser(), record.value(), "pd.run-events");
    }
}
