package org.prunedistill.results.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.PoisonEventException;
import org.prunedistill.messaging.Topic;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.domain.CatchUp;

/**
 * Feeds the catalog from {@code pd.run-events} and {@code pd.results}, every partition from its beginning, on a thread
 * of its own. No consumer group: results-api commits nothing and every instance reads everything, so it assigns the
 * partitions itself and knows exactly where it stands.
 *
 * <p>At start it takes the end offsets of every partition; the catalog is caught up once the consumer's position has
 * reached them all ({@link RunCatalog#catchUp}). Run events are read to their end before any result, so a rebuilt run
 * has its own events before its results. After that both topics are followed live. A record that cannot be decoded
 * is sent to {@code <topic>.dlq} with headers naming why and where, and reading goes on.
 */
public final class CatalogFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CatalogFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final List<Topic> TOPICS = List.of(Topic.RUN_EVENTS, Topic.RESULTS);

    private final RunCatalog catalog;
    private final Map<String, String> kafkaSettings;
    private final String clientId;
    private final Thread thread = new Thread(this::run, "catalog-feed");
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String failure = "";
    private KafkaProducer<String, byte[]> deadLetters;

    /**
     * @param kafkaSettings Kafka client settings (bootstrap servers, security); the feed sets its own
     *                      deserializers, client id and fetch sizes
     * @param clientId      the consumer's client id
     */
    public CatalogFeed(RunCatalog catalog, Map<String, String> kafkaSettings, String clientId) {
        this.catalog = catalog;
        this.kafkaSettings = Map.copyOf(kafkaSettings);
        this.clientId = clientId;
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the feed still reads; empty while it does, else why it stopped. */
    public String failure() {
        if (!failure.isEmpty()) {
            return failure;
        }
        return thread.isAlive() || stopping ? "" : "the catalog feed thread has ended";
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(STOP_WAIT.toMillis());
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties())) {
            consumer = kafka;
            Map<TopicPartition, Long> ends = assignEverything(kafka);
            if (ends != null) {
                catchUp(kafka, ends);
                follow(kafka);
            }
        } catch (WakeupException stoppedWhileWaiting) {
            // Shutting down.
        } catch (RuntimeException e) {
            if (!stopping) {
                failure = "the catalog feed stopped: " + e;
                LOG.error(failure, e);
                catalog.catchUp(CatchUp.waiting("the catalog feed, which stopped: " + e.getMessage()));
            }
        } finally {
            if (deadLetters != null) {
                deadLetters.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Assigns every partition of both topics, waiting for Kafka and the topics; returns the end offsets. */
    private Map<TopicPartition, Long> assignEverything(KafkaConsumer<String, byte[]> kafka) {
        while (!stopping) {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (Topic topic : TOPICS) {
                    List<PartitionInfo> infos = kafka.partitionsFor(topic.topicName(), METADATA_WAIT);
                    if (infos == null || infos.isEmpty()) {
                        missing.add(topic.topicName());
                    } else {
                        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                    }
                }
                if (missing.isEmpty()) {
                    kafka.assign(partitions);
                    kafka.seekToBeginning(partitions);
                    Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, METADATA_WAIT);
                    LOG.infof("rebuilding the catalog from %d partitions of %s", partitions.size(), topicNames());
                    return ends;
                }
                waitFor("topic " + String.join(" and ", missing) + " to be created");
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                waitFor("Kafka at " + kafkaSettings.get("bootstrap.servers"));
            }
        }
        return null;
    }

    private void waitFor(String what) {
        catalog.catchUp(CatchUp.waiting(what));
        LOG.warnf("the catalog rebuild waits for %s", what);
        sleep(RETRY);
    }

    /** Reads run events to their end offsets, then results to theirs, applying every record. */
    private void catchUp(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        ends.keySet().forEach(partition -> starts.put(partition, kafka.position(partition)));
        long total = ends.entrySet().stream().mapToLong(end -> end.getValue() - starts.get(end.getKey())).sum();
        long began = System.nanoTime();
        long lastReport = began;
        for (Topic topic : TOPICS) {
            List<TopicPartition> these = ends.keySet().stream()
                    .filter(partition -> partition.topic().equals(topic.topicName())).toList();
            kafka.pause(ends.keySet().stream().filter(partition -> !these.contains(partition)).toList());
            kafka.resume(these);
            while (!stopping && these.stream().anyMatch(partition -> kafka.position(partition) < ends.get(partition))) {
                apply(kafka.poll(POLL));
                CatchUp progress = CatchUp.reading(applied(kafka, starts, ends), total);
                catalog.catchUp(progress);
                if (System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos()) {
                    LOG.info(progress.describe());
                    lastReport = System.nanoTime();
                }
            }
        }
        kafka.resume(ends.keySet());
        if (!stopping) {
            catalog.catchUp(CatchUp.done(total, total));
            LOG.infof("catalog caught up: %d log records of %s in %.1f s", total, topicNames(),
                    (System.nanoTime() - began) / 1e9);
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        while (!stopping) {
            apply(kafka.poll(POLL));
        }
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.topic().equals(Topic.RUN_EVENTS.topicName())) {
                    catalog.apply(EventCodec.parse(RunEvent.parser(), record.value(), where(record)));
                } else {
                    catalog.apply(result(record), record.value());
                }
            } catch (PoisonEventException e) {
                deadLetter(record, e);
            }
        }
    }

    private static AnalysisResult result(ConsumerRecord<String, byte[]> record) {
        AnalysisResult result = EventCodec.parse(AnalysisResult.parser(), record.value(), where(record));
        if (!result.getResultKey().equals(record.key())) {
            throw new PoisonEventException(where(record) + ": record key '" + record.key()
                    + "' differs from the result key '" + result.getResultKey() + "'");
        }
        return result;
    }

    /** Sends the record as received to the topic's dead-letter topic, with why and where as headers. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, PoisonEventException cause) {
        LOG.warnf("dead-lettering %s: %s", where(record), cause.getMessage());
        if (deadLetters == null) {
            deadLetters = new KafkaProducer<>(producerProperties());
        }
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(record.topic() + ".dlq", record.key(),
                record.value());
        dead.headers().add("dead-letter-reason", bytes(cause.getMessage()))
                .add("dead-letter-cause", bytes(cause.getCause() == null ? "" : cause.getCause().toString()))
                .add("dead-letter-topic", bytes(record.topic()))
                .add("dead-letter-partition", bytes(Integer.toString(record.partition())))
                .add("dead-letter-offset", bytes(Long.toString(record.offset())));
        deadLetters.send(dead, (metadata, failure) -> {
            if (failure != null) {
                LOG.errorf("could not dead-letter %s: %s", where(record), failure.getMessage());
            }
        });
    }

    private static long applied(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> starts,
                                Map<TopicPartition, Long> ends) {
        return ends.keySet().stream().mapToLong(partition ->
                Math.min(kafka.position(partition), ends.get(partition)) - starts.get(partition)).sum();
    }

    private Properties consumerProperties() {
        Properties properties = kafkaProperties();
        properties.put("client.id", clientId);
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        properties.put("enable.auto.commit", "false");
        properties.put("auto.offset.reset", "earliest");
        // A rebuild reads the whole history: large fetches, few round trips.
        properties.put("max.poll.records", "10000");
        properties.put("max.partition.fetch.bytes", Integer.toString(8 << 20));
        properties.put("receive.buffer.bytes", Integer.toString(1 << 20));
        return properties;
    }

    private Properties producerProperties() {
        Properties properties = kafkaProperties();
        properties.put("client.id", clientId + "-dead-letters");
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", ByteArraySerializer.class.getName());
        return properties;
    }

    private Properties kafkaProperties() {
        Properties properties = new Properties();
        properties.putAll(kafkaSettings);
        return properties;
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "[" + record.partition() + "]@" + record.offset();
    }

    private static String topicNames() {
        return String.join(" and ", TOPICS.stream().map(Topic::topicName).toList());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
