package org.prunedistill.analysis.messaging;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which runs an analyser instance analyses. Normally every run. A replay (an instance in a consumer group of its own,
 * reading {@code pd.activations} from the beginning, typically with other estimator parameters) names its runs in
 * {@code pd.replay.runs} ({@code PD_REPLAY_RUNS}, comma-separated) and skips every other run's records, so that
 * replaying one run does not analyse the whole history of the topic again.
 */
final class ReplayFilter {

    private final Set<String> runs;

    private ReplayFilter(Set<String> runs) {
        this.runs = runs;
    }

    /** Every run (the normal service). */
    static final ReplayFilter ALL = new ReplayFilter(Set.of());

    /**
     * Only the named runs; an empty list means every run.
     *
     * @throws IllegalArgumentException if a name is blank or holds a '/', which no run id does
     */
    static ReplayFilter of(List<String> runIds) {
        Set<String> runs = new TreeSet<>();
        for (String runId : runIds) {
            String id = runId.strip();
            if (id.isEmpty() || id.contains("/")) {
                throw new IllegalArgumentException("pd.replay.runs (PD_REPLAY_RUNS) lists '" + runId
                        + "', which is not a run id; give run ids separated by commas");
            }
            runs.add(id);
        }
        return runs.isEmpty() ? ALL : new ReplayFilter(Set.copyOf(runs));
    }

    /** The run id of an activation record: its key up to the first '/' ({@code <run>/<kind>/<name>/<checkpoint>}). */
    static String runIdOf(String key) {
        return key == null ? "" : key.split("/", 2)[0];
    }

    /** Whether the record with this key is to be analysed here. */
    boolean accepts(String key) {
        return runs.isEmpty() || runs.contains(runIdOf(key));
    }

    @Override
    public String toString() {
        return runs.isEmpty() ? "every run" : "only runs " + String.join(", ", new TreeSet<>(runs));
    }
}
