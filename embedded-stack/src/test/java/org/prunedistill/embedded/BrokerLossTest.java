package org.prunedistill.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.messaging.Topic;

/**
 * The embedded stack on a cluster of three brokers: topics with three replicas and {@code min.insync.replicas} 2; a
 * broker killed without a controlled shutdown loses its leaderships to the replicas in sync, writes with
 * {@code acks=all} go on with two, and the broker restarted on its port and log directory catches up.
 */
class BrokerLossTest {

    /** Kafka's broker session timeout (9 s) plus the time to elect and publish new leaders, with room for load. */
    private static final Duration FAILOVER_DEADLINE = Duration.ofMinutes(1);
    private static final TopicPartition RESULTS_0 = new TopicPartition(Topic.RESULTS.topicName(), 0);

    @TempDir
    Path data;

    @Test
    void aKilledBrokersLeadershipMovesToTheReplicasInSyncAndItRejoinsOnItsPortAndLog() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(data, EmbeddedStack.Ports.ANY, 3);
             Admin admin = admin(stack.bootstrapServers())) {
            EmbeddedKafka kafka = stack.kafka();
            assertEquals(List.of(100, 101, 102), kafka.brokerIds());
            for (Topic topic : Topic.values()) {
                for (TopicPartitionInfo partition : describe(admin, topic.topicName()).partitions()) {
                    assertEquals(3, partition.replicas().size(), topic.topicName() + " " + partition);
                    assertEquals(3, partition.isr().size(), topic.topicName() + " " + partition);
                }
                assertEquals("2", topicConfig(admin, topic.topicName(), "min.insync.replicas"), topic.topicName());
            }
            send(stack.bootstrapServers(), "before");
            int victim = describe(admin, RESULTS_0.topic()).partitions().get(RESULTS_0.partition()).leader().id();
            String victimAddress = "127.0.0.1:" + kafka.port(victim);

            kafka.killBroker(victim);

            Path victimLog = data.resolve("kafka/broker-" + victim);
            assertFalse(Files.exists(victimLog.resolve(KafkaNode.CLEAN_SHUTDOWN_MARKER)),
                    "the killed broker's log is left as a crash leaves it");
            await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> everyPartition(admin, partition -> partition.leader() != null
                            && partition.leader().id() != victim && partition.isr().size() == 2
                            && partition.isr().stream().noneMatch(node -> node.id() == victim)));
            send(stack.bootstrapServers(), "during");

            kafka.restartBroker(victim);

            await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> everyPartition(admin, partition -> partition.isr().size() == 3));
            // Back as leader of the partition it led, read through its own address alone: its recovered log holds
            // the record written before the kill, and the one written while it was down has been replicated to it.
            admin.electLeaders(ElectionType.PREFERRED, Set.of(RESULTS_0)).partitions().get();
            await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                    describe(admin, RESULTS_0.topic()).partitions().get(RESULTS_0.partition()).leader().id() == victim);
            assertEquals(List.of("before", "during"), readPartition(victimAddress, 2));
        }
    }

    @Test
    void aClusterNeedsAsManyBrokersAsItsTopicsHaveReplicasAndFreePorts() {
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedStack.start(data, EmbeddedStack.Ports.ANY, 2));
        assertTrue(two.getMessage().contains("at least 3 brokers") && two.getMessage().contains("got 2"),
                two.getMessage());
        IllegalArgumentException fixedPorts = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedStack.start(data, EmbeddedStack.Ports.DEFAULT, 3));
        assertTrue(fixedPorts.getMessage().contains("free ports"), fixedPorts.getMessage());
    }

    @Test
    void theEmbeddedDefaultIsOneNodeAndItsProducersAskEveryReplicaInSync() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(data); Admin admin = admin(stack.bootstrapServers())) {
            assertEquals(1, admin.describeCluster().nodes().get().size());
            assertEquals(1, describe(admin, Topic.RESULTS.topicName()).partitions().get(0).replicas().size());
            assertEquals("1", topicConfig(admin, Topic.RESULTS.topicName(), "min.insync.replicas"));
            assertThrows(IllegalStateException.class, () -> stack.kafka().killBroker(1));
            Map<String, String> environment = stack.serviceEnvironment();
            assertEquals("all", environment.get("KAFKA_ACKS"));
            assertEquals("true", environment.get("KAFKA_ENABLE_IDEMPOTENCE"));
        }
    }

    private interface PartitionCondition {
        boolean holds(TopicPartitionInfo partition);
    }

    private static boolean everyPartition(Admin admin, PartitionCondition condition) throws Exception {
        List<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        return admin.describeTopics(names).allTopicNames().get().values().stream()
                .flatMap(description -> description.partitions().stream()).allMatch(condition::holds);
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static String topicConfig(Admin admin, String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Writes one record to partition 0 of pd.results as the services do: every replica in sync, idempotent. */
    private static void send(String bootstrap, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(RESULTS_0.topic(), RESULTS_0.partition(), value, value)).get();
        }
    }

    /** Reads partition 0 of pd.results from its start until {@code expected} records have come, or 30 s. */
    private static List<String> readPartition(String bootstrap, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.assign(List.of(RESULTS_0));
            consumer.seekToBeginning(List.of(RESULTS_0));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
