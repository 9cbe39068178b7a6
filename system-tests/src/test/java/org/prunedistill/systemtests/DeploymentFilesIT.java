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
import org.junit.jupiter.api.Test;

/**
 * The deployment files validate offline: docker-compose.yml against the Compose schema, k8s/ rendered by kustomize
 * and checked (probes, Secrets, selectors, topics equal to {@code Topic}). The checks themselves live in
 * {@code .ci/validate-deployment}; in CI (CI=true) its tools must be installed.
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
        assertTrue(output.contains(" 0 failed"), output);
        assertTrue(output.contains("ok   network-policies:") && output.contains("ok   api-token:"), output);
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

    /** The numbered manifests of k8s/ as one multi-document YAML, as kustomize would render them (unordered). */
    private static String manifests() throws Exception {
        List<String> documents = new ArrayList<>();
        try (var files = Files.list(repository().resolve("k8s"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[0-9].*\\.yaml")).sorted()
                    .toList()) {
                documents.add(Files.readString(file));
            }
        }
        return String.join("\n---\n", documents);
    }

    /** Runs .ci/check_k8s.py on the given manifests; its output (it may fail: the caller reads which checks did). */
    private static String checkK8s(String manifests) throws Exception {
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
            Process process = new ProcessBuilder(python.toString(),
                    repository().resolve(".ci/check_k8s.py").toString(), rendered.toString())
                    .redirectErrorStream(true).start();
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
