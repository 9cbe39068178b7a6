package org.prunedistill.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.messaging.Topic;

/**
 * Scaling the analysers out on one machine: more instances of id-estimator and info-decoder in the same consumer
 * groups, the count of sources each instance analysed (from its Prometheus metrics), and runs with many sources to
 * share among them. Used by the scale-out system test and {@code ./pd bench-scale-out}.
 */
public final class AnalyserScaling {

    /** The two analysers: service name and the consumer group of their {@code activations} channel. */
    public static final List<String> ANALYSERS = List.of("id-estimator", "info-decoder");

    /** SmallRye Kafka: consumer threads (one KafkaConsumer each) of the {@code activations} channel. */
    public static final String CONCURRENCY_ENV = "MP_MESSAGING_INCOMING_ACTIVATIONS_CONCURRENCY";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AnalyserScaling() {
    }

    /**
     * Starts instance {@code number} (2, 3, ...) of an analyser with {@code concurrency} consumers; it joins the
     * consumer group of the running instances.
     */
    public static ServiceProcess startInstance(LocalSystem system, String analyser, int number, int concurrency)
            throws IOException, InterruptedException {
        // The running instance's own settings (a decoding profile, say) carry over, so that the group stays uniform.
        ServiceSpec first = system.service(analyser).spec();
        ServiceSpec spec = new ServiceSpec(analyser + "-" + number, first.moduleDir(), 0, -1, first.maxHeapMb(),
                first.settings());
        return system.startInstance(spec, Map.of(CONCURRENCY_ENV, Integer.toString(concurrency)));
    }

    /**
     * Waits until the consumer group of {@code analyser} has {@code members} members, stable, and every partition of
     * {@code pd.activations} is assigned with no member left without one, so that work submitted next is shared.
     *
     * @return partitions per member, for logs
     */
    public static List<Integer> awaitBalancedGroup(String bootstrapServers, String analyser, int members,
                                                   Duration timeout) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int partitions = admin.describeTopics(List.of(Topic.ACTIVATIONS.topicName())).allTopicNames().get()
                    .get(Topic.ACTIVATIONS.topicName()).partitions().size();
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "not described yet";
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(analyser)).all().get()
                        .get(analyser);
                List<Integer> assigned = group.members().stream().map(AnalyserScaling::activationPartitions)
                        .toList();
                last = group.groupState() + ", partitions per member " + assigned;
                if (group.members().size() == members && group.groupState().toString().equalsIgnoreCase("stable")
                        && assigned.stream().mapToInt(Integer::intValue).sum() == partitions
                        && assigned.stream().allMatch(count -> count > 0)) {
                    return assigned;
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("consumer group " + analyser + " did not settle on " + members
                    + " members sharing " + partitions + " partitions within " + timeout + ": " + last);
        }
    }

    private static int activationPartitions(MemberDescription member) {
        return (int) member.assignment().topicPartitions().stream()
                .filter(partition -> partition.topic().equals(Topic.ACTIVATIONS.topicName())).count();
    }

    /**
     * Sources this instance has analysed successfully since it started: the sum of its
     * {@code pd_analysis_seconds_count{outcome="success"}} series (one per source and analysis).
     */
    public static long analysedSources(ServiceProcess instance) throws IOException, InterruptedException {
        return Math.round(sumOf(metrics(instance), "pd_analysis_seconds_count", "outcome=\"success\""));
    }

    /** Seconds this instance has spent analysing sources since it started ({@code pd_analysis_seconds_sum}). */
    public static double analysisSeconds(ServiceProcess instance) throws IOException, InterruptedException {
        return sumOf(metrics(instance), "pd_analysis_seconds_sum", "outcome=");
    }

    private static String metrics(ServiceProcess instance) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instance.httpPort() + "/q/metrics")).timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(instance.name() + " /q/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** Sum of the Prometheus samples of {@code metric} whose labels contain {@code label}. */
    static double sumOf(String exposition, String metric, String label) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") && line.substring(0, line.indexOf('}') + 1).contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * A run of {@code areas} synthetic recorded areas ({@code area-01}, ...), each its own recording of the known
     * 2-D manifold ({@link SampleRecording}) written under {@code directory}: many sources, none of them from the
     * CNN, so the analysers do nearly all the work. They form one hierarchy of areas of one size, so each is analysed
     * whole.
     */
    public static RunSpec recordedAreas(Path directory, int areas, int units, int conditions, int trials)
            throws IOException {
        RunSpec.Builder spec = RunSpec.newBuilder();
        for (int area = 1; area <= areas; area++) {
            String name = String.format(Locale.ROOT, "area-%02d", area);
            SampleRecording.Files recording = SampleRecording.write(directory.resolve(name), units, conditions,
                    trials, 6, 0.005, 100 + area);
            spec.addRecordings(RecordingSource.newBuilder().setArea(name).setOrder(area - 1)
                    .setResponsesUri(recording.responses().toUri().toString())
                    .setConditionsUri(recording.conditions().toUri().toString()));
        }
        return spec.build();
    }
}
