package org.prunedistill.results.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.embedded.EmbeddedKafka;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ExtractionFinished;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RunCompleted;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.Topic;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.domain.CatalogCatchingUpException;
import org.prunedistill.results.domain.CatchUp;
import org.prunedistill.results.domain.MemoryResultBodies;
import org.prunedistill.results.domain.RunPhase;
import org.prunedistill.results.domain.RunState;

/** The catalog feed against a real (in-process) Kafka: a rebuild that is whole before it says so, then live reading. */
class CatalogFeedTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String CLIENT_ID = "catalog-feed-test";

    @TempDir
    static Path data;

    private static EmbeddedStack stack;

    @BeforeAll
    static void startKafka() throws Exception {
        stack = EmbeddedStack.start(data);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        stack.close();
    }

    @Test
    void saysCaughtUpOnlyWhenEveryRunOfTheLogIsWholeAndAnswersNothingBefore() throws Exception {
        List<String> runs = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 300; i++) {
                runs.add("whole-" + i);
                writeRun(producer, "whole-" + i, true);
            }
        }
        Map<String, RunPhase> atCaughtUp = new HashMap<>();
        List<CatchUp> reports = new CopyOnWriteArrayList<>();
        RunCatalog catalog = new RunCatalog(new MemoryResultBodies()) {
            @Override
            public void catchUp(CatchUp progress) {
                boolean opening = progress.caughtUp() && !caughtUp();
                reports.add(progress);
                super.catchUp(progress);
                if (opening) {
                    // The feed waits in this call: the state seen here is the state it declared whole.
                    runs.forEach(run -> atCaughtUp.put(run, find(run).map(RunState::phase).orElse(null)));
                }
            }
        };
        assertThrows(CatalogCatchingUpException.class, () -> catalog.find("whole-0"));

        try (CatalogFeed feed = feed(catalog)) {
            feed.start();
            await().atMost(DEADLINE).until(catalog::caughtUp);
        }

        assertEquals(runs.size(), atCaughtUp.size());
        atCaughtUp.forEach((run, phase) -> assertEquals(RunPhase.COMPLETED, phase, run));
        CatchUp done = reports.get(reports.size() - 1);
        assertEquals(done.total(), done.applied());
        assertTrue(done.total() >= runs.size() * 7L, "every record of the runs counted: " + done);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).applied() >= reports.get(i - 1).applied(), "progress never goes back");
        }
    }

    @Test
    void followsNewRecordsOnceCaughtUp() throws Exception {
        RunCatalog catalog = new RunCatalog(new MemoryResultBodies());
        try (CatalogFeed feed = feed(catalog); KafkaProducer<String, byte[]> producer = producer()) {
            feed.start();
            await().atMost(DEADLINE).until(catalog::caughtUp);
            writeRun(producer, "live", true);

            await().atMost(DEADLINE).until(() -> catalog.find("live").map(RunState::phase)
                    .filter(RunPhase.COMPLETED::equals).isPresent());
        }
    }

    @Test
    void aRunKnownOnlyFromResultsIsNotShown() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (AnalysisResult result : results("orphan")) {
                send(producer, Topic.RESULTS, result.getResultKey(), result.toByteArray());
            }
            producer.flush();
        }
        RunCatalog catalog = new RunCatalog(new MemoryResultBodies());
        try (CatalogFeed feed = feed(catalog)) {
            feed.start();
            await().atMost(DEADLINE).until(catalog::caughtUp);
            assertTrue(catalog.find("orphan").isEmpty());
            assertTrue(catalog.list().stream().noneMatch(run -> run.runId().equals("orphan")));
        }
    }

    @Test
    void announcesOnlyCompletionsTheLogDoesNotHoldAndOnlyAfterCatchingUp() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            writeRun(producer, "announced", true);
            writeRun(producer, "never-announced", false);
        }
        RunCatalog catalog = new RunCatalog(new MemoryResultBodies());
        List<String> announced = new CopyOnWriteArrayList<>();
        catalog.onCompletion(run -> {
            assertTrue(catalog.caughtUp(), "announced while catching up: " + run.runId());
            announced.add(run.runId());
        });
        try (CatalogFeed feed = feed(catalog)) {
            feed.start();
            await().atMost(DEADLINE).until(catalog::caughtUp);
        }

        assertFalse(announced.contains("announced"));
        assertEquals(1, announced.stream().filter("never-announced"::equals).count());
    }

    @Test
    void deadLettersAnUndecodableRecordWithWhyAndWhereAndReadsOn() throws Exception {
        byte[] garbage = "this is not a protobuf event".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topic.RUN_EVENTS, "poisoned", garbage);
            writeRun(producer, "after-poison", true);
        }
        RunCatalog catalog = new RunCatalog(new MemoryResultBodies());
        try (CatalogFeed feed = feed(catalog)) {
            feed.start();
            await().atMost(DEADLINE).until(catalog::caughtUp);
            assertEquals(RunPhase.COMPLETED, catalog.find("after-poison").orElseThrow().phase());
        }

        ConsumerRecord<String, byte[]> dead = deadLetter(Topic.RUN_EVENTS_DEAD_LETTERS, "poisoned");
        assertTrue(header(dead, "dead-letter-reason").contains("not a valid protobuf event"),
                header(dead, "dead-letter-reason"));
        assertEquals(Topic.RUN_EVENTS.topicName(), header(dead, "dead-letter-topic"));
        assertFalse(header(dead, "dead-letter-offset").isEmpty());
    }

    @Test
    void waitsForTheTopicsToBeCreatedAndSaysSo(@TempDir Path bare) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(bare, 0, 0)) {
            RunCatalog catalog = new RunCatalog(new MemoryResultBodies());
            try (CatalogFeed feed = new CatalogFeed(catalog, Map.of("bootstrap.servers", kafka.bootstrapServers()),
                    CLIENT_ID)) {
                feed.start();
                await().atMost(DEADLINE).until(() -> catalog.catchUp().waitingFor().contains("to be created"));
                assertFalse(catalog.caughtUp());
                assertTrue(catalog.catchUp().describe().contains("pd.run-events"), catalog.catchUp().describe());

                try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                    admin.createTopics(List.of(new NewTopic(Topic.RUN_EVENTS.topicName(), 1, (short) 1),
                            new NewTopic(Topic.RESULTS.topicName(), 1, (short) 1))).all().get();
                }
                await().atMost(DEADLINE).until(catalog::caughtUp);
                assertEquals("", feed.failure());
            }
        }
    }

    private static CatalogFeed feed(RunCatalog catalog) {
        return new CatalogFeed(catalog, Map.of("bootstrap.servers", stack.bootstrapServers()), CLIENT_ID);
    }

    /** Submission, extraction of two sources, both analyses of each, and (if asked) the completion. */
    private static void writeRun(KafkaProducer<String, byte[]> producer, String runId, boolean completion) {
        send(producer, Topic.RUN_EVENTS, runId, event(runId, 1).setSubmitted(RunSubmitted.getDefaultInstance())
                .build().toByteArray());
        send(producer, Topic.RUN_EVENTS, runId, event(runId, 2).setExtractionFinished(ExtractionFinished.newBuilder()
                .addSources(source(runId, "pool1")).addSources(source(runId, "fc1"))).build().toByteArray());
        for (AnalysisResult result : results(runId)) {
            send(producer, Topic.RESULTS, result.getResultKey(), result.toByteArray());
        }
        if (completion) {
            send(producer, Topic.RUN_EVENTS, runId, event(runId, 4).setCompleted(RunCompleted.newBuilder()
                    .setResults(4)).build().toByteArray());
        }
        producer.flush();
    }

    private static List<AnalysisResult> results(String runId) {
        List<AnalysisResult> results = new ArrayList<>();
        for (String layer : List.of("pool1", "fc1")) {
            for (String analysis : List.of("intrinsic-dimension", "information")) {
                results.add(AnalysisResult.newBuilder().setResultKey(runId + "/" + layer + "/" + analysis)
                        .setSource(source(runId, layer)).setAnalysis(analysis).setEstimator("e").setResultsInPass(1)
                        .setProvenance(Provenance.newBuilder().setCreatedAtMs(3)).build());
            }
        }
        return results;
    }

    private static SourceRef source(String runId, String layer) {
        return SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER).setName(layer)
                .setCheckpoint("trained").build();
    }

    private static RunEvent.Builder event(String runId, long timestampMs) {
        return RunEvent.newBuilder().setRunId(runId).setTimestampMs(timestampMs).setProducer("test");
    }

    private static void send(KafkaProducer<String, byte[]> producer, Topic topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic.topicName(), key, value));
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", stack.bootstrapServers());
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    private static ConsumerRecord<String, byte[]> deadLetter(Topic topic, String key) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", stack.bootstrapServers());
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key + " on " + topic.topicName());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
