package org.prunedistill.launcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.messaging.Topic;

/**
 * A replay of one run by one analyser with changed settings: one more instance of the analyser, in a consumer group of
 * its own (so it reads {@code pd.activations} from the beginning), analysing only that run ({@code PD_REPLAY_RUNS})
 * with the given settings. Results are keyed by their parameters, so the changed ones appear beside the old results
 * and the unchanged ones overwrite theirs with the same values. The replay is done when its group has read the topic to
 * the end. Used by {@code ./pd replay} and the replay system test.
 *
 * @param analyser {@code id-estimator} or {@code info-decoder}
 * @param runId    the run to analyse again
 * @param settings configuration keys of the analyser ({@code pd.id.*} or {@code pd.info.*}) and their new values
 */
public record Replay(String analyser, String runId, SortedMap<String, String> settings) {

    private static final Map<String, String> SETTINGS_PREFIX = Map.of("id-estimator", "pd.id.",
            "info-decoder", "pd.info.");
    /** Where each analyser's settings are listed. */
    private static final Map<String, String> SETTINGS_DOCS = Map.of("id-estimator", "id-estimator/service/README.md",
            "info-decoder", "info-decoder/README.md");
    private static final Pattern KEY = Pattern.compile("[a-z0-9.-]+");

    /** @throws IllegalArgumentException naming what is wrong: an unknown analyser, another service's setting, ... */
    public Replay {
        String prefix = SETTINGS_PREFIX.get(analyser);
        if (prefix == null) {
            throw new IllegalArgumentException("cannot replay with '" + analyser + "': the analysers are "
                    + String.join(", ", new TreeMap<>(SETTINGS_PREFIX).keySet()));
        }
        if (runId.isBlank() || runId.contains("/")) {
            throw new IllegalArgumentException("'" + runId + "' is not a run id");
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one changed setting (--set " + prefix
                    + "<key>=<value>); with the same settings it would only reproduce the results there are");
        }
        for (String key : settings.keySet()) {
            if (!key.startsWith(prefix) || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("setting '" + key + "' is not one of " + analyser + "'s: its keys"
                        + " start with " + prefix + " (listed in " + SETTINGS_DOCS.get(analyser) + ")");
            }
        }
        settings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }

    /** Parses {@code key=value} pairs as given on a command line. */
    public static SortedMap<String, String> parseSettings(List<String> pairs) {
        SortedMap<String, String> settings = new TreeMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("--set takes key=value, got '" + pair + "'");
            }
            settings.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return settings;
    }

    /**
     * The replay's consumer group: the analyser's name and a hash of the run and settings, so the same replay asked
     * twice finds its work done, and another one starts from the beginning.
     */
    public String groupId() {
        return analyser + "-replay-" + Sha256.hex(runId + "\n" + settings).substring(0, 12);
    }

    /** The instance as the launcher starts it: its log is named after the group. */
    public ServiceSpec spec() {
        ServiceSpec first = ServiceSpec.DEFAULTS.stream().filter(spec -> spec.name().equals(analyser)).findFirst()
                .orElseThrow();
        return new ServiceSpec(groupId(), first.moduleDir(), 0, -1, first.maxHeapMb(), first.settings());
    }

    /** What the instance needs on top of the environment of the other services. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MP_MESSAGING_INCOMING_ACTIVATIONS_GROUP_ID", groupId());
        environment.put("PD_REPLAY_RUNS", runId);
        settings.forEach((key, value) -> environment.put(environmentName(key), value));
        return environment;
    }

    /** {@code pd.id.pca-threshold} as an environment variable: {@code PD_ID_PCA_THRESHOLD}. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Records of {@code pd.activations} the replay's group has not yet read (committed) on any partition. */
    public long remaining(String bootstrapServers) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId())
                    .partitionsToOffsetAndMetadata().get();
            int partitions = admin.describeTopics(List.of(Topic.ACTIVATIONS.topicName())).allTopicNames().get()
                    .get(Topic.ACTIVATIONS.topicName()).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(Topic.ACTIVATIONS.topicName(), partition), OffsetSpec.latest());
            }
            long remaining = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get()
                    .entrySet()) {
                OffsetAndMetadata read = committed.get(end.getKey());
                remaining += Math.max(0, end.getValue().offset() - (read == null ? 0 : read.offset()));
            }
            return remaining;
        }
    }

    /**
     * Waits until the group has read {@code pd.activations} to the end, telling {@code progress} the records left
     * whenever that count changes.
     *
     * @throws IllegalStateException if it has not within {@code timeout}
     */
    public void awaitDone(String bootstrapServers, Duration timeout, LongConsumer progress)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (true) {
            long remaining = remaining(bootstrapServers);
            if (remaining != last) {
                progress.accept(remaining);
                last = remaining;
            }
            if (remaining == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay (consumer group " + groupId() + ") still had " + remaining
                        + " records of " + Topic.ACTIVATIONS.topicName() + " to read after " + timeout);
            }
            Thread.sleep(500);
        }
    }

}
