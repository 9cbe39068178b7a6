package org.prunedistill.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.prunedistill.claimcheck.NpyArray;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceKeys;
import org.prunedistill.claimcheck.Topic;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.ExtractionFinished;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;

/**
 * Plays the extractor by hand: stores tensors and publishes activation events exactly as given, so tests can send
 * what a correct extractor never would.
 */
final class CraftedEvents implements AutoCloseable {

    static final int CONDITIONS = 40;
    static final int TRIALS = 3;
    static final int UNITS = 6;
    static final int BATCH_CONDITIONS = 10;

    private final EmbeddedStack stack;
    private final ObjectStore store;
    private final KafkaProducer<String, byte[]> producer;

    CraftedEvents(EmbeddedStack stack) {
        this.stack = stack;
        this.store = ObjectStore.connect(stack.storeSettings());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    ObjectStore store() {
        return store;
    }

    static SourceRef source(String runId, String name) {
        return SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_AREA).setName(name)
                .setOrigin("crafted").build();
    }

    /** A valid source: random responses in batches of {@link #BATCH_CONDITIONS} conditions, stored. */
    List<ActivationBatch> storeBatches(SourceRef source, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int count = CONDITIONS / BATCH_CONDITIONS;
        List<ActivationBatch> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] values = new float[BATCH_CONDITIONS * TRIALS * UNITS];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            ObjectRef ref = store.putTensor(NpyArray.ofFloats(values, BATCH_CONDITIONS, TRIALS, UNITS));
            ActivationBatch.Builder batch = ActivationBatch.newBuilder().setSource(source).setBatchIndex(b)
                    .setBatchCount(count).setTensor(ref);
            for (int c = 0; c < BATCH_CONDITIONS; c++) {
                batch.addConditionIndices(b * BATCH_CONDITIONS + c);
            }
            batches.add(batch.build());
        }
        return batches;
    }

    SourceManifest manifest(SourceRef source, List<ObjectRef> batches) {
        List<StimulusCondition> conditions = new ArrayList<>();
        for (int c = 0; c < CONDITIONS; c++) {
            conditions.add(new StimulusCondition(c, c % 4, "object-" + c % 4, "luminance", c, 100.0 * c / CONDITIONS,
                    10));
        }
        return SourceManifest.newBuilder().setSource(source).addAllBatches(batches)
                .addTotalShape(CONDITIONS).addTotalShape(TRIALS).addTotalShape(UNITS)
                .setStimulusMetadata(store.putDocument(ConditionTable.toJson(conditions)))
                .build();
    }

    void publish(ActivationBatch batch) throws Exception {
        send(Topic.ACTIVATIONS, SourceKeys.sourceKey(batch.getSource()),
                ActivationEvent.newBuilder().setBatch(batch).build().toByteArray());
    }

    void publish(SourceManifest manifest) throws Exception {
        send(Topic.ACTIVATIONS, SourceKeys.sourceKey(manifest.getSource()),
                ActivationEvent.newBuilder().setManifest(manifest).build().toByteArray());
    }

    /** Tells results-api which sources to expect, as the extractor does when it is done. */
    void finishExtraction(String runId, SourceRef... sources) throws Exception {
        send(Topic.RUN_EVENTS, runId, RunEvent.newBuilder().setRunId(runId).setProducer("test")
                .setTimestampMs(System.currentTimeMillis())
                .setExtractionFinished(ExtractionFinished.newBuilder().addAllSources(List.of(sources)))
                .build().toByteArray());
    }

    void send(Topic topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, value)).get();
    }

    /** Waits for a record of the topic (read from the beginning) that matches. */
    ConsumerRecord<String, byte[]> awaitRecord(Topic topic, Predicate<ConsumerRecord<String, byte[]>> matching,
                                               Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic.topicName()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (matching.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic.topicName() + " within " + timeout);
    }

    @Override
    public void close() {
        producer.close();
    }
}
