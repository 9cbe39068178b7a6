package org.prunedistill.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.messaging.Topic;

class EmbeddedStackTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void keepsRecordsTopicsAndObjectsAcrossARestart() throws Exception {
        ObjectRef tensor;
        try (EmbeddedStack stack = EmbeddedStack.start(data)) {
            produce(stack.bootstrapServers(), "run-1", "hello");
            tensor = ObjectStore.connect(stack.storeSettings()).putTensor(FloatTensor.ofFloats(new float[] {1, 2, 3}, 3));
        }
        try (EmbeddedStack stack = EmbeddedStack.start(data)) {
            assertEquals(List.of("hello"), consumeAll(stack.bootstrapServers(), 1));
            FloatTensor back = ObjectStore.connect(stack.storeSettings()).fetchTensor(tensor);
            assertArrayEquals(new float[] {1, 2, 3}, back.data());
        }
    }

    @Test
    void createsEveryTopicWithItsPartitionsAndCompactsResults() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(data);
             Admin admin = Admin.create(Map.<String, Object>of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            for (Topic topic : Topic.values()) {
                assertTrue(names.contains(topic.topicName()), topic.topicName());
                int partitions = admin.describeTopics(List.of(topic.topicName())).allTopicNames().get()
                        .get(topic.topicName()).partitions().size();
                assertEquals(topic.partitions(), partitions, topic.topicName());
            }
            ConfigResource results = new ConfigResource(ConfigResource.Type.TOPIC, Topic.RESULTS.topicName());
            Config config = admin.describeConfigs(List.of(results)).all().get().get(results);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
    }

    @Test
    void keepsTheRunLogForeverWhateverTheBrokerDefaults() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(data);
             Admin admin = Admin.create(Map.<String, Object>of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Config runLog = topicConfig(admin, Topic.RUN_EVENTS);
            assertEquals("-1", runLog.get("retention.ms").value());
            assertEquals("-1", runLog.get("retention.bytes").value());
            assertEquals("delete", runLog.get("cleanup.policy").value(), "never compacted: its key is the run id");
            assertEquals("604800000", topicConfig(admin, Topic.ACTIVATIONS).get("retention.ms").value(),
                    "activations keep Kafka's default of 7 days");
            String broker = Integer.toString(admin.describeCluster().nodes().get().iterator().next().id());
            ConfigResource brokerConfig = new ConfigResource(ConfigResource.Type.BROKER, broker);
            assertEquals(EmbeddedKafka.KEEP_OFFSETS_MINUTES, admin.describeConfigs(List.of(brokerConfig)).all().get()
                    .get(brokerConfig).get("offsets.retention.minutes").value(),
                    "a group's offsets outlive a long stop, so the kept run log is not read again from its start");
        }
    }

    @Test
    void migratesARunLogCreatedWithTheDefaultRetention() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(data);
             Admin admin = Admin.create(Map.<String, Object>of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            // As versions before the run log was kept forever left it: no override, the broker's 7 days.
            ConfigResource runLog = new ConfigResource(ConfigResource.Type.TOPIC, Topic.RUN_EVENTS.topicName());
            admin.incrementalAlterConfigs(Map.of(runLog, List.of(
                    new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE),
                    new AlterConfigOp(new ConfigEntry("retention.bytes", ""), AlterConfigOp.OpType.DELETE))))
                    .all().get();
            assertEquals("604800000", topicConfig(admin, Topic.RUN_EVENTS).get("retention.ms").value());
        }
        try (EmbeddedStack stack = EmbeddedStack.start(data);
             Admin admin = Admin.create(Map.<String, Object>of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertEquals("-1", topicConfig(admin, Topic.RUN_EVENTS).get("retention.ms").value());
            assertEquals("-1", topicConfig(admin, Topic.RUN_EVENTS).get("retention.bytes").value());
        }
    }

    private static Config topicConfig(Admin admin, Topic topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName());
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    @Test
    void activationsPartitionCountIsConfigurable() throws Exception {
        System.setProperty("pd.activations.partitions", "2");
        try (EmbeddedStack stack = EmbeddedStack.start(data);
             Admin admin = Admin.create(Map.<String, Object>of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertEquals(2, admin.describeTopics(List.of(Topic.ACTIVATIONS.topicName())).allTopicNames().get()
                    .get(Topic.ACTIVATIONS.topicName()).partitions().size());
            assertEquals(Topic.RESULTS.partitions(), admin.describeTopics(List.of(Topic.RESULTS.topicName()))
                    .allTopicNames().get().get(Topic.RESULTS.topicName()).partitions().size(), "others unchanged");
        } finally {
            System.clearProperty("pd.activations.partitions");
        }
    }

    @Test
    void invalidActivationsPartitionCountIsNamed() {
        System.setProperty("pd.activations.partitions", "zero");
        try {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> EmbeddedStack.partitions(Topic.ACTIVATIONS));
            assertTrue(error.getMessage().contains("PD_ACTIVATIONS_PARTITIONS") && error.getMessage().contains("zero"),
                    error.getMessage());
        } finally {
            System.clearProperty("pd.activations.partitions");
        }
    }

    @Test
    void storeVerifiesClaimsAgainstTheRealServer() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(data)) {
            ObjectStore store = ObjectStore.connect(stack.storeSettings());
            ObjectRef ref = store.putDocument("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

            ObjectRef lying = ref.toBuilder().setSha256("0".repeat(64)).build();
            ClaimCheckException mismatch = assertThrows(ClaimCheckException.class, () -> store.fetch(lying));
            assertEquals(ClaimCheckException.Problem.CHECKSUM_MISMATCH, mismatch.problem());

            ObjectRef missing = ref.toBuilder().setKey("documents/" + "a".repeat(64) + ".json").build();
            ClaimCheckException absent = assertThrows(ClaimCheckException.class, () -> store.fetch(missing));
            assertEquals(ClaimCheckException.Problem.MISSING_OBJECT, absent.problem());

            ObjectRef traversal = ref.toBuilder().setKey("../etc/passwd").build();
            ClaimCheckException invalid = assertThrows(ClaimCheckException.class, () -> store.fetch(traversal));
            assertEquals(ClaimCheckException.Problem.INVALID_KEY, invalid.problem());
        }
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topic.RUN_EVENTS.topicName(), key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topic.RUN_EVENTS.topicName()));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
