package org.prunedistill.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.messaging.Topic;

/**
 * The embedded default: an in-process Kafka broker and S3 server on loopback, with the pipeline's topics and bucket
 * created. Everything lives under one data directory ({@code kafka/} and {@code s3/}) and survives a restart. The same
 * stack with a cluster of Kafka brokers instead ({@link #start(Path, Ports, int)}) is what the broker-loss test runs.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** Bucket of the pipeline. */
    public static final String BUCKET = "prune-distill";
    /**
     * Environment variable (or system property {@code pd.activations.partitions}) setting the partitions of
     * {@code pd.activations} when the stack creates it: the most analyser consumers that can share its work.
     */
    public static final String ACTIVATIONS_PARTITIONS = "PD_ACTIVATIONS_PARTITIONS";

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
    }

    /** Starts on the given ports (0 = any free port), with one Kafka node: the embedded default. */
    public static EmbeddedStack start(Path dataDirectory, Ports ports) throws Exception {
        return start(dataDirectory, ports, 1);
    }

    /**
     * Starts on the given ports with {@code brokers} Kafka brokers: 1 is the embedded default (one node, broker and
     * controller); 3 or more a cluster with a dedicated controller whose topics have three replicas and
     * {@code min.insync.replicas} 2 ({@link EmbeddedKafka#startCluster}), on free ports.
     */
    public static EmbeddedStack start(Path dataDirectory, Ports ports, int brokers) throws Exception {
        if (brokers != 1 && (ports.kafka() != 0 || ports.controller() != 0)) {
            throw new IllegalArgumentException("a Kafka cluster of " + brokers + " brokers runs on free ports; got "
                    + ports);
        }
        Path kafkaDirectory = dataDirectory.resolve("kafka");
        EmbeddedKafka kafka = brokers == 1
                ? EmbeddedKafka.start(kafkaDirectory, ports.kafka(), ports.controller())
                : EmbeddedKafka.startCluster(kafkaDirectory, brokers);
        EmbeddedS3 s3;
        try {
            s3 = EmbeddedS3.start(dataDirectory.resolve("s3"), ports.s3());
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        EmbeddedStack stack = new EmbeddedStack(kafka, s3);
        try {
            stack.createTopics();
            ObjectStore.connect(stack.storeSettings()).ensureBucket();
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Starts on free ports. */
    public static EmbeddedStack start(Path dataDirectory) throws Exception {
        return start(dataDirectory, Ports.ANY);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The Kafka brokers, for tests that lose one ({@link EmbeddedKafka#killBroker}). */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The S3 server, for tests that take it away for a while ({@link EmbeddedS3#stop()}, {@link EmbeddedS3#resume()}). */
    public EmbeddedS3 s3() {
        return s3;
    }

    public StoreSettings storeSettings() {
        return new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, BUCKET,
                EmbeddedS3.REGION);
    }

    /** The environment a service needs to use this stack (the same variables as against external Kafka and MinIO). */
    public Map<String, String> serviceEnvironment() {
        return serviceEnvironment(bootstrapServers(), s3.endpoint());
    }

    /** The environment a service needs to use the stack that {@code ./pd up} runs on its default ports. */
    public static Map<String, String> defaultServiceEnvironment() {
        return serviceEnvironment("127.0.0.1:" + Ports.DEFAULT.kafka(), "http://127.0.0.1:" + Ports.DEFAULT.s3());
    }

    private static Map<String, String> serviceEnvironment(String bootstrapServers, String s3Endpoint) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        // As in every deployment: a write is acknowledged once every in-sync replica has it, and a retried send is
        // never written twice. On the single node the in-sync replicas are the leader alone, so this waits for
        // nothing more than acks=1 did; on a cluster it is what keeps a record that a lost leader acknowledged.
        environment.put("KAFKA_ACKS", "all");
        environment.put("KAFKA_ENABLE_IDEMPOTENCE", "true");
        environment.put("PD_STORE_ENDPOINT", s3Endpoint);
        environment.put("PD_STORE_ACCESS_KEY", EmbeddedS3.ACCESS_KEY);
        environment.put("PD_STORE_SECRET_KEY", EmbeddedS3.SECRET_KEY);
        environment.put("PD_STORE_BUCKET", BUCKET);
        environment.put("PD_STORE_REGION", EmbeddedS3.REGION);
        return environment;
    }

    /**
     * Creates the missing topics with their {@link Topic#config()} (and, on a cluster, {@code min.insync.replicas}),
     * and sets that configuration on the topics a data directory already holds, so that one made by an older version
     * keeps its run log for ever as this one does.
     */
    private void createTopics() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            Map<ConfigResource, Collection<AlterConfigOp>> settings = new LinkedHashMap<>();
            for (Topic topic : Topic.values()) {
                Map<String, String> config = topicConfig(topic);
                if (!existing.contains(topic.topicName())) {
                    missing.add(new NewTopic(topic.topicName(), partitions(topic), kafka.replicationFactor())
                            .configs(config));
                } else if (!config.isEmpty()) {
                    settings.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()),
                            config.entrySet().stream().map(entry -> new AlterConfigOp(
                                    new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                                    .toList());
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            if (!settings.isEmpty()) {
                admin.incrementalAlterConfigs(settings).all().get();
            }
        }
    }

    /** {@link Topic#config()}, plus {@code min.insync.replicas} where a topic has more than one replica. */
    private Map<String, String> topicConfig(Topic topic) {
        if (kafka.replicationFactor() == 1) {
            return topic.config();
        }
        Map<String, String> config = new LinkedHashMap<>(topic.config());
        config.put("min.insync.replicas", Integer.toString(kafka.minInSyncReplicas()));
        return config;
    }

    /**
     * Partitions a topic is created with: {@link Topic#partitions()}, except {@code pd.activations} when
     * {@value #ACTIVATIONS_PARTITIONS} (or {@code pd.activations.partitions}) is set. An existing topic keeps its
     * count.
     */
    static int partitions(Topic topic) {
        if (topic != Topic.ACTIVATIONS) {
            return topic.partitions();
        }
        String value = System.getProperty("pd.activations.partitions", System.getenv(ACTIVATIONS_PARTITIONS));
        if (value == null || value.isBlank()) {
            return topic.partitions();
        }
        try {
            int partitions = Integer.parseInt(value.strip());
            if (partitions >= 1) {
                return partitions;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw new IllegalArgumentException(ACTIVATIONS_PARTITIONS + " (pd.activations.partitions) must be a positive"
                + " integer, got '" + value + "'");
    }

    /** Topic names, for logs. */
    public static String topicNames() {
        return java.util.Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.joining(", "));
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        try {
            s3.close();
        } catch (Exception e) {
            failure = e;
        }
        kafka.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** Loopback ports of the stack; 0 picks a free port. */
    public record Ports(int kafka, int controller, int s3) {
        public static final Ports ANY = new Ports(0, 0, 0);
        /** The ports ./pd up uses, so that clients find the stack without configuration. */
        public static final Ports DEFAULT = new Ports(9092, 9093, 9100);
    }
}
