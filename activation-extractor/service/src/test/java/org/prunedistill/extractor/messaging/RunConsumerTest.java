package org.prunedistill.extractor.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.EventCodec;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.NpyArray;
import org.prunedistill.claimcheck.SourceKeys;
import org.prunedistill.claimcheck.Topic;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.testsupport.CraftedEvents;
import org.prunedistill.testsupport.EmbeddedStackResource;

/**
 * The extractor's consumer of submitted runs, inside the service on the embedded Kafka and S3 server: what a run
 * yields on {@code pd.activations} and {@code pd.run-events}, and how a run that cannot be extracted fails.
 */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class RunConsumerTest {

    /** A tiny recording, or a failure before anything is extracted, is published within seconds. */
    private static final Duration EXTRACTION = Duration.ofSeconds(60);
    private static final int UNITS = 4;
    private static final int CONDITIONS = 6;
    private static final int TRIALS = 3;

    CraftedEvents events;

    @TempDir
    Path files;

    @Test
    void aSubmittedRecordingYieldsItsManifestOnTheActivationsTopic() throws Exception {
        submit("extract-recording", recording(responses("v1.npy"), conditions("v1.json")));

        SourceRef expected = SourceRef.newBuilder().setRunId("extract-recording").setKind(SourceKind.SOURCE_KIND_AREA)
                .setName("V1").build();
        ConsumerRecord<String, byte[]> published = events.awaitRecord(Topic.ACTIVATIONS,
                record -> record.key().equals(SourceKeys.sourceKey(expected))
                        && activation(record).hasManifest(), EXTRACTION);
        SourceManifest manifest = activation(published).getManifest();
        assertEquals("V1", manifest.getSource().getName());
        assertEquals(List.of((long) CONDITIONS, (long) TRIALS, (long) UNITS), manifest.getTotalShapeList());
        assertTrue(manifest.getBatchesCount() > 0, manifest.toString());
    }

    @Test
    void aSubmittedRecordingEndsWithExtractionFinishedListingItsSource() throws Exception {
        submit("extract-finished", recording(responses("v1.npy"), conditions("v1.json")));

        RunEvent finished = runEvent(events.awaitRecord(Topic.RUN_EVENTS, record -> record.key()
                .equals("extract-finished") && runEvent(record).hasExtractionFinished(), EXTRACTION));
        assertEquals(List.of("V1"), finished.getExtractionFinished().getSourcesList().stream()
                .map(SourceRef::getName).toList());
    }

    @Test
    void twoAreasAreOneHierarchyComparedAtTheSmallerAreasUnits() throws Exception {
        Path conditions = conditions("areas.json");
        submit("extract-areas", RunSpec.newBuilder()
                .addRecordings(area("V1", 0, responses("v1-areas.npy", UNITS + 3, CONDITIONS), conditions))
                .addRecordings(area("LM", 1, responses("lm-areas.npy", UNITS, CONDITIONS), conditions)).build());

        SourceManifest v1 = manifest("extract-areas", "V1");
        SourceManifest lm = manifest("extract-areas", "LM");
        assertEquals(List.of(0.0, 1.0), List.of(v1.getSource().getRelativeDepth(), lm.getSource().getRelativeDepth()));
        assertEquals(List.of(0, 1), List.of(v1.getSource().getOrder(), lm.getSource().getOrder()));
        assertEquals(List.of(UNITS, UNITS), List.of(v1.getCommonUnits(), lm.getCommonUnits()),
                "both areas are compared at LM's " + UNITS + " units");
        assertEquals(UNITS + 3, v1.getTotalShape(2), "the area itself keeps every unit");
    }

    @Test
    void anAreaThatCannotBeAlignedFailsTheRunAndNoAreaOfItIsPublished() throws Exception {
        Path conditions = conditions("misaligned.json");
        submit("extract-misaligned", RunSpec.newBuilder()
                .addRecordings(area("V1", 0, responses("v1-misaligned.npy", UNITS, CONDITIONS), conditions))
                .addRecordings(area("LM", 1, responses("lm-misaligned.npy", UNITS, CONDITIONS - 1), conditions))
                .build());

        String reason = failure("extract-misaligned");
        assertEquals("area LM: the condition table lists " + CONDITIONS + " conditions, the responses hold "
                + (CONDITIONS - 1), reason);
        // Every record is acknowledged before the next step, so V1's would be on the topic by now.
        assertEquals(List.of(), keysOf(Topic.ACTIVATIONS).stream().filter(key -> key.startsWith("extract-misaligned/"))
                .toList(), "nothing of a run that cannot be aligned is published");
    }

    @Test
    void anAreaGivenTwiceFailsTheRunNamingIt() throws Exception {
        Path conditions = conditions("twice.json");
        Path v1 = responses("v1-twice.npy");
        submit("extract-twice", RunSpec.newBuilder().addRecordings(area("V1", 0, v1, conditions))
                .addRecordings(area("V1", 1, v1, conditions)).build());

        String reason = failure("extract-twice");
        assertTrue(reason.startsWith("area V1 is given twice"), reason);
    }

    @Test
    void anUnknownLayerFailsTheRunNamingIt() throws Exception {
        submit("extract-unknown-layer", RunSpec.newBuilder().addModels(ModelSource.newBuilder()
                .setModel("builtin-cnn").addLayers("conv9")).build());

        String reason = failure("extract-unknown-layer");
        assertTrue(reason.contains("unknown layer 'conv9'"), reason);
    }

    @Test
    void anUnreadableRecordingFailsTheRunNamingTheFile() throws Exception {
        Path unreadable = Files.writeString(files.resolve("unreadable.npy"), "not a recording",
                StandardCharsets.UTF_8);
        submit("extract-unreadable", recording(unreadable, conditions("v1.json")));

        String reason = failure("extract-unreadable");
        assertTrue(reason.contains(unreadable.toUri().toString()), reason);
    }

    private void submit(String runId, RunSpec spec) throws Exception {
        events.publish(RunEvent.newBuilder().setRunId(runId).setTimestampMs(System.currentTimeMillis())
                .setProducer("test").setSubmitted(RunSubmitted.newBuilder().setSpec(spec)).build());
    }

    /** The reason of the run's RunFailed event. */
    private String failure(String runId) {
        return runEvent(events.awaitRecord(Topic.RUN_EVENTS, record -> record.key().equals(runId)
                && runEvent(record).hasFailed(), EXTRACTION)).getFailed().getReason();
    }

    private static RunSpec recording(Path responses, Path conditions) {
        return RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri(responses.toUri().toString()).setConditionsUri(conditions.toUri().toString()))
                .build();
    }

    private static RecordingSource area(String name, int order, Path responses, Path conditions) {
        return RecordingSource.newBuilder().setArea(name).setOrder(order)
                .setResponsesUri(responses.toUri().toString()).setConditionsUri(conditions.toUri().toString()).build();
    }

    /** The manifest the extractor published for an area of the run. */
    private SourceManifest manifest(String runId, String area) {
        SourceRef source = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_AREA).setName(area)
                .build();
        return activation(events.awaitRecord(Topic.ACTIVATIONS, record -> record.key()
                .equals(SourceKeys.sourceKey(source)) && activation(record).hasManifest(), EXTRACTION)).getManifest();
    }

    /** The key of every record on the topic, read from the beginning of each partition to its end. */
    private static List<String> keysOf(Topic topic) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            await("the end of " + topic.topicName()).atMost(EXTRACTION).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return keys;
        }
    }

    /** Random responses {@code [units, conditions, trials]} as float32 .npy. */
    private Path responses(String name) throws Exception {
        return responses(name, UNITS, CONDITIONS);
    }

    private Path responses(String name, int units, int conditions) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        float[] values = new float[units * conditions * TRIALS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        Path file = files.resolve(name);
        Npy.write(NpyArray.ofFloats(values, units, conditions, TRIALS), file);
        return file;
    }

    /** A condition table of two objects, each at three luminances. */
    private Path conditions(String name) throws Exception {
        List<StimulusCondition> table = new ArrayList<>();
        for (int c = 0; c < CONDITIONS; c++) {
            table.add(new StimulusCondition(c, c % 2, "object-" + c % 2, "luminance", c, 100.0 * c / CONDITIONS, 10));
        }
        return Files.write(files.resolve(name), ConditionTable.toJson(table));
    }

    private static ActivationEvent activation(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(ActivationEvent.parser(), record.value(), Topic.ACTIVATIONS.topicName());
    }

    private static RunEvent runEvent(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(RunEvent.parser(), record.value(), Topic.RUN_EVENTS.topicName());
    }
}
