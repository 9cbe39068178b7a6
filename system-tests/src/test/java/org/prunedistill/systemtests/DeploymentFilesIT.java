package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment files validate offline: docker-compose.yml against the Compose schema, both Kubernetes layouts (k8s/,
 * single-node, and k8s/replicated/) rendered by kustomize and checked (probes, Secrets, selectors, topics equal to
 * {@code Topic}; ports, settings and consumer groups as the services' own configuration has them; memory, threads and
 * disks within the limits; metrics and egress under the NetworkPolicies; the bucket's lifecycle; the Dockerfiles; the
 * vendored Kubernetes and KEDA schemas; for the replicated layout also the quorum, the topics' replication, the object
 * store, the replicas and the disruption budgets). The checks themselves live in {@code .ci/validate-deployment}; in CI (CI=true) its tools
 * must be installed.
 */
class DeploymentFilesIT {

    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void composeFileAndKubernetesManifestsValidate() throws Exception {
        boolean tools = Files.isExecutable(Path.of("/usr/bin/docker-compose"))
                && Files.isExecutable(Path.of("/usr/bin/kubectl"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(tools, "docker-compose and kubectl are required in CI (.ci/run installs them)");
        }
        assumeTrue(tools, "docker-compose or kubectl is not installed");
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        Process process = new ProcessBuilder("bash", repository.resolve(".ci/validate-deployment").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "validation did not finish");
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("FAIL"), output);
        assertTrue(output.contains("== single-node layout (k8s/)") && output.contains("== replicated layout"), output);
        assertEquals(2, output.split("deployment: \\d+ passed, 0 failed", -1).length - 1, "both layouts: " + output);
        assertTrue(output.contains("ok   network-policies:") && output.contains("ok   api-token:"), output);
        assertTrue(output.contains("ok   replay:") && output.contains("ok   topics:"), output);
        assertTrue(output.contains("ok   kafka-quorum:") && output.contains("ok   disruption-budgets:"), output);
        for (String check : List.of("service-config", "memory", "disks", "egress", "metrics", "bucket-lifecycle",
                "schemas", "dockerfiles", "images")) {
            assertEquals(2, output.split("ok   " + check + ":", -1).length - 1, check + " in both layouts: " + output);
        }
    }

    @Test
    void memoryLimitTooSmallForItsHeapIsFlagged() throws Exception {
        List<String> documents = documents(manifests());
        documents.replaceAll(d -> isObject(d, "Deployment", "id-estimator")
                ? d.replace("memory: 2Gi", "memory: 1Gi") : d);
        String output = checkK8s(String.join("\n---\n", documents));
        assertTrue(output.contains("FAIL memory"), output);
        assertTrue(output.contains("Deployment/id-estimator container id-estimator: memory limit 1024 MiB is below heap"
                + " (-Xmx) 768 + metaspace (-XX:MaxMetaspaceSize) 256 + code cache (-XX:ReservedCodeCacheSize) 96 +"
                + " direct buffers (-XX:MaxDirectMemorySize) 128 + the JVM's threads, GC and code 96 + ND4J neighbour"
                + " search (PD_ID_NEIGHBOUR_MEMORY_MB) 512 = 1856 MiB"), output);
        assertFalse(output.contains("Deployment/info-decoder container info-decoder: memory limit"),
                "only the edited one: " + output);
    }

    @Test
    void onnxRuntimeBudgetBeyondTheLimitOrMissingIsFlagged() throws Exception {
        Pattern budget = Pattern.compile("(?m)^ *- name: PD_EXTRACTION_ONNX_MEMORY_MB\\n( +value: )\"768\"\\n");
        List<String> documents = documents(manifests());
        assertTrue(documents.stream().anyMatch(d -> isObject(d, "Deployment", "activation-extractor")
                && budget.matcher(d).find()), "the extractor's ONNX Runtime budget is set");
        documents.replaceAll(d -> isObject(d, "Deployment", "activation-extractor")
                ? budget.matcher(d).replaceAll(m -> m.group().replace("768", "1536")) : d);
        String output = checkK8s(String.join("\n---\n", documents));
        assertTrue(output.contains("FAIL memory"), output);
        assertTrue(output.contains("Deployment/activation-extractor container activation-extractor: memory limit 2560"
                + " MiB is below heap (-Xmx) 768 + metaspace (-XX:MaxMetaspaceSize) 256 + code cache"
                + " (-XX:ReservedCodeCacheSize) 96 + direct buffers (-XX:MaxDirectMemorySize) 128 + the JVM's threads,"
                + " GC and code 96 + ONNX Runtime (PD_EXTRACTION_ONNX_MEMORY_MB) 1536 = 2880 MiB"), output);
        String unset = checkK8s(budget.matcher(manifests()).replaceAll(""));
        assertTrue(unset.contains("PD_EXTRACTION_ONNX_MEMORY_MB is not set: ONNX Runtime would take its default 768"
                + " MiB whatever the limit"), unset);
    }

