package org.prunedistill.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceFailed;
import org.prunedistill.events.v1.SourceRef;

/** A record given up on fails its run with what was wrong and where, whatever was thrown. */
class DeadLettersTest {

    private static final String WHERE = "pd.run-events[2]@41";

    private final List<RunEvent> published = new ArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters("extractor", published::add);

    @Test
    void anErrorFailsTheRunNamingItsClassMessageAndWhereItHappened() {
        OutOfMemoryError error = thrownByProjectCode();

        PoisonEventException poison = deadLetters.giveUp(Optional.of("run-1"), WHERE, error);

        assertSame(error, poison.getCause());
        assertTrue(poison.getMessage().startsWith(WHERE + ": OutOfMemoryError: Java heap space (at "
                + DeadLettersTest.class.getName() + ".thrownByProjectCode("), poison.getMessage());
        assertEquals(1, published.size());
        RunEvent failed = published.get(0);
        assertEquals("run-1", failed.getRunId());
        assertEquals("extractor", failed.getProducer());
        assertEquals("extractor dead-lettered " + poison.getMessage(), failed.getFailed().getReason());
    }

    @Test
    void aPoisonEventKeepsItsOwnMessage() {
        PoisonEventException poison = new PoisonEventException(WHERE + ": not a valid protobuf event (x)");

        assertSame(poison, deadLetters.giveUp(Optional.of("run-2"), WHERE, poison));
        assertEquals("extractor dead-lettered " + WHERE + ": not a valid protobuf event (x)",
                published.get(0).getFailed().getReason());
    }

    @Test
    void aFailedSourceIsPublishedAfterItsRunHasFailed() {
        SourceFailed source = SourceFailed.newBuilder().setSource(SourceRef.newBuilder().setRunId("run-3")
                .setName("V1")).setAnalysis("information").setReason("tensors/f.npy does not exist").build();

        deadLetters.giveUp(Optional.of("run-3"), WHERE, new SourceFailedException(WHERE + ": failed", source, null));

        assertEquals(List.of(RunEvent.EventCase.FAILED, RunEvent.EventCase.SOURCE_FAILED),
                published.stream().map(RunEvent::getEventCase).toList());
        assertEquals(source, published.get(1).getSourceFailed());
    }

    @Test
    void aRecordNamingNoRunIsDeadLetteredAlone() {
        PoisonEventException poison = deadLetters.giveUp(Optional.empty(), WHERE, new StackOverflowError());

        assertTrue(poison.getMessage().startsWith(WHERE + ": StackOverflowError (at "), poison.getMessage());
        assertEquals(List.of(), published);
    }

    @Test
    void aRunThatCannotBeFailedStillLetsTheRecordBeDeadLettered() {
        DeadLetters unreachable = new DeadLetters("extractor", event -> {
            throw new IllegalStateException("Kafka unreachable");
        });

        PoisonEventException poison = unreachable.giveUp(Optional.of("run-4"), WHERE,
                new IllegalStateException("boom"));

        assertTrue(poison.getMessage().startsWith(WHERE + ": IllegalStateException: boom (at "), poison.getMessage());
    }

    private static OutOfMemoryError thrownByProjectCode() {
        return new OutOfMemoryError("Java heap space");
    }
}
