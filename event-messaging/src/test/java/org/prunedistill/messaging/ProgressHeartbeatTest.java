package org.prunedistill.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceRef;

/** Long work on a source says, beat after beat, that it still runs. */
class ProgressHeartbeatTest {

    /** Beats every 20 ms; a loaded machine may delay one by seconds. */
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final long BEAT_WAIT_SECONDS = 30;

    @Test
    void beatsNameTheStageTheSourceAndTheTimeSoFar() throws Exception {
        BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        SourceRef source = SourceRef.newBuilder().setRunId("run-5").setName("pool1").setCheckpoint("trained").build();
        ProgressHeartbeat heartbeat = new ProgressHeartbeat("info-decoder", events::add, INTERVAL);

        try (ProgressHeartbeat.Beat beat = heartbeat.start(source, "information")) {
            for (int i = 0; i < 2; i++) {
                RunEvent event = events.poll(BEAT_WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(event, "beat " + i);
                assertEquals("run-5", event.getRunId());
                assertEquals("information", event.getProgress().getStage());
                assertEquals(source, event.getProgress().getSource());
                assertTrue(event.getProgress().getMessage().matches(
                        "information of pool1 \\(trained\\) still running after \\d+ s"), event.toString());
            }
        }
    }

    /**
     * By hand: a step begun at 10 s with 3 of 12 done at 40 s has taken 30 s for 3, so 9 more take about 90 s; a step
     * that counts nothing gets no estimate, and a new step's rate counts from its own start.
     */
    @Test
    void aCountedStepSaysHowFarItIsAndAboutHowLongItHasLeft() {
        long[] clock = {0};
        SourceRef source = SourceRef.newBuilder().setRunId("run-5").setName("layer1").setCheckpoint("random").build();
        ProgressHeartbeat heartbeat = new ProgressHeartbeat("info-decoder", event -> { }, Duration.ofHours(1),
                () -> clock[0]);
        try (ProgressHeartbeat.Beat beat = heartbeat.start(source, "information")) {
            clock[0] = Duration.ofSeconds(10).toNanos();
            beat.step("fetching batches", 0, 12);
            clock[0] = Duration.ofSeconds(40).toNanos();
            beat.step("fetching batches", 3, 12);
            assertEquals("information of layer1 (random) still running after 40 s: fetching batches, 3 of 12, about 1 "
                    + "min 30 s left", message(beat));
            beat.step("analysing", 0, 0);
            clock[0] = Duration.ofSeconds(45).toNanos();
            assertEquals("information of layer1 (random) still running after 45 s: analysing", message(beat));
            beat.step("per-unit information", 0, 802_816);
            clock[0] = Duration.ofSeconds(65).toNanos();
            beat.step("per-unit information", 200_704, 802_816);
            assertEquals("information of layer1 (random) still running after 1 min 5 s: per-unit information, 200,704 "
                    + "of 802,816, about 1 min 0 s left", message(beat));
        }
    }

    private static String message(ProgressHeartbeat.Beat beat) {
        return ((ProgressHeartbeat.Running) beat).message();
    }

    @Test
    void timesSoFarReadAsPeopleSayThem() {
        assertEquals("59 s", ProgressHeartbeat.words(Duration.ofMillis(59_999)));
        assertEquals("3 min 5 s", ProgressHeartbeat.words(Duration.ofSeconds(185)));
        assertEquals("2 h 7 min", ProgressHeartbeat.words(Duration.ofSeconds(2 * 3600 + 7 * 60 + 59)));
    }

    @Test
    void anIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ProgressHeartbeat("x", event -> { }, Duration.ZERO));
    }
}
