package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.api.v1.ResultUpdate;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedKafka;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.ServiceSpec;
import org.prunedistill.messaging.Topic;
import org.prunedistill.testsupport.CraftedEvents;

/**
 * A Kafka broker lost in the middle of a run: the four packaged services on a system of their own whose Kafka is
 * three brokers and a dedicated controller (topics with three replicas, {@code min.insync.replicas} 2; the services'
 * producers with {@code acks=all} and idempotence, as deployed). After a run that warms the services up, one run goes
 * undisturbed and another of the same size loses the broker that leads its run log's partition once its first result
 * is written: killed without a controlled shutdown ({@link EmbeddedKafka#killBroker}), so the controller fences it
 * and moves its leaderships only when its heartbeats stop, then restarted on its port and log directory once the
 * system makes progress again. The run completes with every result once on {@code pd.results} and in what
 * results-api serves, nothing dead-lettered, and the restarted broker back in every ISR. The completion times, the
 * failover and the pause (the longest time without a record written, as this test's own consumer saw them arrive)
 * are written to {@code target/broker-loss.txt} (docs/benchmarks/broker-loss.md). A second test loses a broker
 * while the object store is down too, where the two faults meet: an analyser's heartbeats during its store retries.
 */
class BrokerLossIT {

    private static final int BROKERS = 3;
    private static final String HEARTBEAT_INTERVAL = "PD_PROGRESS_HEARTBEAT_INTERVAL";
    private static final String WARM_UP = "broker-warm-up";
    private static final String STORE_DOWN_TOO = "broker-and-store-lost";
    private static final String UNDISTURBED = "broker-kept";
    private static final String DISTURBED = "broker-lost";
    private static final int SOURCES = 4;
    private static final Duration FAILOVER_DEADLINE = Duration.ofMinutes(2);
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(1);
    private static final List<Topic> PIPELINE = List.of(Topic.RUN_EVENTS, Topic.ACTIVATIONS, Topic.RESULTS);
    private static final Predicate<TopicTap.Seen> PIPELINE_RECORDS = TopicTap.onAnyOf(PIPELINE.toArray(Topic[]::new));
    private static final List<Topic> DEAD_LETTERS = List.of(Topic.RUN_EVENTS_DEAD_LETTERS,
            Topic.ACTIVATIONS_DEAD_LETTERS, Topic.RESULTS_DEAD_LETTERS);

