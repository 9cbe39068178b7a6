package org.prunedistill.claimcheck;

import java.util.Map;

/**
 * The Kafka topics of the pipeline, with the settings they are created with. {@code proto/README.md} says who
 * produces and consumes each.
 */
public enum Topic {
    /** Run lifecycle, key = run id. */
    RUN_EVENTS("pd.run-events", 3, false),
    /** Activation batches and source manifests, key = source key, so one source stays ordered on one partition. */
    ACTIVATIONS("pd.activations", 6, false),
    /** Analysis results, key = result key; compacted so that a replay overwrites instead of duplicating. */
    RESULTS("pd.results", 3, true),
    RUN_EVENTS_DEAD_LETTERS("pd.run-events.dlq", 1, false),
    ACTIVATIONS_DEAD_LETTERS("pd.activations.dlq", 1, false),
    RESULTS_DEAD_LETTERS("pd.results.dlq", 1, false);

    private final String topicName;
    private final int partitions;
    private final boolean compacted;

    Topic(String topicName, int partitions, boolean compacted) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.compacted = compacted;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    /** Topic-level configuration to create the topic with. */
    public Map<String, String> config() {
        return compacted
                ? Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1", "segment.ms", "600000")
                : Map.of();
    }
}
