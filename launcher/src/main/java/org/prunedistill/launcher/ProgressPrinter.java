package org.prunedistill.launcher;

import java.io.PrintWriter;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;

/**
 * Prints a run's progress for people: every change of status and every extraction message, and while the analyses
 * run, the result count with the latest analyser's word (which analysis of which source, at which step, the time left
 * when the step counts) at most once per {@link #ANALYSIS_INTERVAL_MS}; why it waits for results-api (restarting,
 * catching up with its log) at most once per {@link #WAITING_INTERVAL_MS}.
 */
final class ProgressPrinter {

    private static final long ANALYSIS_INTERVAL_MS = 2000;
    private static final long WAITING_INTERVAL_MS = 5000;

    private final PrintWriter out;
    private RunStatus lastStatus;
    private String lastProgress = "";
    private long lastPrintMs;
    private long lastWaitingMs;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    void update(Run run) {
        long now = System.currentTimeMillis();
        boolean statusChanged = run.getStatus() != lastStatus;
        boolean analysing = run.getStatus() == RunStatus.RUN_STATUS_ANALYSING;
        boolean newMessage = !run.getProgress().equals(lastProgress);
        if (statusChanged || (newMessage && (!analysing || now - lastPrintMs >= ANALYSIS_INTERVAL_MS))) {
            out.println("pd: " + line(run));
            lastStatus = run.getStatus();
            lastPrintMs = now;
        }
        lastProgress = run.getProgress();
    }

    /** The status, and what is under way: the extractor's message, or the results so far and an analyser's word. */
    static String line(Run run) {
        String status = run.getStatus().name().replace("RUN_STATUS_", "").toLowerCase(java.util.Locale.ROOT);
        if (run.getStatus() == RunStatus.RUN_STATUS_COMPLETED) {
            return status + ": " + run.getResults() + " results for " + run.getSourcesCount() + " sources";
        }
        if (run.getStatus() == RunStatus.RUN_STATUS_ANALYSING) {
            return status + ": " + run.getResults() + " results for " + run.getSourcesCount() + " sources"
                    + (run.getProgress().isEmpty() ? "" : "; " + run.getProgress());
        }
        return status + ": " + run.getProgress();
    }

    void waiting(String why) {
        long now = System.currentTimeMillis();
        if (now - lastWaitingMs >= WAITING_INTERVAL_MS) {
            out.println("pd: " + why);
            lastWaitingMs = now;
        }
    }
}