    @TempDir
    static Path data;

    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        // The analysers say "still running" every 2 s instead of 30, so that one does while the store is down.
        List<ServiceSpec> services = ServiceSpec.withDecodingProfile(ServiceSpec.DEFAULTS.stream()
                .map(ServiceSpec::onFreePorts)
                .map(spec -> spec.name().equals("id-estimator") || spec.name().equals("info-decoder")
                        ? spec.with(HEARTBEAT_INTERVAL, "2s") : spec)
                .toList(), "quick");
        system = LocalSystem.start(repository, data, EmbeddedStack.Ports.ANY, BROKERS, services, message -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aRunRidesOutABrokerKilledInItsMiddleWithEveryResultOnceAndNothingDeadLettered(TestReporter reporter)
            throws Exception {
        EmbeddedKafka kafka = system.stack().kafka();
        try (TopicTap tap = TopicTap.start(kafka.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             RunClient client = new RunClient(system.grpcTarget())) {
            assertEveryTopicHasThreeReplicasInSync(admin);

            // A first run warms the services' JVMs up, so that the two measured runs compare like with like.
            client.submit(WARM_UP, spec(20));
            assertCompleted(client.follow(WARM_UP, RunningSystem.RUN_TIMEOUT, run -> { }));

            long undisturbedStart = System.nanoTime();
            client.submit(UNDISTURBED, spec(21));
            assertCompleted(client.follow(UNDISTURBED, RunningSystem.RUN_TIMEOUT, run -> { }));
            long undisturbedEnd = System.nanoTime();

            long disturbedStart = System.nanoTime();
            client.submit(DISTURBED, spec(22));
            await().atMost(RunningSystem.RUN_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> !tap.seen(TopicTap.on(Topic.RESULTS, DISTURBED + "/")).isEmpty());
            TopicPartition runLog = tap.seen(TopicTap.on(Topic.RUN_EVENTS, DISTURBED)).get(0).partition();
            int victim = describe(admin, Topic.RUN_EVENTS).partitions().get(runLog.partition()).leader().id();
            Map<TopicPartition, Long> endsAtKill = endOffsets(admin, PIPELINE);

            long killedAt = System.nanoTime();
            kafka.killBroker(victim);
            long goneAt = System.nanoTime();

            await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> everyPartition(admin, partition -> partition.leader() != null
                            && partition.leader().id() != victim));
            Duration leadersMoved = since(killedAt);
            await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(50))
                    .until(() -> !tap.seen(PIPELINE_RECORDS.and(record -> record.seenAtNanos() > goneAt)).isEmpty());
            Duration resumed = Duration.ofNanos(tap.seen(PIPELINE_RECORDS.and(record -> record.seenAtNanos() > goneAt))
                    .stream().mapToLong(TopicTap.Seen::seenAtNanos).min().orElseThrow() - killedAt);

            kafka.restartBroker(victim);
            long restartedAt = System.nanoTime();

            Run done = client.follow(DISTURBED, RunningSystem.RUN_TIMEOUT, run -> { });
            long disturbedEnd = System.nanoTime();
            assertCompleted(done);
            await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> everyPartition(admin, partition -> partition.isr().size() == BROKERS));
            Duration caughtUp = since(restartedAt);

            assertTrue(tap.seen(TopicTap.on(Topic.RESULTS, DISTURBED + "/")
                            .and(record -> record.offset() >= endsAtKill.get(record.partition()))).size() > 0,
                    "no result of the run was written after the kill: the run was not in its middle");
            Map<String, Long> keptResults = resultsPerKey(tap, UNDISTURBED);
            Map<String, Long> lostResults = resultsPerKey(tap, DISTURBED);
            assertTrue(keptResults.values().stream().allMatch(count -> count == 1), keptResults.toString());
            assertTrue(lostResults.values().stream().allMatch(count -> count == 1),
                    "every result once on pd.results: " + lostResults);
            assertEquals(keptResults.size(), lostResults.size(), "as many results as the undisturbed run");
            List<ResultUpdate> servedKept = served(UNDISTURBED);
            List<ResultUpdate> servedLost = served(DISTURBED);
            assertEquals(servedLost.size(), new HashSet<>(servedLost).size(), "no result served twice");
            assertEquals(servedKept.size(), servedLost.size(), "results-api serves as many as for the undisturbed run");
            assertEquals(Map.of(), nonEmpty(endOffsets(admin, DEAD_LETTERS)), "nothing dead-lettered");
            assertEquals(List.of(), tap.seen(TopicTap.onAnyOf(DEAD_LETTERS.toArray(Topic[]::new))));
            assertProducersAreIdempotent(admin);

            writeMeasurements(reporter, Map.of(
                    "1 undisturbed run, submission to completion", seconds(undisturbedEnd - undisturbedStart),
                    "2 run with the broker lost, submission to completion", seconds(disturbedEnd - disturbedStart),
                    "3 longest wait between two records written, undisturbed run",
                    seconds(longestGap(tap, undisturbedStart, undisturbedEnd)),
                    "4 longest wait between two records written, from the kill to completion (the pause)",
                    seconds(longestGap(tap, killedAt, disturbedEnd)),
                    "5 kill to the first record written once the broker was gone", seconds(resumed.toNanos()),
                    "6 kill to every partition led by a live broker", seconds(leadersMoved.toNanos()),
                    "7 killing the broker in-process (its shutdown without a controlled one)",
                    seconds(goneAt - killedAt),
                    "8 restart to the restarted broker in every ISR", seconds(caughtUp.toNanos()),
                    "9 killed broker", victim + " (leader of " + runLog + "); results per run " + lostResults.size()));
        }
    }

    /**
     * The longest time in {@code [from, to]} during which the tap saw no record written to the pipeline's topics
     * (the edges count as records): how long the consumers waited on each other or on Kafka.
     */
    private static long longestGap(TopicTap tap, long from, long to) {
        List<Long> times = new ArrayList<>();
        times.add(from);
        tap.seen(PIPELINE_RECORDS.and(record -> record.seenAtNanos() > from && record.seenAtNanos() < to)).stream()
                .map(TopicTap.Seen::seenAtNanos).sorted().forEach(times::add);
        times.add(to);
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return longest;
    }

    /**
     * The one path where the two faults meet: an analyser waiting for the object store (retrying with backoff) keeps
     * publishing "still running" heartbeats to the run log. A crafted source reaches both analysers while the store
     * is down; once they beat, the run log's leader is killed; a heartbeat written after the failover, the store
     * still down, shows that the beats rode it out; then the store and the broker come back, and the source is
     * analysed with every result once and nothing dead-lettered (a beat that cannot be published is skipped, never
     * a failure of the work).
     */
    @Test
    void anAnalyserWaitingForTheObjectStoreKeepsBeatingThroughABrokerLoss() throws Exception {
        EmbeddedStack stack = system.stack();
        EmbeddedKafka kafka = stack.kafka();
        SourceRef crafted = CraftedEvents.source(STORE_DOWN_TOO, "V1");
        try (TopicTap tap = TopicTap.start(kafka.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             CraftedEvents events = new CraftedEvents(stack);
             RunClient client = new RunClient(system.grpcTarget())) {
            List<ActivationBatch> batches = events.storeBatches(crafted, 31);
            SourceManifest manifest = events.manifest(crafted, batches.stream().map(ActivationBatch::getTensor)
                    .toList());
            stack.s3().stop();
            try {
                for (ActivationBatch batch : batches) {
                    events.publish(batch);
                }
                events.publish(manifest);
                events.finishExtraction(STORE_DOWN_TOO, crafted);
                await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(100))
                        .until(() -> heartbeats(tap, 0).size() >= 2);
                TopicPartition runLog = heartbeats(tap, 0).get(0).partition();
                int victim = describe(admin, Topic.RUN_EVENTS).partitions().get(runLog.partition()).leader().id();

                kafka.killBroker(victim);
                long goneAt = System.nanoTime();

                await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(100))
                        .until(() -> !heartbeats(tap, goneAt).isEmpty());
                assertFalse(stack.s3().running(), "the store was down while the beats rode out the broker loss");
                stack.s3().resume();
                kafka.restartBroker(victim);
            } finally {
                stack.s3().resume();
            }

            Run done = client.follow(STORE_DOWN_TOO, RunningSystem.RUN_TIMEOUT, run -> { });
            assertEquals(RunStatus.RUN_STATUS_COMPLETED, done.getStatus(), done.toString());
            assertEquals(List.of(), done.getSources(0).getFailuresList());
            assertEquals(List.of("information", "intrinsic-dimension"),
                    done.getSources(0).getAnalysesDoneList().stream().sorted().toList());
            Map<String, Long> results = resultsPerKey(tap, STORE_DOWN_TOO);
            assertFalse(results.isEmpty(), "the crafted source has results");
            assertTrue(results.values().stream().allMatch(count -> count == 1), "every result once: " + results);
            assertEquals(Map.of(), nonEmpty(endOffsets(admin, DEAD_LETTERS)), "nothing dead-lettered");
            await().atMost(FAILOVER_DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> everyPartition(admin, partition -> partition.isr().size() == BROKERS));
        }
    }

    /** The "still running" progress events of the crafted run the tap saw after {@code afterNanos}. */
    private static List<TopicTap.Seen> heartbeats(TopicTap tap, long afterNanos) {
        return tap.seen(TopicTap.on(Topic.RUN_EVENTS, STORE_DOWN_TOO).and(record -> record.seenAtNanos() > afterNanos
                && isHeartbeat(record.value())));
    }

    private static boolean isHeartbeat(byte[] value) {
        try {
            RunEvent event = RunEvent.parseFrom(value);
            return event.hasProgress() && event.getProgress().getMessage().contains("still running");
        } catch (InvalidProtocolBufferException notARunEvent) {
            return false;
        }
    }

    /** Two checkpoints x two layers of the built-in CNN; the seed makes each run's stimuli its own (nothing reused). */
    private static RunSpec spec(int seed) {
        return RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(seed).setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                        .addCheckpoints("random-1").addCheckpoints("random-2")
                        .addLayers("pool2").addLayers("fc1"))
                .build();
    }

    private static void assertCompleted(Run run) {
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());
        assertEquals(SOURCES, run.getSourcesCount());
        run.getSourcesList().forEach(source -> assertEquals(List.of(), source.getFailuresList(), source.toString()));
    }

    private static void assertEveryTopicHasThreeReplicasInSync(Admin admin) throws Exception {
        assertTrue(everyPartition(admin, partition -> partition.replicas().size() == BROKERS
                && partition.isr().size() == BROKERS), "three replicas in sync");
    }

    /**
     * The services' producers are idempotent: the brokers keep a producer id for each on the topics they write (a
     * producer without idempotence has none), and an idempotent producer exists only with {@code acks=all}.
     */
    private static void assertProducersAreIdempotent(Admin admin) throws Exception {
        for (Topic topic : List.of(Topic.RUN_EVENTS, Topic.RESULTS)) {
            List<TopicPartition> partitions = endOffsets(admin, List.of(topic)).keySet().stream().toList();
            long producers = admin.describeProducers(partitions).all().get().values().stream()
                    .mapToLong(state -> state.activeProducers().size()).sum();
            assertTrue(producers > 0, "no idempotent producer wrote to " + topic.topicName());
        }
    }

    private static Map<String, Long> resultsPerKey(TopicTap tap, String runId) {
        return tap.seen(TopicTap.on(Topic.RESULTS, runId + "/")).stream()
                .collect(Collectors.groupingBy(TopicTap.Seen::key, Collectors.counting()));
    }

    /** Every result of a completed run as WatchResults streams it. */
    private static List<ResultUpdate> served(String runId) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(system.grpcTarget()).usePlaintext().build();
        try {
            List<ResultUpdate> results = new ArrayList<>();
            ResultsServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .watchResults(ProfileRequest.newBuilder().setRunId(runId).build())
                    .forEachRemaining(results::add);
            assertFalse(results.isEmpty(), "WatchResults streamed nothing for " + runId);
            return results;
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
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

    private static TopicDescription describe(Admin admin, Topic topic) throws Exception {
        return admin.describeTopics(List.of(topic.topicName())).allTopicNames().get().get(topic.topicName());
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<Topic> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        for (Topic topic : topics) {
            describe(admin, topic).partitions().forEach(partition -> latest.put(
                    new TopicPartition(topic.topicName(), partition.partition()), OffsetSpec.latest()));
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static Map<TopicPartition, Long> nonEmpty(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** The measurements, as a report entry and in target/broker-loss.txt (tests never print). */
    private static void writeMeasurements(TestReporter reporter, Map<String, String> measurements) throws Exception {
        Map<String, String> ordered = new java.util.TreeMap<>(measurements);
        reporter.publishEntry(ordered);
        Files.writeString(Path.of("target/broker-loss.txt"), ordered.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
    }
}
