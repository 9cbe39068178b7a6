package org.prunedistill.extraction.recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Aligns units recorded in different sessions into one pseudo-population, as in the population analyses of Tafazoli
 * et al. 2017 (eLife 6:e22794, Methods, "pseudo-population vectors"): units never recorded together are treated as
 * if they had been, trial by trial.
 *
 * <ol>
 *   <li>Conditions: those every session recorded (by index into the shared condition table), ascending; or a given
 *       list, in its order. A condition some session lacks is dropped, naming the sessions.</li>
 *   <li>Available trials of a condition: the minimum over all units of all sessions of its valid (non-NaN) trials.
 *       A condition whose available trials fall below the pseudo-trial count is dropped, naming the unit.</li>
 *   <li>Pseudo-trial count T: given ({@link #withPseudoTrials(int)}), or by default the smallest available count
 *       among the conditions offering at least {@link #withMinimumPseudoTrials(int) the minimum} (default 1).</li>
 *   <li>For every unit (sessions in order, units in order) and every kept condition (in order), T of its valid trials
 *       are drawn without replacement (partial Fisher-Yates with {@code random.nextInt}), in draw order. Units are
 *       resampled independently, so correlations between units within a trial are not kept, as in the source.</li>
 * </ol>
 * The result is NaN-free, {@code [all units, kept conditions, T]}; unit ids become {@code session/unitId}
 * ({@code session<i>} for a session without a name). Immutable; randomness arrives as a parameter.
 */
public final class PseudoPopulation {

    private final int pseudoTrials;
    private final int minimumPseudoTrials;
    private final List<Integer> conditions;

    private PseudoPopulation(int pseudoTrials, int minimumPseudoTrials, List<Integer> conditions) {
        this.pseudoTrials = pseudoTrials;
        this.minimumPseudoTrials = minimumPseudoTrials;
        this.conditions = conditions;
    }

    /** Shared conditions, T = the smallest available trial count among conditions with at least one trial. */
    public static PseudoPopulation withDefaults() {
        return new PseudoPopulation(0, 1, null);
    }

    /** A fixed pseudo-trial count; conditions offering fewer valid trials for some unit are dropped. */
    public PseudoPopulation withPseudoTrials(int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("pseudo-trials must be >= 1, got " + trials);
        }
        return new PseudoPopulation(trials, minimumPseudoTrials, conditions);
    }

    /** With the automatic count, conditions offering fewer valid trials than this for some unit are dropped. */
    public PseudoPopulation withMinimumPseudoTrials(int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("minimum pseudo-trials must be >= 1, got " + minimum);
        }
        return new PseudoPopulation(pseudoTrials, minimum, conditions);
    }

    /** Use these condition-table indices, in this order, instead of all the shared ones. */
    public PseudoPopulation withConditions(List<Integer> tableConditions) {
        List<Integer> copy = List.copyOf(tableConditions);
        if (copy.isEmpty() || new HashSet<>(copy).size() != copy.size() || copy.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("conditions must be distinct non-negative indices, got " + copy);
        }
        return new PseudoPopulation(pseudoTrials, minimumPseudoTrials, copy);
    }

    /**
     * The units of one session and, for each of its conditions, the index of that condition in the shared table.
     *
     * @param responses       the session's responses
     * @param tableConditions length {@code responses.conditions()}, distinct, non-negative
     */
    public record Session(RecordedResponses responses, int[] tableConditions) {

        public Session {
            Objects.requireNonNull(responses, "responses");
            tableConditions = tableConditions.clone();
            if (tableConditions.length != responses.conditions()) {
                throw new IllegalArgumentException("tableConditions has " + tableConditions.length
                        + " entries for " + responses.conditions() + " conditions of session " + responses.session());
            }
            Set<Integer> seen = new HashSet<>();
            for (int c : tableConditions) {
                if (c < 0 || !seen.add(c)) {
                    throw new IllegalArgumentException("tableConditions of session " + responses.session()
                            + " must be distinct non-negative indices, got " + Arrays.toString(tableConditions));
                }
            }
        }

        @Override
        public int[] tableConditions() {
            return tableConditions.clone();
        }

        int localIndex(int tableCondition) {
            for (int i = 0; i < tableConditions.length; i++) {
                if (tableConditions[i] == tableCondition) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * The population and how it was built.
     *
     * @param responses    {@code [units, conditions, pseudoTrials]}, no NaN
     * @param conditions   the shared-table index of each condition of {@code responses}
     * @param pseudoTrials T
     * @param dropped      each condition considered but left out, with the reason
     */
    public record Result(RecordedResponses responses, List<Integer> conditions, int pseudoTrials,
            List<DroppedCondition> dropped) {

        public Result {
            conditions = List.copyOf(conditions);
            dropped = List.copyOf(dropped);
        }
    }

    /** A condition left out of the population: its shared-table index and why. */
    public record DroppedCondition(int condition, String reason) {
    }

    /**
     * Builds the pseudo-population.
     *
     * @throws IllegalArgumentException if there are no sessions, two sessions share a name, or no condition is left
     *                                  (the message lists the dropped conditions and why)
     */
    public Result build(List<Session> sessions, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("sessions must not be empty");
        }
        List<String> names = sessionNames(sessions);
        List<DroppedCondition> dropped = new ArrayList<>();
        List<Integer> candidates = candidates(sessions, names, dropped);
        Map<Integer, Integer> available = new LinkedHashMap<>();
        Map<Integer, String> scarcest = new LinkedHashMap<>();
        for (int condition : candidates) {
            scarcity(sessions, names, condition, available, scarcest);
        }
        int floor = pseudoTrials > 0 ? pseudoTrials : minimumPseudoTrials;
        List<Integer> kept = new ArrayList<>();
        for (int condition : candidates) {
            int count = available.get(condition);
            if (count < floor) {
                dropped.add(new DroppedCondition(condition, scarcest.get(condition) + " has " + count
                        + " valid trials, fewer than the " + floor + (pseudoTrials > 0 ? " pseudo-trials"
                        : " required")));
            } else {
                kept.add(condition);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no condition left for the pseudo-population; dropped: " + dropped);
        }
        int trials = pseudoTrials > 0 ? pseudoTrials
                : kept.stream().mapToInt(available::get).min().orElseThrow();
        return new Result(sample(sessions, names, kept, trials, random), kept, trials, dropped);
    }

    /** The fewest valid trials any unit has in a condition, and which unit has them. */
    private static void scarcity(List<Session> sessions, List<String> names, int condition,
            Map<Integer, Integer> available, Map<Integer, String> scarcest) {
        int fewest = Integer.MAX_VALUE;
        for (int s = 0; s < sessions.size(); s++) {
            RecordedResponses responses = sessions.get(s).responses();
            int local = sessions.get(s).localIndex(condition);
            for (int u = 0; u < responses.units(); u++) {
                int valid = responses.validTrials(u, local);
                if (valid < fewest) {
                    fewest = valid;
                    scarcest.put(condition, "unit " + responses.unitIds().get(u) + " of session " + names.get(s));
                }
            }
        }
        available.put(condition, fewest);
    }

    private static List<String> sessionNames(List<Session> sessions) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            String name = sessions.get(s).responses().session();
            name = name.isEmpty() ? "session" + s : name;
            if (names.contains(name)) {
                throw new IllegalArgumentException("two sessions are named " + name + " (sessions "
                        + names.indexOf(name) + " and " + s + ")");
            }
            names.add(name);
        }
        return names;
    }

    private List<Integer> candidates(List<Session> sessions, List<String> names, List<DroppedCondition> dropped) {
        Set<Integer> all = new TreeSet<>();
        sessions.forEach(session -> Arrays.stream(session.tableConditions).forEach(all::add));
        List<Integer> wanted = conditions != null ? conditions : List.copyOf(all);
        List<Integer> candidates = new ArrayList<>();
        for (int condition : wanted) {
            List<String> lacking = new ArrayList<>();
            for (int s = 0; s < sessions.size(); s++) {
                if (sessions.get(s).localIndex(condition) < 0) {
                    lacking.add(names.get(s));
                }
            }
            if (lacking.isEmpty()) {
                candidates.add(condition);
            } else {
                dropped.add(new DroppedCondition(condition, "not recorded in session " + String.join(", ", lacking)));
            }
        }
        return candidates;
    }

    private static RecordedResponses sample(List<Session> sessions, List<String> names, List<Integer> kept,
            int trials, RandomGenerator random) {
        int units = sessions.stream().mapToInt(s -> s.responses().units()).sum();
        float[] data = new float[units * kept.size() * trials];
        List<String> ids = new ArrayList<>();
        int next = 0;
        for (int s = 0; s < sessions.size(); s++) {
            RecordedResponses responses = sessions.get(s).responses();
            for (int u = 0; u < responses.units(); u++) {
                ids.add(names.get(s) + "/" + responses.unitIds().get(u));
                for (int condition : kept) {
                    int local = sessions.get(s).localIndex(condition);
                    int[] valid = responses.validTrialIndices(u, local);
                    for (int t = 0; t < trials; t++) {
                        int pick = t + random.nextInt(valid.length - t);
                        int chosen = valid[pick];
                        valid[pick] = valid[t];
                        valid[t] = chosen;
                        data[next++] = responses.value(u, local, chosen);
                    }
                }
            }
        }
        return RecordedResponses.of(data, new int[] {units, kept.size(), trials}, ids, "pseudo-population",
                "pseudo-population");
    }
}