    @Test
    void missingScrapeRuleIsFlagged() throws Exception {
        List<String> documents = documents(manifests());
        assertTrue(documents.removeIf(d -> isObject(d, "NetworkPolicy", "metrics-from-prometheus")),
                "the manifests admit Prometheus");
        String output = checkK8s(String.join("\n---\n", documents));
        assertTrue(output.contains("FAIL metrics"), output);
        for (String service : List.of("activation-extractor", "id-estimator", "info-decoder")) {
            assertTrue(output.contains("Deployment/" + service + ": Prometheus (namespace monitoring) cannot reach"
                    + " /q/metrics"), output);
        }
        assertFalse(output.contains("Deployment/results-api: Prometheus"), "results-api is open to anyone: " + output);
    }

    @Test
    void hardCodedPortThatDiffersFromTheServicesIsFlagged() throws Exception {
        List<String> documents = documents(manifests());
        documents.replaceAll(d -> isObject(d, "Deployment", "info-decoder")
                ? d.replace("containerPort: 8083", "containerPort: 8093") : d);
        String output = checkK8s(String.join("\n---\n", documents));
        assertTrue(output.contains("FAIL service-config"), output);
        assertTrue(output.contains("Deployment/info-decoder container info-decoder: port http is 8093, but"
                + " quarkus.http.port of info-decoder/service/src/main/resources/application.properties is 8083"),
                output);
    }

    @Test
    void settingNoServiceReadsIsFlagged() throws Exception {
        String manifests = manifests();
        assertTrue(manifests.contains("PD_ID_NEIGHBOUR_MEMORY_MB"), "id-estimator's ND4J budget is set");
        String output = checkK8s(manifests.replace("PD_ID_NEIGHBOUR_MEMORY_MB", "PD_ID_NEIGHBOR_MEMORY_MB"));
        assertTrue(output.contains("PD_ID_NEIGHBOR_MEMORY_MB is no setting of id-estimator"), output);
        assertTrue(output.contains("PD_ID_NEIGHBOUR_MEMORY_MB is not set: the ND4J neighbour search would take its"
                + " default 2048 MiB"), output);
    }

    @Test
    void lifecycleExpiringTheResultTablesIsFlagged() throws Exception {
        String manifests = manifests();
        String tensors = "\"Prefix\": \"tensors/\"";
        assertTrue(manifests.contains(tensors), "the bucket's lifecycle expires tensors");
        String output = checkK8s(manifests.replace(tensors, "\"Prefix\": \"results/\""));
        assertTrue(output.contains("FAIL bucket-lifecycle"), output);
        assertTrue(output.contains("rule on 'results/' expires the per-unit result tables"), output);
        assertTrue(output.contains("objects under 'tensors/' never expire"), output);
    }

    @Test
    void misspeltFieldFailsTheSchema() throws Exception {
        String manifests = manifests();
        String output = checkK8s(manifests.replaceFirst("readinessProbe:", "readynessProbe:"));
        assertTrue(output.contains("FAIL schemas"), output);
        assertTrue(output.contains("Additional properties are not allowed ('readynessProbe' was unexpected)"), output);
    }

