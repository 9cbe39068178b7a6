package org.prunedistill.results.domain;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.SourceKeys;

/**
 * Everything known about one run, folded from its events and results. Results are keyed by result key, so a replayed
 * or duplicated result overwrites and never counts twice. The heap holds an index of the results (per key, where its
 * body lies in {@link ResultBodies}, and per source and analysis how many have arrived): their bodies are read back
 * when {@link #results()} is asked for. Not thread-safe: {@code RunCatalog} serialises access.
 */
public final class RunState {

    /** The analyses every source gets. */
    public static final List<String> ANALYSES = List.of("intrinsic-dimension", "information");

    private final String runId;
    private final ResultBodies bodies;
    private RunSpec spec = RunSpec.getDefaultInstance();
    private RunPhase phase = RunPhase.SUBMITTED;
    private long submittedAtMs;
    private long updatedAtMs;
    private String progress = "";
    private String failureReason = "";
    private boolean extractionFinished;
    private boolean hasEvents;
    private boolean completionRecorded;
    private final Map<String, SourceRef> sources = new LinkedHashMap<>();
    private final Map<String, Set<FailedAnalysis>> failures = new LinkedHashMap<>();
    private final Map<String, StoredResult> results = new LinkedHashMap<>();
    /** Per source key, per analysis: how many distinct results have arrived and how many its pass makes. */
    private final Map<String, Map<String, AnalysisCount>> counts = new LinkedHashMap<>();
    /** Per source key, the result with the smallest key, whose provenance speaks for the source. */
    private final Map<String, String> provenanceKeys = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    public RunState(String runId, ResultBodies bodies) {
        this.runId = runId;
        this.bodies = bodies;
    }

    /** Folds one lifecycle event in. */
    public void apply(RunEvent event) {
        hasEvents = true;
        updatedAtMs = Math.max(updatedAtMs, event.getTimestampMs());
        switch (event.getEventCase()) {
            case SUBMITTED -> {
                spec = event.getSubmitted().getSpec();
                submittedAtMs = event.getTimestampMs();
            }
            case PROGRESS -> {
                progress = event.getProgress().getMessage();
                if (phase == RunPhase.SUBMITTED) {
                    phase = RunPhase.EXTRACTING;
                }
            }
            case EXTRACTION_FINISHED -> {
                extractionFinished = true;
                event.getExtractionFinished().getSourcesList().forEach(this::addSource);
            }
            case SOURCE_FAILED -> {
                SourceRef source = event.getSourceFailed().getSource();
                addSource(source);
                failures.computeIfAbsent(SourceKeys.sourceKey(source), key -> new LinkedHashSet<>())
                        .add(new FailedAnalysis(event.getSourceFailed().getAnalysis(),
                                event.getSourceFailed().getReason()));
            }
            case WARNING -> warnings.add(event.getWarning().getReason());
            case FAILED -> {
                phase = RunPhase.FAILED;
                failureReason = event.getFailed().getReason();
            }
            case COMPLETED -> completionRecorded = true;
            default -> {
                // An event of a kind this version does not know: nothing to fold.
            }
        }
        updatePhase();
    }

    /**
     * Folds one result in, replacing an earlier result with the same key.
     *
     * @param body the result's serialised bytes, as they came off the topic
     */
    public void apply(AnalysisResult result, byte[] body) {
        SourceRef source = addSource(result.getSource());
        String sourceKey = SourceKeys.sourceKey(source);
        String key = result.getResultKey();
        AnalysisCount count = counts.computeIfAbsent(sourceKey, ignored -> new TreeMap<>())
                .computeIfAbsent(result.getAnalysis(), ignored -> new AnalysisCount());
        StoredResult replaced = results.put(key, new StoredResult(count, bodies.store(body)));
        boolean wasComplete = count.complete();
        count.add(replaced == null, result.getResultsInPass());
        provenanceKeys.merge(sourceKey, key, (current, candidate) -> candidate.compareTo(current) < 0
                ? candidate : current);
        updatedAtMs = Math.max(updatedAtMs, result.getProvenance().getCreatedAtMs());
        // Only a count that has just become complete, or a first result, can move the phase: checking every
        // source at every result would cost a long history dearly at start-up.
        if (count.complete() != wasComplete || phase == RunPhase.SUBMITTED || phase == RunPhase.EXTRACTING) {
            updatePhase();
        }
    }

