package org.prunedistill.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.results.domain.CatalogCatchingUpException;
import org.prunedistill.results.domain.CatchUp;
import org.prunedistill.results.domain.ResultBodies;
import org.prunedistill.results.domain.RunPhase;
import org.prunedistill.results.domain.RunState;

/**
 * The materialised view of every run: folds run events and analysis results as they arrive from Kafka and tells
 * watchers about each change. Rebuilt from the topics at every start; until the rebuild has applied every record
 * that was on the topics when it began ({@link #caughtUp}), it answers no question about runs
 * ({@link CatalogCatchingUpException}), because a part of the log is not the state of any run.
 */
@ApplicationScoped
public class RunCatalog {

    private final Map<String, RunState> runs = new ConcurrentHashMap<>();
    private final List<Consumer<RunState>> watchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<RunState>> completionListeners = new CopyOnWriteArrayList<>();
    private final ResultBodies bodies;
    private volatile CatchUp catchUp = CatchUp.waiting("the catalog feed to start");
    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    @Inject
    public RunCatalog(ResultBodies bodies) {
        this.bodies = bodies;
    }

    public void apply(RunEvent event) {
        update(event.getRunId(), run -> run.apply(event));
    }

    /** Folds a result in; {@code body} is its serialised form, kept in {@link ResultBodies}. */
    public void apply(AnalysisResult result, byte[] body) {
        update(result.getSource().getRunId(), run -> run.apply(result, body));
    }

    /**
     * The run, once the catalog has caught up; a run known only from results (its events not yet read, or aged out
     * of the run log) is not shown.
     *
     * @throws CatalogCatchingUpException while the catalog is being rebuilt
     */
    public Optional<RunState> find(String runId) {
        requireCaughtUp();
        return Optional.ofNullable(runs.get(runId)).filter(RunCatalog::shown);
    }

    /**
     * Every run, newest first.
     *
     * @throws CatalogCatchingUpException while the catalog is being rebuilt
     */
    public List<RunState> list() {
        requireCaughtUp();
        List<RunState> all = new ArrayList<>(runs.values().stream().filter(RunCatalog::shown).toList());
        all.sort(Comparator.comparingLong(RunState::submittedAtMs).reversed().thenComparing(RunState::runId));
        return all;
    }

    /** Calls the watcher, under the run's lock, after every change of any run. */
    public Runnable watch(Consumer<RunState> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    /**
     * Calls the listener once for every run that completes while this process runs and whose completion is not yet
     * on the run log: live, when its last result arrives; after a rebuild, for runs the log shows complete without
     * their {@code RunCompleted} event (a previous instance stopped before announcing it).
     */
    public void onCompletion(Consumer<RunState> listener) {
        completionListeners.add(listener);
    }

    /** How far the rebuild has come. */
    public CatchUp catchUp() {
        return catchUp;
    }

    /** Records the rebuild's progress; the first {@link CatchUp#caughtUp()} opens the catalog to queries. */
    public void catchUp(CatchUp progress) {
        boolean opening = progress.caughtUp() && !catchUp.caughtUp();
        catchUp = progress;
        if (opening) {
            runs.values().forEach(run -> {
                synchronized (run) {
                    if (unannouncedCompletion(run)) {
                        completionListeners.forEach(listener -> listener.accept(run));
                    }
                }
            });
            opened.complete(null);
        }
    }

    /** Completes when the catalog has caught up (at once if it has). */
    public CompletionStage<Void> whenCaughtUp() {
        return opened.copy();
    }

    public boolean caughtUp() {
        return catchUp.caughtUp();
    }

    private void requireCaughtUp() {
        CatchUp progress = catchUp;
        if (!progress.caughtUp()) {
            throw new CatalogCatchingUpException(progress);
        }
    }

    private static boolean shown(RunState run) {
        synchronized (run) {
            return run.hasEvents();
        }
    }

    private static boolean unannouncedCompletion(RunState run) {
        return run.phase() == RunPhase.COMPLETED && !run.completionRecorded();
    }

    private void update(String runId, Consumer<RunState> change) {
        RunState run = runs.computeIfAbsent(runId, id -> new RunState(id, bodies));
        synchronized (run) {
            RunPhase before = run.phase();
            change.accept(run);
            watchers.forEach(watcher -> watcher.accept(run));
            if (caughtUp() && before != RunPhase.COMPLETED && unannouncedCompletion(run)) {
                completionListeners.forEach(listener -> listener.accept(run));
            }
        }
    }
}
