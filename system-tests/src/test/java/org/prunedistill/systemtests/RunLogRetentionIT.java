package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.api.v1.ResultUpdate;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.ServiceSpec;
import org.prunedistill.messaging.Topic;

/**
 * No run is ever forgotten: the four services on a system of their own, one run completed, then the broker's
 * default retention (Kafka's 7 days in production) shortened to a second, as if weeks had passed. A copy of the run
 * log in a topic created as {@code pd.run-events} was before (no retention of its own) is aged out to its last
 * record; the run log itself, created by the embedded stack as every deployment creates it
 * ({@link Topic.Retention#FOREVER}), keeps every record, and a restarted results-api serves the run as before: spec,
 * status, provenance, every result, the profiles and the findings. The system is this test's own, since the short
 * retention also ages out {@code pd.activations}, which other tests replay.
 */
class RunLogRetentionIT {

    private static final String RUN_ID = "kept-forever";
    /** The broker-wide retention the test sets: every topic without a retention of its own loses its records. */
    private static final String AGED_RETENTION_MS = "1000";
    /** A topic created as pd.run-events was before it was kept forever, holding a copy of the run log. */
    private static final String RUN_LOG_AS_BEFORE = "run-events-with-the-broker-retention";
    private static final Duration AGE_OUT_DEADLINE = Duration.ofMinutes(1);
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(1);

    @TempDir
    static Path data;

    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        List<ServiceSpec> services = ServiceSpec.withDecodingProfile(ServiceSpec.DEFAULTS.stream()
                .map(ServiceSpec::onFreePorts).toList(), "quick");
        system = LocalSystem.start(repository, data, EmbeddedStack.Ports.ANY, services, message -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aRunOutlivesTheBrokerRetentionAndARestartedResultsApiServesItAsBefore() throws Exception {
        Served before;
        try (RunClient client = new RunClient(system.grpcTarget())) {
            client.submit(RUN_ID, RunSpec.newBuilder()
                    .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(5).setTrials(2))
                    .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")
                            .addLayers("fc1"))
                    .build());
            Run done = client.follow(RUN_ID, RunningSystem.RUN_TIMEOUT, run -> { });
            assertEquals(RunStatus.RUN_STATUS_COMPLETED, done.getStatus(), done.getFailureReason());
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.stack().bootstrapServers()))) {
            Map<TopicPartition, Long> runLogEnds = offsets(admin, Topic.RUN_EVENTS.topicName(), OffsetSpec.latest());
            copyRunLogToATopicAsItWasCreatedBefore(admin);
            ageEveryTopicWithoutARetentionOfItsOwn(admin);

            await().atMost(AGE_OUT_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() ->
                    offsets(admin, RUN_LOG_AS_BEFORE, OffsetSpec.earliest())
                            .equals(offsets(admin, RUN_LOG_AS_BEFORE, OffsetSpec.latest())));
            assertTrue(offsets(admin, RUN_LOG_AS_BEFORE, OffsetSpec.latest()).values().stream()
                    .mapToLong(Long::longValue).sum() > 0, "the copy held the run log before it aged out");
            Map<TopicPartition, Long> runLogStarts = offsets(admin, Topic.RUN_EVENTS.topicName(),
                    OffsetSpec.earliest());
            assertTrue(runLogStarts.values().stream().allMatch(start -> start == 0),
                    "the run log kept its first records: " + runLogStarts);
            // Every record read at completion is still there (the log starts at 0 and reaches at least as far);
            // it may have grown since: the analysers' last progress events can land after the run completed.
            Map<TopicPartition, Long> runLogNow = offsets(admin, Topic.RUN_EVENTS.topicName(), OffsetSpec.latest());
            assertEquals(runLogEnds.keySet(), runLogNow.keySet());
            assertTrue(runLogEnds.entrySet().stream().allMatch(end -> runLogNow.get(end.getKey()) >= end.getValue()),
                    "the run log holds every record it held at completion: " + runLogEnds + " then " + runLogNow);
        }
        // What the live catalog serves once the run log has stopped growing: read at completion, it could miss the
        // analysers' last progress events, which may land in the run log just after the run completed.
        try (RunClient client = new RunClient(system.grpcTarget())) {
            before = Served.now(client);
        }
        assertTrue(before.run().getSourcesCount() > 0 && before.run().getSourcesList().stream()
                .noneMatch(source -> source.getProvenanceMap().isEmpty()), "every source has its provenance");
        assertTrue(before.results().size() > 10, "the run has its results: " + before.results().size());

        system.restart("results-api");

        try (RunClient client = new RunClient(system.grpcTarget())) {
            Served after = Served.now(client);
            assertEquals(before.run(), after.run(), "spec, status, sources with their provenance, times");
            assertEquals(before.results().size(), after.results().size());
            assertEquals(new HashSet<>(before.results()), new HashSet<>(after.results()), "every result");
            assertEquals(before.ids(), after.ids());
            assertEquals(before.information(), after.information());
            assertEquals(before.findings(), after.findings());
        }
    }

    /** What results-api serves about the run. */
    private record Served(Run run, List<ResultUpdate> results, IdProfile ids, InformationProfile information,
                          GetFindingsResponse findings) {

        static Served now(RunClient client) throws InterruptedException {
            return new Served(client.get(RUN_ID), everyResult(), client.idProfile(RUN_ID),
                    client.informationProfile(RUN_ID), client.findings(RUN_ID));
        }
    }

    /** Every result of the run, as WatchResults streams it (a completed run: the stream ends after the last). */
    private static List<ResultUpdate> everyResult() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(system.grpcTarget()).usePlaintext().build();
        try {
            List<ResultUpdate> results = new ArrayList<>();
            ResultsServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .watchResults(ProfileRequest.newBuilder().setRunId(RUN_ID).build())
                    .forEachRemaining(results::add);
            assertFalse(results.isEmpty(), "WatchResults streamed nothing");
            return results;
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Copies every record of the run log up to its end offsets read now, with its key and timestamp, into a topic with
     * the partitions pd.run-events has and no configuration of its own: the run log as every deployment created it
     * before. Records past those offsets are left: the analysers' last progress events can land after the run
     * completed, while the copy is being made.
     */
    private static void copyRunLogToATopicAsItWasCreatedBefore(Admin admin) throws Exception {
        admin.createTopics(List.of(new NewTopic(RUN_LOG_AS_BEFORE, Topic.RUN_EVENTS.partitions(), (short) 1)))
                .all().get();
        Map<TopicPartition, Long> ends = offsets(admin, Topic.RUN_EVENTS.topicName(), OffsetSpec.latest());
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().bootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long copied = 0;
            long deadline = System.nanoTime() + CALL_DEADLINE.toNanos();
            while (copied < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    producer.send(new ProducerRecord<>(RUN_LOG_AS_BEFORE, record.partition(), record.timestamp(),
                            record.key(), record.value()));
                    copied++;
                }
            }
            producer.flush();
            assertEquals(total, copied, "records of the run log copied");
        }
    }

    /** Sets the broker-wide default retention to a second, as if weeks had passed for every topic that follows it. */
    private static void ageEveryTopicWithoutARetentionOfItsOwn(Admin admin) throws Exception {
        ConfigResource clusterDefault = new ConfigResource(ConfigResource.Type.BROKER, "");
        admin.incrementalAlterConfigs(Map.of(clusterDefault, List.of(new AlterConfigOp(
                new ConfigEntry("log.retention.ms", AGED_RETENTION_MS), AlterConfigOp.OpType.SET)))).all().get();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            request.put(new TopicPartition(topic, partition), spec);
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
