package org.prunedistill.extractor.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.Sha256;
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
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.events.v1.UnitFeatures;
import org.prunedistill.extraction.model.BuiltinCnnGeometry;
import org.prunedistill.extraction.model.UnitGrid;
import org.prunedistill.extraction.stimuli.ReceptiveField;
import org.prunedistill.extraction.stimuli.ShapeStimulusSet;
import org.prunedistill.extractor.BatchSize;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.Topic;
import org.prunedistill.testsupport.CraftedEvents;
import org.prunedistill.testsupport.EmbeddedStackResource;

/**
 * The extractor's consumer of submitted runs, inside the service on the embedded Kafka and S3 server: what a run
 * yields on {@code pd.activations} and {@code pd.run-events}, and how a run that cannot be extracted fails.
 */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class RunConsumerTest {

    /** A tiny recording or rendered run, or a failure before anything is extracted, is published within seconds. */
    private static final Duration EXTRACTION = Duration.ofSeconds(60);
    private static final int UNITS = 4;
    private static final int CONDITIONS = 6;
    private static final int TRIALS = 3;
    /** Rendered runs at 16 px: 132 shape conditions x 2 trials through the random CNN take seconds. */
    private static final int SIDE = 16;
    private static final int SHAPE_CONDITIONS = 132;
    /** A network whose layers hold 64 times the 16 px one's units: 49,152 per image. */
    private static final int LARGE_SIDE = 128;
    /** A window's coverage is a float32 mean of float32 mask values, here recomputed in double. */
    private static final double SHARE_TOLERANCE = 1e-6;

    CraftedEvents events;

    @Inject
    ObjectStore store;

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
    void renderedObjectsGiveEveryUnitPositionItsCoverageByTheObject() throws Exception {
        submit("extract-coverage", RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("shapes").setImageSize(SIDE).setTrials(2).setSeed(1))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")
                        .addLayers("pixels").addLayers("pool1")).build());
        ShapeStimulusSet shapes = ShapeStimulusSet.withDefaults().withImageSize(SIDE);
        List<float[]> masks = new ArrayList<>();
        for (int c = 0; c < SHAPE_CONDITIONS; c++) {
            masks.add(shapes.renderCleanWithMask(c).objectMask().orElseThrow());
        }

        FloatTensor pixels = store.fetchTensor(features("extract-coverage", "pixels").getRfCoverage());
        assertArrayEquals(new int[] {SIDE * SIDE, SHAPE_CONDITIONS}, pixels.shape());
        for (int p = 0; p < SIDE * SIDE; p++) {
            for (int c = 0; c < SHAPE_CONDITIONS; c++) {
                assertEquals(masks.get(c)[p], pixels.data()[p * SHAPE_CONDITIONS + c], SHARE_TOLERANCE,
                        "an input unit's coverage is its pixel of the mask: pixel " + p + ", condition " + c);
            }
        }
        UnitFeatures pool1 = features("extract-coverage", "pool1");
        FloatTensor windows = store.fetchTensor(pool1.getRfCoverage());
        UnitGrid grid = BuiltinCnnGeometry.grid("pool1", SIDE).orElseThrow();
        assertArrayEquals(new int[] {grid.positions(), SHAPE_CONDITIONS}, windows.shape());
        assertEquals(grid.positions(), pool1.getPositions());
        for (int y = 0; y < grid.rows(); y++) {
            for (int x = 0; x < grid.columns(); x++) {
                ReceptiveField window = ReceptiveField.window(grid.from(y), grid.from(x), grid.to(y) - grid.from(y),
                        grid.to(x) - grid.from(x), SIDE);
                int p = y * grid.columns() + x;
                for (int c = 0; c < SHAPE_CONDITIONS; c++) {
                    assertEquals(window.coverage(masks.get(c)), windows.data()[p * SHAPE_CONDITIONS + c],
                            SHARE_TOLERANCE, "pool1 position (" + y + ", " + x + "), condition " + c);
                }
            }
        }
    }

    @Test
    void aNetworkWithLargerLayersGetsBatchesOfFewerConditionsSizedFromTheHeap() throws Exception {
        for (int side : new int[] {SIDE, LARGE_SIDE}) {
            submit("extract-batch-" + side, RunSpec.newBuilder()
                    .setStimuli(StimulusSpec.newBuilder().setSet("shapes").setImageSize(side).setTrials(2).setSeed(1))
                    .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")
                            .addLayers("pixels").addLayers("pool1")).build());
        }
        double fraction = ConfigProvider.getConfig().getValue("pd.extraction.batch-heap-fraction", Double.class);
        int[] conditions = new int[2];
        for (int i = 0; i < 2; i++) {
            int side = i == 0 ? SIDE : LARGE_SIDE;
            SourceManifest pixels = modelManifest("extract-batch-" + side, "pixels");
            SourceManifest pool1 = modelManifest("extract-batch-" + side, "pool1");
            long units = pixels.getTotalShape(2) + pool1.getTotalShape(2);
            // the run keeps its grey trials and its clean images with their masks, each if it fits an eighth of
            // the heap, and they are left out of the batch's budget
            long keptWithin = Runtime.getRuntime().maxMemory() / 8;
            long renderings = (long) SHAPE_CONDITIONS * 2 * side * side * Float.BYTES;
            long held = (renderings <= keptWithin ? renderings : 0) * 2;
            BatchSize expected = BatchSize.of(0, "", BatchSize.heapBudget(fraction), held, 2, units);
            assertEquals(held > 0, expected.basis().contains("the stimuli hold"), expected.basis());
            conditions[i] = Integer.parseInt(pool1.getProvenance().getDetailsOrThrow("batch_conditions"));
            assertEquals(expected.conditions(), conditions[i], "side " + side);
            assertEquals(expected.basis(), pool1.getProvenance().getDetailsOrThrow("batch_sizing"));
            assertEquals((SHAPE_CONDITIONS + conditions[i] - 1) / conditions[i], pool1.getBatchesCount());
        }
        assertEquals(BatchSize.MAX_CONDITIONS, conditions[0], "16 px layers: the largest batch fits");
        assertTrue(conditions[1] < conditions[0], "128 px layers: fewer conditions, " + conditions[1]);
    }

    @Test
    void aUsersImagesCarryNoMaskSoTheirUnitsHaveNoCoverage() throws Exception {
        Path images = Files.createDirectories(files.resolve("photos"));
        grey(images.resolve("a.png"), 40);
        grey(images.resolve("b.png"), 200);
        Path csv = Files.writeString(files.resolve("photos.csv"),
                "id,file,object,axis,value\na,a.png,box,position,-15\nb,b.png,ball,position,15\n");
        submit("extract-user-coverage", RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("user").setImagesUri(images.toUri().toString())
                        .setMetadataUri(csv.toUri().toString()).setImageSize(SIDE).setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")
                        .addLayers("pool1")).build());

        UnitFeatures pool1 = features("extract-user-coverage", "pool1");
        assertTrue(pool1.hasRfLuminance(), "the other unit features are there: " + pool1);
        assertFalse(pool1.hasRfCoverage(), "no mask, no coverage: " + pool1);
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
                .setModel("builtin-cnn-small").addLayers("conv9")).build());

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

    @Test
    void anUploadedInputIsReadFromTheBucketAndOneAlteredThereIsRefused() throws Exception {
        store.ensureBucket();
        Path responses = responses("uploaded.npy");
        Path conditions = conditions("uploaded.json");
        String responsesUri = upload(responses, Files.readAllBytes(responses));
        String conditionsUri = upload(conditions, Files.readAllBytes(conditions));
        submit("extract-uploaded", RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri(responsesUri).setConditionsUri(conditionsUri)).build());
        assertEquals(Sha256.hex(Files.readAllBytes(responses)),
                manifest("extract-uploaded", "V1").getProvenance().getDetailsOrThrow("recording_sha256"));

        // A recording under the key of other bytes: what an object altered in the bucket looks like.
        String alteredUri = upload(responses, "the bytes the key names".getBytes(StandardCharsets.UTF_8));
        submit("extract-altered", RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri(alteredUri).setConditionsUri(conditionsUri)).build());
        String reason = failure("extract-altered");
        assertTrue(reason.contains("area V1: " + alteredUri + " does not hold the bytes its key names"), reason);
    }

    /** Stores {@code file} under the input key of {@code keyedBy}'s SHA-256, as results-api's upload would. */
    private String upload(Path file, byte[] keyedBy) {
        String key = ObjectKeys.inputKey(Sha256.hex(keyedBy));
        store.putFile(key, file, "application/octet-stream");
        return "s3://" + store.bucket() + "/" + key;
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndFailsTheRunItsKeyNames() throws Exception {
        ConsumerRecord<String, byte[]> dead = events.sendUndecodableAndAwaitDeadLetter(Topic.RUN_EVENTS,
                "extract-garbled", EXTRACTION);

        String where = Topic.RUN_EVENTS.topicName() + "[" + CraftedEvents.header(dead, "dead-letter-partition")
                + "]@" + CraftedEvents.header(dead, "dead-letter-offset");
        String reason = runEvent(events.awaitRecord(Topic.RUN_EVENTS, record -> record.key().equals("extract-garbled")
                && !Arrays.equals(record.value(), dead.value()) && runEvent(record).hasFailed(), EXTRACTION))
                .getFailed().getReason();
        assertTrue(reason.startsWith("activation-extractor dead-lettered " + where + ": not a valid protobuf event"),
                reason);
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

    /** The manifest of one layer of the run. */
    private SourceManifest modelManifest(String runId, String layer) {
        ConsumerRecord<String, byte[]> published = events.awaitRecord(Topic.ACTIVATIONS, record -> {
            ActivationEvent event = activation(record);
            return event.hasManifest() && event.getManifest().getSource().getRunId().equals(runId)
                    && event.getManifest().getSource().getName().equals(layer);
        }, EXTRACTION);
        return activation(published).getManifest();
    }

    /** The unit features in the manifest of one layer of the run. */
    private UnitFeatures features(String runId, String layer) {
        ConsumerRecord<String, byte[]> published = events.awaitRecord(Topic.ACTIVATIONS, record -> {
            ActivationEvent event = activation(record);
            return event.hasManifest() && event.getManifest().getSource().getRunId().equals(runId)
                    && event.getManifest().getSource().getName().equals(layer);
        }, EXTRACTION);
        return activation(published).getManifest().getUnitFeatures();
    }

    /** An 8 x 8 PNG of one grey level. */
    private static void grey(Path file, int level) throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        ImageIO.write(image, "png", file.toFile());
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
        Npy.write(FloatTensor.ofFloats(values, units, conditions, TRIALS), file);
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