    /**
     * The security of the manifests, with kubectl alone: a default-deny ingress policy, Kafka and MinIO reachable only
     * from the services, results-api from anywhere, and results-api's API token read from a Secret.
     */
    @Test
    void manifestsDenyIngressByDefaultAndReadTheApiTokenFromASecret() throws Exception {
        boolean tools = Files.isExecutable(Path.of("/usr/bin/kubectl"))
                && Files.isExecutable(Path.of("/usr/bin/python3"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(tools, "kubectl and python3 are required in CI (.ci/run installs them)");
        }
        assumeTrue(tools, "kubectl or /usr/bin/python3 is not installed");
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        Path rendered = Files.createTempFile("pd-k8s", ".yaml");
        try {
            String rendering = run(new ProcessBuilder("/usr/bin/kubectl", "kustomize",
                    repository.resolve("k8s").toString()).redirectOutput(rendered.toFile()));
            String output = run(new ProcessBuilder("/usr/bin/python3",
                    repository.resolve(".ci/check_k8s.py").toString(), rendered.toString()).redirectErrorStream(true));
            assertTrue(output.contains("ok   network-policies:"), rendering + output);
            assertTrue(output.contains("ok   api-token:"), output);
            assertTrue(output.contains(" 0 failed"), output);
        } finally {
            Files.delete(rendered);
        }
    }

    /** Runs a process to its end and returns what it printed on stdout (when not redirected). */
    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String output = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "did not finish: " + builder.command());
        assertEquals(0, process.exitValue(), builder.command() + ": " + output + errors);
        return output;
    }

    @Test
    void analysersAutoscaleOnTheirLagWithinThePartitions() throws Exception {
        String output = checkK8s(manifests());
        assertTrue(output.contains("ok   autoscaling: 2 KEDA ScaledObjects"), output);
    }

    @Test
    void scaledObjectWithoutExcludePersistentLagIsFlagged() throws Exception {
        String manifests = manifests();
        String kept = "excludePersistentLag: \"true\"";
        int first = manifests.indexOf(kept);
        assertTrue(first >= 0, "the shipped ScaledObjects exclude persistent lag");
        String output = checkK8s(manifests.substring(0, first) + manifests.substring(first + kept.length()));
        assertTrue(output.contains("FAIL autoscaling"), output);
        assertTrue(output.contains("ScaledObject/id-estimator: excludePersistentLag is not \"true\""), output);
        assertFalse(output.contains("ScaledObject/info-decoder: excludePersistentLag"),
                "only the edited one: " + output);
    }

    @Test
    void scaledObjectBeyondThePartitionCountIsFlagged() throws Exception {
        String manifests = manifests().replaceFirst("maxReplicaCount: 6", "maxReplicaCount: 12");
        String output = checkK8s(manifests);
        assertTrue(output.contains("maxReplicaCount 12 exceeds the 6 partitions of pd.activations"), output);
    }

    @Test
    void replayJobRunsItsAnalyserInAConsumerGroupOfItsOwn() throws Exception {
        String output = checkK8s(manifests(), "--replay", replayJob().toString());
        assertTrue(output.contains("ok   replay: the replay Job runs id-estimator in a consumer group of its own"),
                output);
        assertTrue(output.contains(" 0 failed"), "the Job passes every other check too: " + output);
    }

    @Test
    void replayInTheLiveAnalysersConsumerGroupIsFlagged() throws Exception {
        Path edited = Files.createTempFile("pd-replay", ".yaml");
        try {
            Files.writeString(edited, Files.readString(replayJob()).replace(
                    "GROUP_ID: id-estimator-replay-reference-pca-0.8", "GROUP_ID: id-estimator"));
            String output = checkK8s(manifests(), "--replay", edited.toString());
            assertTrue(output.contains("FAIL replay"), output);
            assertTrue(output.contains("is 'id-estimator', a live analyser's group"), output);
        } finally {
            Files.delete(edited);
        }
    }

    @Test
    void resultsApiOutsideTheK8sProfileIsFlagged() throws Exception {
        String manifests = manifests();
        assertTrue(manifests.contains("value: prod,k8s"), "results-api runs in the k8s profile");
        String output = checkK8s(manifests.replace("value: prod,k8s", "value: prod"));
        assertTrue(output.contains("FAIL api-token"), output);
        assertTrue(output.contains("QUARKUS_PROFILE does not include k8s"), output);
    }

    @Test
    void runLogCreatedWithTheBrokerRetentionIsFlagged() throws Exception {
        String manifests = manifests();
        String forever = "topic pd.run-events 3 $forever";
        assertTrue(manifests.contains(forever), "the Job creates the run log kept forever");
        String output = checkK8s(manifests.replace(forever, "topic pd.run-events 3"),
                "--compose", repository().resolve("docker-compose.yml").toString(),
                "--topic-enum", topicEnum().toString());
        assertTrue(output.contains("FAIL topics"), output);
        assertTrue(output.contains("k8s Job kafka-topics: missing [('pd.run-events', 3, 'FOREVER')]"), output);
        assertFalse(output.contains("compose kafka-init: missing"), "only the edited Job: " + output);
    }

    @Test
    void producersWithoutAcksAllAreFlagged() throws Exception {
        String manifests = manifests();
        assertTrue(manifests.contains("KAFKA_ACKS: all"), "the ConfigMap asks every in-sync replica");
        String output = checkK8s(manifests.replace("KAFKA_ACKS: all", "KAFKA_ACKS: \"1\""));
        assertTrue(output.contains("FAIL producers"), output);
        assertTrue(output.contains("ConfigMap prune-distill-config: KAFKA_ACKS is '1', expected 'all'"), output);
    }

    @Test
    void replicatedLayoutPassesItsOwnChecks() throws Exception {
        String output = checkK8s(replicatedManifests(), "--layout", "replicated");
        assertTrue(output.contains("ok   kafka-quorum: 3 brokers and 3 dedicated controllers (KRaft), one per node"),
                output);
        assertTrue(output.contains(
                "ok   topic-replication: topics with replication factor 3 and min.insync.replicas 2"), output);
        assertTrue(output.contains("ok   object-store: distributed MinIO: 3 servers x 2 drives, EC:3; a lost server "
                + "leaves 4 drives for reads (3) and writes (4)"), output);
        assertTrue(output.contains("ok   service-replicas:") && output.contains("ok   disruption-budgets: 7 workloads"),
                output);
        assertTrue(output.contains(" 0 failed"), "every other check passes too: " + output);
    }

    @Test
    void singleNodeLayoutFailsTheReplicatedChecks() throws Exception {
        String output = checkK8s(manifests(), "--layout", "replicated");
        assertTrue(output.contains("StatefulSet/kafka: combined broker and controller roles"), output);
        assertTrue(output.contains("StatefulSet/minio: a single-server MinIO"), output);
        assertTrue(output.contains("deployment: ") && output.contains(" 5 failed"), output);
    }

    @Test
    void topicsWithOneReplicaAreFlaggedInTheReplicatedLayout() throws Exception {
        String output = checkK8s(withEnv(replicatedManifests(), "TOPIC_REPLICATION_FACTOR", "3", "1"),
                "--layout", "replicated");
        assertTrue(output.contains("FAIL topic-replication"), output);
        assertTrue(output.contains("Job kafka-topics: topics get 1 replica(s) (TOPIC_REPLICATION_FACTOR); the"
                + " replicated layout needs 3, or a lost broker takes partitions with it"), output);
    }

    @Test
    void minInsyncReplicasBelowTwoIsFlaggedInTheReplicatedLayout() throws Exception {
        String output = checkK8s(withEnv(replicatedManifests(), "TOPIC_MIN_INSYNC_REPLICAS", "2", "1"),
                "--layout", "replicated");
        assertTrue(output.contains("FAIL topic-replication"), output);
        assertTrue(output.contains("Job kafka-topics: min.insync.replicas 1 (TOPIC_MIN_INSYNC_REPLICAS) lets a write be"
                + " acknowledged by one broker alone, lost with it; needs at least 2"), output);
        assertFalse(output.contains("topics get"), "the replication factor stays 3: " + output);
    }

    @Test
    void missingDisruptionBudgetIsFlaggedInTheReplicatedLayout() throws Exception {
        List<String> documents = documents(replicatedManifests());
        assertTrue(documents.removeIf(d -> isObject(d, "PodDisruptionBudget", "kafka")), "the brokers have a budget");
        String output = checkK8s(String.join("\n---\n", documents), "--layout", "replicated");
        assertTrue(output.contains("FAIL disruption-budgets: 6 workloads"), output);
        assertTrue(output.contains("StatefulSet/kafka: no PodDisruptionBudget selects its pods, so a node drain or"
                + " upgrade may evict all of them at once"), output);
        assertFalse(output.contains("StatefulSet/kafka-controller: no PodDisruptionBudget"),
                "only the brokers: " + output);
    }

    @Test
    void singleResultsApiReplicaIsFlaggedInTheReplicatedLayout() throws Exception {
        List<String> documents = documents(replicatedManifests());
        documents.replaceAll(d -> isObject(d, "Deployment", "results-api")
                ? d.replace("replicas: 2", "replicas: 1") : d);
        String output = checkK8s(String.join("\n---\n", documents), "--layout", "replicated");
        assertTrue(output.contains("FAIL service-replicas"), output);
        assertTrue(output.contains("Deployment/results-api: 1 replica(s); the replicated layout needs at least 2 behind"
                + " its Service, so a lost pod or node leaves one serving"), output);
        assertFalse(output.contains("Deployment/info-decoder: 1 replica"), "only results-api: " + output);
    }

    /** The rendered manifests with one literal env value of a container changed (it must occur exactly once). */
    private static String withEnv(String manifests, String name, String from, String to) {
        Pattern entry = Pattern.compile("(- name: " + name + "\\n\\s+value: )\"" + from + "\"");
        Matcher matcher = entry.matcher(manifests);
        assertTrue(matcher.find(), name + " is " + from + " in the rendering");
        String edited = matcher.replaceFirst("$1\"" + to + "\"");
        assertFalse(entry.matcher(edited).find(), name + " occurs once");
        return edited;
    }

    private static List<String> documents(String manifests) {
        return new ArrayList<>(List.of(manifests.split("(?m)^---\\n")));
    }

    private static boolean isObject(String document, String kind, String name) {
        return document.contains("kind: " + kind + "\n")
                && Pattern.compile("(?m)^metadata:\\n(?:  .*\\n)*?  name: " + Pattern.quote(name) + "$")
                .matcher(document).find();
    }

    /** k8s/replicated/ rendered by kubectl kustomize (its patches need kustomize itself). */
    private static String replicatedManifests() throws Exception {
        boolean kubectl = Files.isExecutable(Path.of("/usr/bin/kubectl"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(kubectl, "kubectl is required in CI (.ci/run installs it)");
        }
        assumeTrue(kubectl, "kubectl is not installed");
        return run(new ProcessBuilder("/usr/bin/kubectl", "kustomize",
                repository().resolve("k8s/replicated").toString()));
    }

    /** event-messaging's Topic enum, at the path .ci/validate-deployment names (the one place to update when it moves). */
    private static Path topicEnum() throws Exception {
        Matcher path = Pattern.compile("(?m)^topic_enum=(\\S+)$")
                .matcher(Files.readString(repository().resolve(".ci/validate-deployment")));
        assertTrue(path.find(), "validate-deployment sets topic_enum");
        return repository().resolve(path.group(1));
    }

    private static Path replayJob() {
        return repository().resolve("k8s/replay/analyser-replay.yaml");
    }

    /** The single-node layout, k8s/ rendered by kubectl kustomize (its generated ConfigMap and images need it). */
    private static String manifests() throws Exception {
        boolean kubectl = Files.isExecutable(Path.of("/usr/bin/kubectl"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(kubectl, "kubectl is required in CI (.ci/run installs it)");
        }
        assumeTrue(kubectl, "kubectl is not installed");
        return run(new ProcessBuilder("/usr/bin/kubectl", "kustomize", repository().resolve("k8s").toString()));
    }

    /**
     * Runs .ci/check_k8s.py on the given manifests, with its options; its output (it may fail: the caller reads which
     * checks did).
     */
    private static String checkK8s(String manifests, String... options) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean available = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import yaml")
                .start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "python3 with PyYAML is required in CI (.ci/run installs it)");
        }
        assumeTrue(available, "python3 with PyYAML is not installed");
        Path rendered = Files.createTempFile("pd-k8s", ".yaml");
        try {
            Files.writeString(rendered, manifests);
            List<String> command = new ArrayList<>(List.of(python.toString(),
                    repository().resolve(".ci/check_k8s.py").toString(), rendered.toString()));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "check_k8s.py did not finish");
            return output;
        } finally {
            Files.delete(rendered);
        }
    }

    private static Path repository() {
        return Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
    }
}
