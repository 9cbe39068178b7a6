package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.launcher.AnalyserScaling;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.ServiceProcess;
import org.prunedistill.messaging.Topic;

/**
 * Scaling out: a second id-estimator (two consumer threads) and a second info-decoder join the consumer groups of the
 * running ones; a run of 12 recorded areas is shared among them, every source analysed exactly once per analyser, and
 * results-api holds each source's results once.
 */
@ExtendWith(WithRunningSystem.class)
class ScaleOutIT {

    private static final int AREAS = 12;
    private static final Duration GROUP_TIMEOUT = Duration.ofMinutes(2);

    private final RunningSystem running = RunningSystem.get();

    @Test
    void secondInstancesShareTheSourcesOfARunAndAnalyseEachOnce() throws Exception {
        LocalSystem system = running.system();
        String bootstrap = system.stack().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(Topic.ACTIVATIONS.topicName())).allTopicNames().get()
                    .get(Topic.ACTIVATIONS.topicName()).partitions().size();
            assertTrue(partitions >= 3, "pd.activations has " + partitions + " partitions: too few to share among 3");
        }
        running.referenceRun();
        // Whatever the shared system had queued is done and committed before counting: a record the analysers
        // processed but had not yet committed (the throttled commit runs every few seconds) would be delivered again
        // to a new member after the rebalance, and analysed again inside the counted window.
        for (String analyser : AnalyserScaling.ANALYSERS) {
            awaitCommittedToTheEnd(bootstrap, analyser);
        }
        ServiceProcess idSecond = AnalyserScaling.startInstance(system, "id-estimator", 2, 2);
        ServiceProcess infoSecond = AnalyserScaling.startInstance(system, "info-decoder", 2, 1);
        try {
            // 1 + 2 consumers in id-estimator's group, 1 + 1 in info-decoder's, each with partitions to read.
            AnalyserScaling.awaitBalancedGroup(bootstrap, "id-estimator", 3, GROUP_TIMEOUT);
            AnalyserScaling.awaitBalancedGroup(bootstrap, "info-decoder", 2, GROUP_TIMEOUT);
            Map<ServiceProcess, Long> before = counts(system.service("id-estimator"), idSecond,
                    system.service("info-decoder"), infoSecond);

            String runId = "scale-out";
            running.client().submit(runId, AnalyserScaling.recordedAreas(running.data().resolve("samples/scale-out"),
                    AREAS, 30, 120, 4));
            Run run = running.client().follow(runId, RunningSystem.RUN_TIMEOUT, update -> { });
            assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.toString());
            assertEquals(AREAS, run.getSourcesCount());
            run.getSourcesList().forEach(source -> assertEquals(List.of(), source.getFailuresList(),
                    source.toString()));

            Map<ServiceProcess, Long> after = counts(system.service("id-estimator"), idSecond,
                    system.service("info-decoder"), infoSecond);
            Map<String, Long> done = new LinkedHashMap<>();
            after.forEach((instance, count) -> done.put(instance.name(), count - before.get(instance)));
            for (String analyser : AnalyserScaling.ANALYSERS) {
                long first = done.get(analyser);
                long second = done.get(analyser + "-2");
                assertEquals(AREAS, first + second, analyser + ": every source analysed exactly once " + done);
                assertTrue(first > 0 && second > 0, analyser + ": both instances analysed sources " + done);
            }

            List<IdPoint> twonn = running.client().idProfile(runId).getPointsList().stream()
                    .filter(point -> point.getEstimator().equals("twonn")).toList();
            assertOncePerArea(twonn.stream().map(point -> point.getSource().getName()).toList(), "TwoNN");
            List<InformationPoint> fHigh = running.client().informationProfile(runId).getPointsList().stream()
                    .filter(point -> point.getMeasure().getQuantity()
                            == InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE).toList();
            assertOncePerArea(fHigh.stream().map(point -> point.getSource().getName()).toList(), "f_high(L)");
        } finally {
            system.stopInstance(idSecond.name());
            system.stopInstance(infoSecond.name());
        }
    }

    /** Waits until the analyser's group has committed every partition of pd.activations up to its end. */
    private static void awaitCommittedToTheEnd(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            String topic = Topic.ACTIVATIONS.topicName();
            await().atMost(GROUP_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .size();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (int partition = 0; partition < partitions; partition++) {
                    ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
                return admin.listOffsets(ends).all().get().entrySet().stream().allMatch(end -> {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    return end.getValue().offset() == (at == null ? 0 : at.offset());
                });
            });
        }
    }

    private static Map<ServiceProcess, Long> counts(ServiceProcess... instances) throws Exception {
        Map<ServiceProcess, Long> counts = new LinkedHashMap<>();
        for (ServiceProcess instance : instances) {
            counts.put(instance, AnalyserScaling.analysedSources(instance));
        }
        return counts;
    }

    private static void assertOncePerArea(List<String> sources, String what) {
        Map<String, Long> perSource = sources.stream().collect(Collectors.groupingBy(name -> name,
                java.util.TreeMap::new, Collectors.counting()));
        assertEquals(AREAS, perSource.size(), what + " of every area: " + perSource);
        perSource.forEach((name, count) -> assertEquals(1L, count, what + " of " + name + " once: " + perSource));
    }
}
