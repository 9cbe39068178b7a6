package org.prunedistill.launcher.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.Topic;

/**
 * The claim-check path as the pipeline runs it, with a producer and a consumer thread running concurrently.
 *
 * <p>The producer, for each batch: makes a distinct random float32 tensor, stores it with
 * {@link ObjectStore#putTensor} (.npy encoding, SHA-256, existence check, S3 put) and publishes an
 * {@link ActivationEvent} carrying the claim to {@code pd.activations}, keyed by the source key, with acks=all. The
 * consumer (its own group, from the earliest offset) parses each event with {@link EventCodec#parse} and redeems the
 * claim with {@link ObjectStore#fetchTensor} (S3 get, size and SHA-256 check, .npy parse, shape check) into a
 * {@code float[]}.
 *
 * <p>Timestamps travel in record headers ({@code System.nanoTime()}, same JVM): {@code t0} when the tensor exists in
 * the producer's memory and its claim starts, {@code t1} when the event is handed to the Kafka producer.
 */
final class ClaimCheckPipelineBenchmark {

    /** Batches per source: one source per this many batches, so the sources spread over the partitions. */
    static final int BATCHES_PER_SOURCE = 16;

    private static final String HEADER_CASE = "pd-bench-case";
    private static final String HEADER_SEQ = "pd-bench-seq";
    private static final String HEADER_T0 = "pd-bench-t0";
    private static final String HEADER_T1 = "pd-bench-t1";
    /** How long the consumer waits for the rest after the producer finished before the case fails. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

    /**
     * What one claim-check case measured.
     *
     * @param seconds   from the first batch's claim starting (t0) to the last batch's array in consumer memory
     * @param endToEnd  per batch, t0 to array in memory
     * @param put       per batch, {@code putTensor}: .npy encode, SHA-256, stat, S3 put
     * @param delivery  per batch, hand-off to the Kafka producer to the start of its redemption: Kafka delivery plus
     *                  the time the event waited behind earlier redemptions
     * @param redeem    per batch, {@code fetchTensor}: S3 get, size and SHA-256 check, .npy parse, shape check
     * @param sources   distinct sources (Kafka keys)
     * @param partitionsUsed distinct partitions the events landed on
     */
    record Result(long objectBytes, int batches, double seconds, Latencies endToEnd, Latencies put,
                  Latencies delivery, Latencies redeem, int sources, int partitionsUsed) {

        double batchesPerSecond() {
            return batches / seconds;
        }

        double megabytesPerSecond() {
            return batches * (double) objectBytes / 1e6 / seconds;
        }
    }

    private final String bootstrapServers;
    private final ObjectStore store;
    private final String topic = Topic.ACTIVATIONS.topicName();

    ClaimCheckPipelineBenchmark(String bootstrapServers, ObjectStore store) {
        this.bootstrapServers = bootstrapServers;
        this.store = store;
    }

