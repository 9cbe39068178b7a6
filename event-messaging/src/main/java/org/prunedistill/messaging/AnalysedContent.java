package org.prunedistill.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;

/**
 * The results of the last sources an analyser analysed, by their content: a source whose manifest holds the same
 * tensors, stimulus table, unit features and shapes as one analysed before gets that source's results, addressed to
 * it, instead of a second analysis. The input layer of a network is the same at every checkpoint, so a run over eight
 * checkpoints analyses its pixels once, not eight times. The analyses are deterministic functions of that content and
 * of the analyser's settings, which do not change while it runs; a manifest's source and provenance (model,
 * checkpoint, creation time) are not read by any analysis, so they are not part of the content. Each reused result
 * names the source it was computed for in its provenance ({@value #REUSED_FROM}). At most {@link #capacity} contents
 * are kept, the least recently used leaving first. Thread-safe.
 */
final class AnalysedContent {

    /** Provenance detail of a reused result: the source key of the source it was computed for. */
    static final String REUSED_FROM = "analysis_reused_from";

    private final int capacity;
    private final Map<String, Analysed> byContent;

    /** Results of one analysed source. */
    private record Analysed(SourceRef source, List<AnalysisResult> results) {
    }

    /**
     * Results reused for a source.
     *
     * @param from    source key of the source they were computed for
     * @param results addressed to the new source
     */
    record Reused(String from, List<AnalysisResult> results) {
    }

    AnalysedContent(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
        this.byContent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Analysed> eldest) {
                return size() > AnalysedContent.this.capacity;
            }
        };
    }

    /** SHA-256 of the analysis name and of the manifest without its source and provenance. */
    static String contentKey(String analysis, SourceManifest manifest) {
        byte[] content = SourceKeys.canonicalBytes(manifest.toBuilder().clearSource().clearProvenance().build());
        byte[] name = analysis.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] keyed = new byte[name.length + 1 + content.length];
        System.arraycopy(name, 0, keyed, 0, name.length);
        System.arraycopy(content, 0, keyed, name.length + 1, content.length);
        return Sha256.hex(keyed);
    }

    /**
     * The results of an earlier source with the manifest's content, addressed to the manifest's source: its source,
     * result keys, input hash and creation time, and {@value #REUSED_FROM} in the provenance. Empty when no such
     * source is kept, or when it is the same source (a replay is analysed again).
     */
    synchronized Optional<Reused> find(String analysis, SourceManifest manifest) {
        Analysed earlier = byContent.get(contentKey(analysis, manifest));
        if (earlier == null || earlier.source().equals(manifest.getSource())) {
            return Optional.empty();
        }
        String from = SourceKeys.sourceKey(earlier.source());
        String to = SourceKeys.sourceKey(manifest.getSource());
        String input = Sha256.hex(manifest.toByteArray());
        long now = System.currentTimeMillis();
        return Optional.of(new Reused(from, earlier.results().stream().map(result -> result.toBuilder()
                .setSource(manifest.getSource())
                .setResultKey(to + result.getResultKey().substring(from.length()))
                .setInputSha256(input)
                .setProvenance(result.getProvenance().toBuilder().setCreatedAtMs(now).putDetails(REUSED_FROM, from))
                .build()).toList()));
    }

    /** Keeps a source's results for later sources with the same content. */
    synchronized void remember(String analysis, SourceManifest manifest, List<AnalysisResult> results) {
        String from = SourceKeys.sourceKey(manifest.getSource());
        if (capacity == 0 || results.stream().anyMatch(result -> !result.getResultKey().startsWith(from + "/"))) {
            return;
        }
        byContent.put(contentKey(analysis, manifest), new Analysed(manifest.getSource(), List.copyOf(results)));
    }
}
