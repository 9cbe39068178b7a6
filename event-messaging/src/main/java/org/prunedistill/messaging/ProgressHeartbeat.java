package org.prunedistill.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunProgress;
import org.prunedistill.events.v1.SourceRef;

/**
 * Says, every interval, that a long piece of work on a source still runs, at which step and for how long: a
 * {@code RunProgress} event on the source's run, which results-api shows as the run's progress. Long work is never a
 * reason to restart a process (liveness asks only whether it is alive); this is how people see that it is long and
 * not stuck. A step with a count ({@link Beat#step}) gets an estimate of the time it has left, from its own rate so
 * far: "information of layer1 (random) still running after 1 min 3 s: fetching batches, 12 of 125, about 9 min 53 s
 * left".
 *
 * <p>Beats come from one daemon timer thread shared by the JVM; a beat that cannot be published is skipped (the next
 * one tries again), never a failure of the work itself.
 */
public final class ProgressHeartbeat {

    /** Default of {@code pd.progress.heartbeat-interval}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(ProgressHeartbeat.class.getName());

    private final String producer;
    private final Consumer<RunEvent> runEvents;
    private final Duration interval;
    private final LongSupplier nanoClock;

    /**
     * @param runEvents publishes to {@code pd.run-events}
     * @param interval  time between beats
     */
    public ProgressHeartbeat(String producer, Consumer<RunEvent> runEvents, Duration interval) {
        this(producer, runEvents, interval, System::nanoTime);
    }

    /** @param nanoClock the time, in nanoseconds from any origin, that elapsed times and estimates are taken from */
    ProgressHeartbeat(String producer, Consumer<RunEvent> runEvents, Duration interval, LongSupplier nanoClock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("pd.progress.heartbeat-interval must be positive, got " + interval);
        }
        this.producer = producer;
        this.runEvents = runEvents;
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    /**
     * Beats for {@code stage} (for example "intrinsic-dimension") on {@code source} until the returned beat is closed;
     * no beat is published after {@link Beat#close()} has returned.
     */
    public Beat start(SourceRef source, String stage) {
        Running running = new Running(source, stage);
        running.beats = Timer.INSTANCE.scheduleAtFixedRate(running::beat, interval.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
        return running;
    }

    /** "42 s", "3 min 5 s", "2 h 7 min". */
    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** A running heartbeat; closing it stops the beats. */
    public interface Beat extends AutoCloseable, StepProgress {
        @Override
        void close();
    }

    /** One source's beats; a beat and the close exclude each other, so no beat follows the work's own last word. */
    final class Running implements Beat {
        private final SourceRef source;
        private final String stage;
        private final long started = nanoClock.getAsLong();
        private volatile ScheduledFuture<?> beats;
        private boolean closed;
        private String step;
        private long stepStarted;
        private long done;
        private long total;

        Running(SourceRef source, String stage) {
            this.source = source;
            this.stage = stage;
        }

        @Override
        public synchronized void step(String name, long done, long total) {
            if (!name.equals(step)) {
                step = name;
                stepStarted = nanoClock.getAsLong();
            }
            this.done = done;
            this.total = total;
        }

        synchronized void beat() {
            if (closed) {
                return;
            }
            String message = message();
            try {
                runEvents.accept(RunEvent.newBuilder().setRunId(source.getRunId())
                        .setTimestampMs(System.currentTimeMillis()).setProducer(producer)
                        .setProgress(RunProgress.newBuilder().setStage(stage).setSource(source).setDone(0).setTotal(1)
                                .setMessage(message))
                        .build());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "heartbeat of " + SourceKeys.sourceKey(source)
                        + " not published: " + e.getMessage());
            }
        }

        /**
         * The stage, the source and the time so far (the words tests and people look for: "still running after"),
         * then the step with its count and estimate when one is known.
         */
        synchronized String message() {
            long now = nanoClock.getAsLong();
            String message = stage + " of " + source.getName()
                    + (source.getCheckpoint().isEmpty() ? "" : " (" + source.getCheckpoint() + ")")
                    + " still running after " + words(Duration.ofNanos(now - started));
            if (step == null) {
                return message;
            }
            message += ": " + step;
            if (total > 0) {
                message += String.format(java.util.Locale.ROOT, ", %,d of %,d", done, total);
            }
            if (total > 0 && done > 0 && done <= total) {
                double left = (double) (now - stepStarted) * (total - done) / done;
                message += ", about " + words(Duration.ofNanos((long) left)) + " left";
            }
            return message;
        }

        @Override
        public synchronized void close() {
            closed = true;
            beats.cancel(false);
        }
    }

    /** The timer, started on first use. */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pd-progress-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }
}
