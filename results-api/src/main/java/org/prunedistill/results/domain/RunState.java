package org.prunedistill.results.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prunedistill.claimcheck.SourceKeys;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceRef;

/**
 * Everything known about one run, folded from its events and results. Results are keyed by result key, so a replayed
 * or duplicated result overwrites and never counts twice. Not thread-safe: {@link RunCatalog} serialises access.
 */
public final class RunState {

    /** The analyses every source gets. */
    public static final List<String> ANALYSES = List.of("intrinsic-dimension", "information");

    private final String runId;
    private RunSpec spec = RunSpec.getDefaultInstance();
    private RunPhase phase = RunPhase.SUBMITTED;
    private long submittedAtMs;
    private long updatedAtMs;
    private String progress = "";
    private String failureReason = "";
    private boolean extractionFinished;
    private final Map<String, SourceRef> sources = new LinkedHashMap<>();
    private final Map<String, Set<String>> failures = new LinkedHashMap<>();
    private final Map<String, AnalysisResult> results = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    public RunState(String runId) {
        this.runId = runId;
    }

    /** Folds one lifecycle event in. */
    public void apply(RunEvent event) {
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
                        .add(event.getSourceFailed().getAnalysis() + ": " + event.getSourceFailed().getReason());
            }
            case WARNING -> warnings.add(event.getWarning().getReason());
            case FAILED -> {
                phase = RunPhase.FAILED;
                failureReason = event.getFailed().getReason();
            }
            default -> {
                // Completion is derived from the results; the event only records it for other consumers.
            }
        }
        updatePhase();
    }

    /** Folds one result in, replacing an earlier result with the same key. */
    public void apply(AnalysisResult result) {
        addSource(result.getSource());
        results.put(result.getResultKey(), result);
        updatedAtMs = Math.max(updatedAtMs, result.getProvenance().getCreatedAtMs());
        updatePhase();
    }

    private void addSource(SourceRef source) {
        sources.putIfAbsent(SourceKeys.sourceKey(source), source);
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
                .forEach(failure -> done.add(failure.substring(0, failure.indexOf(':'))));
        return done.containsAll(ANALYSES);
    }

    /**
     * Analyses of a source whose results have all arrived (as many keys as each result says its pass made), in
     * alphabetical order whatever order they arrived in.
     */
    public List<String> analysesDone(SourceRef source) {
        String key = SourceKeys.sourceKey(source);
        Map<String, List<AnalysisResult>> byAnalysis = new java.util.TreeMap<>();
        for (AnalysisResult result : results.values()) {
            if (SourceKeys.sourceKey(result.getSource()).equals(key)) {
                byAnalysis.computeIfAbsent(result.getAnalysis(), ignored -> new ArrayList<>()).add(result);
            }
        }
        List<String> done = new ArrayList<>();
        byAnalysis.forEach((analysis, list) -> {
            int expected = list.stream().mapToInt(AnalysisResult::getResultsInPass).max().orElse(1);
            if (list.size() >= expected) {
                done.add(analysis);
            }
        });
        return done;
    }

    public List<String> failures(SourceRef source) {
        return new ArrayList<>(failures.getOrDefault(SourceKeys.sourceKey(source), Set.of()));
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

    public Collection<AnalysisResult> results() {
        return List.copyOf(results.values());
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public int failedAnalyses() {
        return failures.values().stream().mapToInt(Set::size).sum();
    }
}