    /** The source as first seen (one instance per source, however many results name it). */
    private SourceRef addSource(SourceRef source) {
        SourceRef known = sources.putIfAbsent(SourceKeys.sourceKey(source), source);
        return known == null ? source : known;
    }

    private void updatePhase() {
        if (phase == RunPhase.FAILED || phase == RunPhase.COMPLETED) {
            return;
        }
        if (extractionFinished && sources.values().stream().allMatch(this::settled)) {
            phase = RunPhase.COMPLETED;
        } else if (extractionFinished || !results.isEmpty()) {
            phase = RunPhase.ANALYSING;
        }
    }

    /** Whether every analysis of a source has a result or a failure. */
    private boolean settled(SourceRef source) {
        Set<String> done = new LinkedHashSet<>(analysesDone(source));
        failures.getOrDefault(SourceKeys.sourceKey(source), Set.of())
                .forEach(failure -> done.add(failure.analysis()));
        return done.containsAll(ANALYSES);
    }

    /**
     * Analyses of a source whose results have all arrived (as many keys as each result says its pass made), in
     * alphabetical order whatever order they arrived in.
     */
    public List<String> analysesDone(SourceRef source) {
        List<String> done = new ArrayList<>();
        counts.getOrDefault(SourceKeys.sourceKey(source), Map.of()).forEach((analysis, count) -> {
            if (count.complete()) {
                done.add(analysis);
            }
        });
        return done;
    }

    /** The analyses that failed on a source, in the order they failed. */
    public List<FailedAnalysis> failures(SourceRef source) {
        return new ArrayList<>(failures.getOrDefault(SourceKeys.sourceKey(source), Set.of()));
    }

    /**
     * Whether a lifecycle event of the run has been folded in. A run's first event is its submission and precedes
     * its results on the topics, so a run known only from results is not yet (or no longer) a run to show.
     */
    public boolean hasEvents() {
        return hasEvents;
    }

    /** Whether the run's {@code RunCompleted} event has been folded in (it is then on the topic already). */
    public boolean completionRecorded() {
        return completionRecorded;
    }

    public String runId() {
        return runId;
    }

    public RunSpec spec() {
        return spec;
    }

    public RunPhase phase() {
        return phase;
    }

    public boolean terminal() {
        return phase == RunPhase.COMPLETED || phase == RunPhase.FAILED;
    }

    public long submittedAtMs() {
        return submittedAtMs;
    }

    public long updatedAtMs() {
        return updatedAtMs;
    }

    public String progress() {
        return progress;
    }

    public String failureReason() {
        return failureReason;
    }

    public Collection<SourceRef> sources() {
        return List.copyOf(sources.values());
    }

    /** Every result, in the order their keys first arrived, read back from the bodies. */
    public List<AnalysisResult> results() {
        List<AnalysisResult> parsed = new ArrayList<>(results.size());
        results.values().forEach(stored -> parsed.add(parse(stored.location())));
        return parsed;
    }

    public int resultCount() {
        return results.size();
    }

    /** Provenance details of a source, as the result with its smallest key records them; empty before any result. */
    public Map<String, String> provenance(SourceRef source) {
        String key = provenanceKeys.get(SourceKeys.sourceKey(source));
        return key == null ? Map.of()
                : new TreeMap<>(parse(results.get(key).location()).getProvenance().getDetailsMap());
    }

    private AnalysisResult parse(ResultBodies.Location location) {
        try {
            return AnalysisResult.parseFrom(bodies.read(location));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("run " + runId + ": a stored result body no longer parses at " + location,
                    e);
        }
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public int failedAnalyses() {
        return failures.values().stream().mapToInt(Set::size).sum();
    }

    /** One result in the index: whose count it belongs to and where its body lies. */
    private record StoredResult(AnalysisCount count, ResultBodies.Location location) {
    }

    /** How many distinct results of one analysis of one source have arrived, and how many its pass makes. */
    private static final class AnalysisCount {
        private int arrived;
        private int expected = 1;

        void add(boolean newKey, int resultsInPass) {
            if (newKey) {
                arrived++;
            }
            expected = Math.max(expected, resultsInPass);
        }

        boolean complete() {
            return arrived >= expected;
        }
    }
}
