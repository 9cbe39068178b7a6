package org.prunedistill.messaging;

import java.util.Map;

/**
 * The Kafka topics of the pipeline, with the settings they are created with. {@code proto/README.md} says who
 * produces and consumes each.
 */
public enum Topic {
    /**
     * Run lifecycle, key = run id. Kept forever: results-api rebuilds every run's spec, status and failures from it at
     * each start, so it must live as long as the run's results on {@code pd.results}.
     */
    RUN_EVENTS("pd.run-events", 3, Retention.FOREVER),
    /** Activation batches and source manifests, key = source key, so one source stays ordered on one partition. */
    ACTIVATIONS("pd.activations", 6, Retention.BROKER_DEFAULT),
    /** Analysis results, key = result key; compacted so that a replay overwrites instead of duplicating. */
    RESULTS("pd.results", 3, Retention.COMPACTED),
    RUN_EVENTS_DEAD_LETTERS("pd.run-events.dlq", 1, Retention.BROKER_DEFAULT),
    ACTIVATIONS_DEAD_LETTERS("pd.activations.dlq", 1, Retention.BROKER_DEFAULT),
    RESULTS_DEAD_LETTERS("pd.results.dlq", 1, Retention.BROKER_DEFAULT);

    /** How long a topic keeps its records. */
    public enum Retention {
        /** The broker's {@code log.retention.*} (Kafka's default: 7 days): records that can be produced again. */
        BROKER_DEFAULT(Map.of()),
        /** The latest record of each key, for ever. */
        COMPACTED(Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1", "segment.ms", "600000")),
        /** Every record, for ever, whatever the broker's defaults: neither time nor size deletes any. */
        FOREVER(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));

        private final Map<String, String> config;

        Retention(Map<String, String> config) {
            this.config = config;
        }
    }

    private final String topicName;
    private final int partitions;
    private final Retention retention;

    Topic(String topicName, int partitions, Retention retention) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.retention = retention;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    public Retention retention() {
        return retention;
    }

    /**
     * Topic-level configuration to create the topic with, and to set on a topic that exists (the deployments' topic
     * jobs and the embedded stack apply it to existing topics too, so that an older deployment is migrated).
     */
    public Map<String, String> config() {
        return retention.config;
    }
}
