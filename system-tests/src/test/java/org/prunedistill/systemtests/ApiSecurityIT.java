package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.ServiceProcess;
import org.prunedistill.launcher.ServiceSpec;

/**
 * The packaged results-api configured as in a secured deployment, started on its own next to an in-process Kafka and
 * S3 server: PD_API_TOKEN set, and gRPC over TLS with a self-signed certificate made by keytool here (a PKCS12 key
 * store through the documented QUARKUS_GRPC_SERVER_SSL_* variables). SubmitRun needs the token, reads do not, and a
 * plaintext client gets nowhere.
 */
class ApiSecurityIT {

    private static final String TOKEN = "token-of-the-api-security-it";
    private static final String READ_TOKEN = "read-token-of-the-api-security-it";
    private static final String PASSWORD = "key-store-password";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final long KEYTOOL_SECONDS = 60;
    private static final RunSpec SPEC = RunSpec.newBuilder()
            .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")).build();

    @TempDir
    static Path data;

    private static EmbeddedStack stack;
    private static ServiceProcess resultsApi;
    private static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = data.resolve("results-api.p12");
        certificate = data.resolve("results-api.pem");
        keytool("-genkeypair", "-alias", "results-api", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "results-api", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", certificate.toString());

        stack = EmbeddedStack.start(data.resolve("stack"));
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
        environment.put("PD_API_TOKEN", TOKEN);
        environment.put("PD_API_READ_TOKEN", READ_TOKEN);
        environment.put("QUARKUS_GRPC_SERVER_SSL_KEY_STORE", keyStore.toString());
        environment.put("QUARKUS_GRPC_SERVER_SSL_KEY_STORE_TYPE", "PKCS12");
        environment.put("QUARKUS_GRPC_SERVER_SSL_KEY_STORE_PASSWORD", PASSWORD);
        ServiceSpec spec = ServiceSpec.DEFAULTS.stream().filter(service -> service.name().equals("results-api"))
                .findFirst().orElseThrow().onFreePorts();
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        resultsApi = ServiceProcess.start(spec, repository, data.resolve("logs"), environment);
        resultsApi.awaitReady(READY_TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (resultsApi != null) {
                resultsApi.close();
                Path logs = Files.createDirectories(Path.of("target/system-logs"));
                Files.copy(resultsApi.log(), logs.resolve("api-security-results-api.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void withoutATokenNothingIsServedAndTheReadTokenOnlyReads() throws Exception {
        try (RunClient client = client(Optional.empty())) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> client.submit("without-token", SPEC));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            assertTrue(refused.getStatus().getDescription().contains("authorization: Bearer"),
                    refused.getStatus().getDescription());
            assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class,
                    () -> client.get("without-token")).getStatus().getCode(), "reads need the read token");
        }
        try (RunClient reader = client(Optional.of(READ_TOKEN))) {
            assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
                    () -> reader.get("without-token")).getStatus().getCode(), "read, and the run was never accepted");
            assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class,
                    () -> reader.submit("read-token", SPEC)).getStatus().getCode(), "the read token cannot submit");
        }
        try (RunClient wrong = client(Optional.of(TOKEN + "-not"))) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> wrong.submit("wrong-token", SPEC));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        }
    }

    @Test
    void theRestMirrorNeedsTheReadTokenWhileHealthStaysOpen() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + resultsApi.httpPort();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(refused.body().contains("PD_API_READ_TOKEN"), refused.body());
        for (String token : new String[] {READ_TOKEN, TOKEN}) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode(), served.body());
        }
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "probes need no token");
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the dashboard's page, which asks for the token");
    }

    @Test
    void submitWithTheTokenIsAcceptedOverTls() throws Exception {
        try (RunClient client = client(Optional.of(TOKEN))) {
            assertEquals(RunStatus.RUN_STATUS_SUBMITTED, client.submit("with-token", SPEC).getStatus());
            assertEquals("with-token", client.get("with-token").getRunId());
            StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class,
                    () -> client.submit("no/slashes", SPEC));
            assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
            assertTrue(invalid.getStatus().getDescription().startsWith("run_id 'no/slashes'"),
                    invalid.getStatus().getDescription());
        }
    }

    @Test
    void plaintextClientsGetNoAnswer() throws Exception {
        try (RunClient plaintext = new RunClient(target(), RunClient.Security.PLAINTEXT)) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> plaintext.get("x"));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
        }
    }

    @Test
    void theTokenNeverAppearsInTheLog() throws Exception {
        try (RunClient wrong = client(Optional.of(TOKEN + "-typo"))) {
            assertThrows(StatusRuntimeException.class, () -> wrong.submit("typo", SPEC));
        }
        String log = Files.readString(resultsApi.log(), StandardCharsets.UTF_8);
        assertTrue(log.contains("calls that change state (SubmitRun, the uploads) require the token"),
                "the log says the checks are on");
        assertTrue(log.contains("reads (gRPC and REST) require the read token or the token"));
        assertFalse(log.contains(TOKEN) || log.contains(READ_TOKEN), "the log holds a token");
    }

    /**
     * As the k8s manifests run it (QUARKUS_PROFILE=prod,k8s), results-api refuses to start with the placeholder tokens
     * of k8s/base/11-secret.yaml or with none, saying which Secret to set; with real tokens it starts.
     */
    @Test
    void inTheK8sProfileItRefusesToStartWithThePlaceholderOrNoToken() throws Exception {
        Map<String, String> placeholder = new HashMap<>(Map.of("PD_API_TOKEN", "REPLACE-ME-api-token",
                "PD_API_READ_TOKEN", READ_TOKEN));
        String refused = refusedStart("k8s-placeholder", placeholder);
        assertTrue(refused.contains("PD_API_TOKEN is the placeholder committed in k8s/base/11-secret.yaml"), refused);
        assertTrue(refused.contains("Secret prune-distill-api"), refused);

        String none = refusedStart("k8s-no-token", new HashMap<>());
        assertTrue(none.contains("the k8s profile requires an API token"), none);
        assertTrue(none.contains("Secret prune-distill-api"), none);

        String noReadToken = refusedStart("k8s-no-read-token", new HashMap<>(Map.of("PD_API_TOKEN", TOKEN)));
        assertTrue(noReadToken.contains("the k8s profile requires a read token"), noReadToken);
        assertTrue(noReadToken.contains("'read-token' of the Secret prune-distill-api"), noReadToken);

        ServiceProcess real = startInTheK8sProfile("k8s-real-token", new HashMap<>(Map.of("PD_API_TOKEN", TOKEN,
                "PD_API_READ_TOKEN", READ_TOKEN)));
        try {
            real.awaitReady(READY_TIMEOUT);
        } finally {
            real.close();
        }
    }

    /** Starts results-api in the k8s profile, expects it to exit before it is ready, and returns its log. */
    private static String refusedStart(String name, Map<String, String> environment) throws Exception {
        ServiceProcess refused = startInTheK8sProfile(name, environment);
        try {
            IllegalStateException exited = assertThrows(IllegalStateException.class,
                    () -> refused.awaitReady(READY_TIMEOUT));
            assertTrue(exited.getMessage().contains("exited with code"), exited.getMessage());
            return Files.readString(refused.log(), StandardCharsets.UTF_8);
        } finally {
            refused.close();
        }
    }

    private static ServiceProcess startInTheK8sProfile(String name, Map<String, String> extra) throws Exception {
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
        environment.putAll(extra);
        environment.put("QUARKUS_PROFILE", "prod,k8s");
        ServiceSpec results = ServiceSpec.DEFAULTS.stream().filter(service -> service.name().equals("results-api"))
                .findFirst().orElseThrow();
        ServiceSpec named = new ServiceSpec("results-api-" + name, results.moduleDir(), 0, 0, results.maxHeapMb());
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        return ServiceProcess.start(named, repository, data.resolve("logs"), environment);
    }

    private static RunClient client(Optional<String> token) {
        return new RunClient(target(), new RunClient.Security(token, true, certificate));
    }

    private static String target() {
        return "127.0.0.1:" + resultsApi.grpcPort();
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
    }
}
