package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    }
}
