package org.prunedistill.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
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
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.Topic;

/**
 * Plays the extractor by hand: stores tensors and publishes activation and run events exactly as given, so tests can
 * send what a correct extractor never would; and reads a topic until the record a test waits for arrives.
 */
public final class CraftedEvents implements AutoCloseable {

    /** Conditions of a crafted source. */
    public static final int CONDITIONS = 40;
    /** Trials per condition of a crafted source. */
    public static final int TRIALS = 3;
    /** Units of a crafted source. */
    public static final int UNITS = 6;
    /** Conditions per batch of a crafted source. */
    public static final int BATCH_CONDITIONS = 10;

    private static final Duration POLL = Duration.ofMillis(250);

    private final EmbeddedStack stack;
    private final ObjectStore store;
    private final KafkaProducer<String, byte[]> producer;

    public CraftedEvents(EmbeddedStack stack) {
        this.stack = stack;
        this.store = ObjectStore.connect(stack.storeSettings());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** The stack's object store, to store what a test crafts by hand. */
    public ObjectStore store() {
        return store;
    }

    /** A recorded area of the run, named {@code name}, with the origin "crafted". */
    public static SourceRef source(String runId, String name) {
        return SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_AREA).setName(name)
                .setOrigin("crafted").build();
    }

    /** A valid source: random responses in batches of {@link #BATCH_CONDITIONS} conditions, stored. */
    public List<ActivationBatch> storeBatches(SourceRef source, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int count = CONDITIONS / BATCH_CONDITIONS;
        List<ActivationBatch> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] values = new float[BATCH_CONDITIONS * TRIALS * UNITS];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            ObjectRef ref = store.putTensor(FloatTensor.ofFloats(values, BATCH_CONDITIONS, TRIALS, UNITS));
            ActivationBatch.Builder batch = ActivationBatch.newBuilder().setSource(source).setBatchIndex(b)
                    .setBatchCount(count).setTensor(ref);
            for (int c = 0; c < BATCH_CONDITIONS; c++) {
                batch.addConditionIndices(b * BATCH_CONDITIONS + c);
            }
            batches.add(batch.build());
        }
        return batches;
    }

    /** The manifest of a source of {@link #CONDITIONS} conditions in {@code batches}; its condition table stored. */
    public SourceManifest manifest(SourceRef source, List<ObjectRef> batches) {
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

    /** Stores a valid source ({@link #storeBatches}); publishes its batches, then its manifest, as an extractor. */
    public SourceManifest publishSource(SourceRef source, long seed) throws Exception {
        List<ActivationBatch> batches = storeBatches(source, seed);
        for (ActivationBatch batch : batches) {
            publish(batch);
        }
        SourceManifest manifest = manifest(source, batches.stream().map(ActivationBatch::getTensor).toList());
        publish(manifest);
        return manifest;
    }

    public void publish(ActivationBatch batch) throws Exception {
        send(Topic.ACTIVATIONS, SourceKeys.sourceKey(batch.getSource()),
                ActivationEvent.newBuilder().setBatch(batch).build().toByteArray());
    }

    public void publish(SourceManifest manifest) throws Exception {
        send(Topic.ACTIVATIONS, SourceKeys.sourceKey(manifest.getSource()),
                ActivationEvent.newBuilder().setManifest(manifest).build().toByteArray());
    }

    /** Publishes a run event on {@code pd.run-events}, keyed by its run id. */
    public void publish(RunEvent event) throws Exception {
        send(Topic.RUN_EVENTS, event.getRunId(), event.toByteArray());
    }

    /** Tells results-api which sources to expect, as the extractor does when it is done. */
    public void finishExtraction(String runId, SourceRef... sources) throws Exception {
        publish(RunEvent.newBuilder().setRunId(runId).setProducer("test")
                .setTimestampMs(System.currentTimeMillis())
                .setExtractionFinished(ExtractionFinished.newBuilder().addAllSources(List.of(sources)))
                .build());
    }

    /** Sends a record as given and waits for Kafka's acknowledgement. */
    public void send(Topic topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, value)).get();
    }

    /**
     * Waits for a record of the topic, read from the beginning of every partition, that matches.
     *
     * @throws org.awaitility.core.ConditionTimeoutException naming the topic if none arrives within {@code timeout}
     */
    public ConsumerRecord<String, byte[]> awaitRecord(Topic topic, Predicate<ConsumerRecord<String, byte[]>> matching,
                                                      Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
            await("a matching record on " + topic.topicName()).atMost(timeout).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (matching.test(record)) {
                        found.set(record);
                        return true;
                    }
                }
                return false;
            });
            return found.get();
        }
    }

    /**
     * Sends bytes that are no protobuf event to {@code topic} under {@code key} and waits for them on the topic's
     * dead-letter topic ({@code <topic>.dlq}), where a consumer must put them.
     *
     * @return the dead letter, with its headers
     */
    public ConsumerRecord<String, byte[]> sendUndecodableAndAwaitDeadLetter(Topic topic, String key, Duration timeout)
            throws Exception {
        byte[] undecodable = "this is not a protobuf event".getBytes(StandardCharsets.UTF_8);
        Topic deadLetters = Arrays.stream(Topic.values())
                .filter(candidate -> candidate.topicName().equals(topic.topicName() + ".dlq")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic.topicName() + " has no dead-letter topic"));
        send(topic, key, undecodable);
        return awaitRecord(deadLetters, record -> key.equals(record.key())
                && Arrays.equals(undecodable, record.value()), timeout);
    }

    /** A header of the record as text, or "" when the record has none of that name. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
