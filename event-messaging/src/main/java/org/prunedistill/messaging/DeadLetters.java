package org.prunedistill.messaging;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunFailed;

/**
 * Gives up on a consumed record: the record goes to the dead-letter topic and the run it belongs to fails, with what
 * was wrong and where, so that no run waits for ever on a record nobody will process. Any {@link Throwable} counts, an
 * {@link Error} too ({@code OutOfMemoryError} from a huge input, {@code StackOverflowError}): the consumer survives it,
 * since what the failed work held is garbage once the stack has unwound.
 *
 * <p>The run is told by {@link RecordRuns}; a record that names no run is dead-lettered alone and logged. A failed
 * source's {@code SourceFailed} follows its run's {@code RunFailed}, so that the run is failed before its last
 * source could settle it as completed.
 */
public final class DeadLetters {

    private static final System.Logger LOG = System.getLogger(DeadLetters.class.getName());
    private static final String PROJECT_CODE = "org.prunedistill.";

    private final String producer;
    private final Consumer<RunEvent> runEvents;

    /**
     * @param producer  the service, named in the reason and the events
     * @param runEvents publishes to {@code pd.run-events}, waiting for Kafka's acknowledgement
     */
    public DeadLetters(String producer, Consumer<RunEvent> runEvents) {
        this.producer = producer;
        this.runEvents = runEvents;
    }

    /**
     * Fails the record's run, or logs that it names none, and returns the exception to throw so that the messaging
     * layer dead-letters the record (its message and cause become the dead letter's reason headers).
     *
     * @param where names the record, for example {@code pd.activations[3]@42}
     */
    public PoisonEventException giveUp(Optional<String> runId, String where, Throwable failure) {
        PoisonEventException poison = failure instanceof PoisonEventException known ? known
                : new PoisonEventException(where + ": " + describe(failure), failure);
        if (poison != failure) {
            LOG.log(System.Logger.Level.ERROR, "dead-lettering " + where + " after " + failure, failure);
        }
        if (runId.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "dead-lettering " + where + " alone: neither its payload nor "
                    + "its key names a run; " + poison.getMessage());
            return poison;
        }
        String reason = producer + " dead-lettered " + poison.getMessage();
        LOG.log(System.Logger.Level.WARNING, () -> "run " + runId.get() + " failed: " + reason);
        try {
            runEvents.accept(event(runId.get()).setFailed(RunFailed.newBuilder().setReason(reason)).build());
            if (poison instanceof SourceFailedException source) {
                runEvents.accept(event(runId.get()).setSourceFailed(source.failure()).build());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not fail run " + runId.get() + " (" + e.getMessage()
                    + "); its record " + where + " is dead-lettered all the same", e);
        }
        return poison;
    }

    /**
     * An unforeseen failure in words: its class and message, and the first frame of the project's own code it passed
     * through (where it happened, since the message of an error or a bug rarely says).
     */
    static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return Arrays.stream(failure.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith(PROJECT_CODE)).findFirst()
                .or(() -> Arrays.stream(failure.getStackTrace()).findFirst())
                .map(frame -> text + " (at " + frame + ")").orElse(text);
    }

    private RunEvent.Builder event(String runId) {
        return RunEvent.newBuilder().setRunId(runId).setTimestampMs(System.currentTimeMillis()).setProducer(producer);
    }
}
