package org.prunedistill.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.prunedistill.messaging.Topic;

/**
 * Every record of the pipeline's topics (dead-letter topics included) as it becomes readable, from the topics'
 * start, with the moment this test saw it: duplicates are counted before compaction could merge them, and the moment
 * the system made progress again after a fault can be read off. A consumer of its own (no group) on a thread of its
 * own; {@link #close()} stops it.
 */
final class TopicTap implements AutoCloseable {

    /** One record as seen: where it lies, its key and value, and {@link System#nanoTime()} when the tap read it. */
    record Seen(TopicPartition partition, long offset, String key, byte[] value, long seenAtNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile RuntimeException failure;

    private TopicTap(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::read, "topic-tap");
    }

    static TopicTap start(String bootstrapServers) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            consumer.partitionsFor(topic.topicName())
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        TopicTap tap = new TopicTap(consumer);
        tap.thread.start();
        return tap;
    }

    private void read() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(new Seen(new TopicPartition(record.topic(), record.partition()), record.offset(),
                            record.key(), record.value(), System.nanoTime()));
                }
            }
        } catch (WakeupException closing) {
            // close() asked.
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    /** The records seen so far that match. */
    List<Seen> seen(Predicate<Seen> filter) {
        if (failure != null) {
            throw new IllegalStateException("the topic tap stopped reading: " + failure.getMessage(), failure);
        }
        return seen.stream().filter(filter).toList();
    }

    /** Records of one topic whose key starts with {@code prefix}. */
    static Predicate<Seen> on(Topic topic, String keyPrefix) {
        return record -> record.partition().topic().equals(topic.topicName()) && record.key() != null
                && record.key().startsWith(keyPrefix);
    }

    /** Records of any of the topics. */
    static Predicate<Seen> onAnyOf(Topic... topics) {
        List<String> names = Arrays.stream(topics).map(Topic::topicName).toList();
        return record -> names.contains(record.partition().topic());
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join();
    }
}
