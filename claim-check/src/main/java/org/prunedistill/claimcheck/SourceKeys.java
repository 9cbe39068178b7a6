package org.prunedistill.claimcheck;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

/** Kafka keys and result keys derived from a source, so every service computes them the same way. */
public final class SourceKeys {

    private SourceKeys() {
    }

    /** {@code <run>/<layer|area>/<name>/<checkpoint>}: the key of every activation event of one source. */
    public static String sourceKey(SourceRef source) {
        return source.getRunId() + "/" + kindName(source.getKind()) + "/" + source.getName() + "/"
                + source.getCheckpoint();
    }

    /**
     * The key of one analysis result: the source, the analysis, the estimator and a hash of its parameters, so that a
     * replay with the same parameters overwrites and one with other parameters stands beside it.
     */
    public static String resultKey(SourceRef source, String analysis, String estimator,
                                   Map<String, String> parameters) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(parameters).forEach((name, value) -> canonical.append(name).append('=').append(value)
                .append('\n'));
        String hash = ObjectKeys.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        return sourceKey(source) + "/" + analysis + "/" + estimator + "/" + hash;
    }

    /** "layer" or "area". */
    public static String kindName(SourceKind kind) {
        return switch (kind) {
            case SOURCE_KIND_LAYER -> "layer";
            case SOURCE_KIND_AREA -> "area";
            default -> "unknown";
        };
    }
}
