package org.prunedistill.results;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.results.domain.RunPhase;
import org.prunedistill.results.domain.RunState;

/**
 * The materialised view of every run: folds run events and analysis results as they arrive from Kafka and tells
 * watchers about each change. Rebuilt from the topics at start-up, so it survives a restart.
 */
@ApplicationScoped
public class RunCatalog {

    private final Map<String, RunState> runs = new ConcurrentHashMap<>();
    private final List<Consumer<RunState>> watchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<RunState>> completionListeners = new CopyOnWriteArrayList<>();

    public void apply(RunEvent event) {
        update(event.getRunId(), run -> run.apply(event));
    }

    public void apply(AnalysisResult result) {
        update(result.getSource().getRunId(), run -> run.apply(result));
    }

    public Optional<RunState> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** Every run, newest first. */
    public List<RunState> list() {
        List<RunState> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparingLong(RunState::submittedAtMs).reversed().thenComparing(RunState::runId));
        return all;
    }

    /** Calls the watcher, under the run's lock, after every change of any run. */
    public Runnable watch(Consumer<RunState> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    /** Calls the listener once when a run becomes complete while this process is running. */
    public void onCompletion(Consumer<RunState> listener) {
        completionListeners.add(listener);
    }

    private void update(String runId, Consumer<RunState> change) {
        RunState run = runs.computeIfAbsent(runId, RunState::new);
        synchronized (run) {
            RunPhase before = run.phase();
            change.accept(run);
            watchers.forEach(watcher -> watcher.accept(run));
            if (before != RunPhase.COMPLETED && run.phase() == RunPhase.COMPLETED) {
                completionListeners.forEach(listener -> listener.accept(run));
            }
        }
    }
}