    /**
     * Runs {@code batches} batches of the shape through the pipeline.
     *
     * @param caseId      distinguishes this case's events and run id from every other case of the run
     * @param objectBytes size of one batch's .npy file, for the rates
     */
    Result run(String caseId, BatchShape shape, long objectBytes, int batches, long seed) {
        int elements = shape.elements();
        // One random pool; tensor i is the window starting at value i: distinct tensors, seeded, and making one
        // costs a copy rather than drawing millions of random numbers inside the timed window.
        float[] pool = new float[elements + batches];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (float) (random.nextDouble() * 2 - 1);
        }
        String runId = "bench-" + caseId;
        int sourceCount = (batches + BATCHES_PER_SOURCE - 1) / BATCHES_PER_SOURCE;
        SourceRef[] sources = new SourceRef[sourceCount];
        for (int s = 0; s < sourceCount; s++) {
            sources[s] = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER)
                    .setName("bench-layer-" + s).setCheckpoint("bench").setOrigin("bench-claim-check")
                    .setOrder(s).setRelativeDepth(sourceCount == 1 ? 0 : (double) s / (sourceCount - 1)).build();
        }

        Arrivals arrivals = new Arrivals(batches);
        CountDownLatch consumerReady = new CountDownLatch(1);
        AtomicBoolean producerDone = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();

        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-claim-check");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<Void> completion = new ExecutorCompletionService<>(threads);
        try {
            completion.submit(() -> {
                consume(caseId, elements, arrivals, consumerReady, producerDone, stop);
                return null;
            });
            completion.submit(() -> {
                try {
                    if (!consumerReady.await(2, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("the benchmark consumer got no partitions of " + topic
                                + " within 2 minutes");
                    }
                    produce(caseId, shape, batches, pool, sources, stop);
                } finally {
                    producerDone.set(true);
                }
                return null;
            });
            for (int finished = 0; finished < 2; finished++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    stop.set(true);
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(cause.toString(), cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            stop.set(true);
            threads.shutdownNow();
            try {
                threads.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long first = Arrays.stream(arrivals.t0).min().orElseThrow();
        long last = Arrays.stream(arrivals.inMemory).max().orElseThrow();
        long[] endToEnd = new long[batches];
        long[] put = new long[batches];
        long[] delivery = new long[batches];
        long[] redeem = new long[batches];
        for (int i = 0; i < batches; i++) {
            endToEnd[i] = arrivals.inMemory[i] - arrivals.t0[i];
            put[i] = arrivals.t1[i] - arrivals.t0[i];
            delivery[i] = arrivals.redeemStart[i] - arrivals.t1[i];
            redeem[i] = arrivals.inMemory[i] - arrivals.redeemStart[i];
        }
        int partitionsUsed = 0;
        for (boolean used : arrivals.partitions) {
            partitionsUsed += used ? 1 : 0;
        }
        return new Result(objectBytes, batches, (last - first) / 1e9, Latencies.ofNanos(endToEnd),
                Latencies.ofNanos(put), Latencies.ofNanos(delivery), Latencies.ofNanos(redeem), sourceCount,
                partitionsUsed);
    }

    /** The producer side: claim, then publish, one batch after the other. */
    private void produce(String caseId, BatchShape shape, int batches, float[] pool, SourceRef[] sources,
                         AtomicBoolean stop) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "pd-bench-producer-" + caseId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        byte[] caseHeader = caseId.getBytes(StandardCharsets.UTF_8);
        int elements = shape.elements();
        int[] dimensions = shape.dimensions();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.partitionsFor(topic); // topic metadata before the clock starts
            for (int i = 0; i < batches && !stop.get() && sendFailure.get() == null; i++) {
                FloatTensor tensor = FloatTensor.ofFloats(Arrays.copyOfRange(pool, i, i + elements), dimensions);
                long t0 = System.nanoTime();
                ObjectRef ref = store.putTensor(tensor);
                SourceRef source = sources[i / BATCHES_PER_SOURCE];
                int index = i % BATCHES_PER_SOURCE;
                ActivationBatch.Builder batch = ActivationBatch.newBuilder()
                        .setSource(source)
                        .setBatchIndex(index)
                        .setBatchCount(Math.min(BATCHES_PER_SOURCE, batches - (i / BATCHES_PER_SOURCE)
                                * BATCHES_PER_SOURCE))
                        .setTensor(ref);
                for (int condition = 0; condition < shape.conditions(); condition++) {
                    batch.addConditionIndices(index * shape.conditions() + condition);
                }
                byte[] value = ActivationEvent.newBuilder().setBatch(batch).build().toByteArray();
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(topic, SourceKeys.sourceKey(source), value);
                record.headers().add(HEADER_CASE, caseHeader).add(HEADER_SEQ, longBytes(i))
                        .add(HEADER_T0, longBytes(t0));
                record.headers().add(HEADER_T1, longBytes(System.nanoTime()));
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        sendFailure.compareAndSet(null, failure);
                        stop.set(true);
                    }
                });
            }
            producer.flush();
        }
        if (sendFailure.get() != null) {
            throw new IllegalStateException("publishing to " + topic + " failed: " + sendFailure.get(),
                    sendFailure.get());
        }
    }

    /** The consumer side: parse, redeem, hold the array; stops once every batch of the case is in memory. */
    private void consume(String caseId, int elements, Arrivals arrivals, CountDownLatch ready,
                         AtomicBoolean producerDone, AtomicBoolean stop) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "pd-bench-" + caseId + "-" + UUID.randomUUID(),
                ConsumerConfig.CLIENT_ID_CONFIG, "pd-bench-consumer-" + caseId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        int batches = arrivals.t0.length;
        int partitionCount = Topic.ACTIVATIONS.partitions();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            int received = 0;
            long drainDeadline = Long.MAX_VALUE;
            while (received < batches && !stop.get()) {
                if (producerDone.get() && drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
                }
                if (System.nanoTime() > drainDeadline) {
                    throw new IllegalStateException("only " + received + " of " + batches + " batches reached the "
                            + "consumer within " + DRAIN_TIMEOUT.toSeconds() + " s after the last publish");
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                if (ready.getCount() > 0 && consumer.assignment().size() == partitionCount) {
                    ready.countDown();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    Headers headers = record.headers();
                    Header caseHeader = headers.lastHeader(HEADER_CASE);
                    if (caseHeader == null || !caseId.equals(new String(caseHeader.value(), StandardCharsets.UTF_8))) {
                        continue; // an earlier case's event: the group starts from the earliest offset
                    }
                    long start = System.nanoTime();
                    String where = topic + "[" + record.partition() + "]@" + record.offset();
                    ActivationEvent event = EventCodec.parse(ActivationEvent.parser(), record.value(), where);
                    if (!event.hasBatch()) {
                        throw new IllegalStateException(where + ": expected an activation batch");
                    }
                    float[] data = store.fetchTensor(event.getBatch().getTensor()).data();
                    long inMemory = System.nanoTime();
                    if (data.length != elements) {
                        throw new IllegalStateException(where + ": redeemed " + data.length + " values, expected "
                                + elements);
                    }
                    sink += data[data.length - 1];
                    int sequence = Math.toIntExact(longValue(headers, HEADER_SEQ));
                    if (arrivals.seen[sequence]) {
                        continue; // a redelivery; the idempotent producer should make this impossible
                    }
                    arrivals.seen[sequence] = true;
                    arrivals.t0[sequence] = longValue(headers, HEADER_T0);
                    arrivals.t1[sequence] = longValue(headers, HEADER_T1);
                    arrivals.redeemStart[sequence] = start;
                    arrivals.inMemory[sequence] = inMemory;
                    arrivals.partitions[record.partition()] = true;
                    received++;
                }
            }
        }
    }

    /** Per batch timestamps, written by the consumer thread and read after it finished. */
    private static final class Arrivals {
        final long[] t0;
        final long[] t1;
        final long[] redeemStart;
        final long[] inMemory;
        final boolean[] seen;
        final boolean[] partitions = new boolean[Topic.ACTIVATIONS.partitions()];

        Arrivals(int batches) {
            t0 = new long[batches];
            t1 = new long[batches];
            redeemStart = new long[batches];
            inMemory = new long[batches];
            seen = new boolean[batches];
        }
    }

    /** Keeps the redeemed arrays observable so no work is optimised away. */
    @SuppressWarnings("unused")
    private volatile float sink;

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static long longValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value().length != Long.BYTES) {
            throw new IllegalStateException("benchmark event without header " + name);
        }
        return ByteBuffer.wrap(header.value()).getLong();
    }
}
