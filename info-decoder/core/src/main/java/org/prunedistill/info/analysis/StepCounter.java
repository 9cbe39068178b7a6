package org.prunedistill.info.analysis;

/**
 * Counts the finished items of one step from several threads and reports every count once, in increasing order: with
 * an atomic counter alone, a thread could report 2 after another had reported 3, and the progress people see would
 * end behind the work.
 */
final class StepCounter {

    private final AnalysisProgress progress;
    private final String step;
    private final long total;
    private long done;

    /** Reports the step with none of {@code total} done. */
    StepCounter(AnalysisProgress progress, String step, long total) {
        this.progress = progress;
        this.step = step;
        this.total = total;
        progress.step(step, 0, total);
    }

    /** One more item done: reported under this counter's lock (the report is cheap, the items are not). */
    synchronized void oneDone() {
        progress.step(step, ++done, total);
    }
}
