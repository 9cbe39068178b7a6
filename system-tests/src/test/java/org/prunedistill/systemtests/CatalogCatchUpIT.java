package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.ListRunsRequest;
import org.prunedistill.api.v1.ListRunsResponse;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.ServiceProcess;
import org.prunedistill.launcher.ServiceSpec;
import org.prunedistill.launcher.bench.RunHistory;

/**
 * Ready means caught up: results-api alone on an in-process Kafka whose topics hold the history of many completed
 * runs. Restarted, it answers for every run, field for field as before, at the first moment it says it is ready; while
 * it catches up (held back by a Kafka fetch quota on its catalog consumer) every query is told to retry, readiness
 * and the gRPC health service say NOT ready and how far it has read, and no run is called unknown.
 */
class CatalogCatchUpIT {

    private static final int RUNS = 1500;
    private static final int RESULTS_PER_RUN = 20;
    /** The catalog consumer's client id (pd.catalog.client-id). */
    private static final String CATALOG_CLIENT = "results-api-catalog";
    /** Bytes per second the quota lets the catalog fetch: the history (about 40 MB) then takes 10 s or more. */
    private static final double THROTTLED_BYTES_PER_SECOND = 3e6;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final int PAGE = 500;

    @TempDir
    static Path data;

    private static LocalSystem system;
    private static RunHistory history;
    private static Map<String, Run> before;

    @BeforeAll
    static void startWithAHistory() throws Exception {
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        ServiceSpec resultsApi = ServiceSpec.DEFAULTS.stream().filter(spec -> spec.name().equals("results-api"))
                .findFirst().orElseThrow().onFreePorts();
        system = LocalSystem.start(repository, data, EmbeddedStack.Ports.ANY, List.of(resultsApi), message -> { });
        history = new RunHistory("history", RUNS, RESULTS_PER_RUN);
        history.write(system.stack().bootstrapServers(), done -> { });
        await().atMost(DEADLINE).until(() -> everyRunComplete(listAll()));
        before = listAll();
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void restartedOnALongLogItAnswersForEveryRunAsBeforeAtTheFirstMomentItIsReady() throws Exception {
        system.restart("results-api");

        Map<String, Run> after = listAll();
        assertEquals(before.size(), after.size(), "runs listed at the first moment results-api said it was ready");
        before.forEach((runId, run) -> assertEquals(run, after.get(runId), runId));
        try (Api api = new Api()) {
            assertEquals(before.get(history.runId(0)), api.runs.getRun(request(history.runId(0))));
        }
    }

    @Test
    void whileCatchingUpEveryQueryIsToldToRetryAndReadinessSaysHowFarItHasRead() throws Exception {
        ServiceProcess restarted;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.stack().bootstrapServers()))) {
            throttleCatalog(admin, THROTTLED_BYTES_PER_SECOND);
            try {
                restarted = system.beginRestart("results-api");
                StatusRuntimeException refused = firstAnswerOf(api -> api.runs.getRun(request(history.runId(0))));
                assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
                assertTrue(refused.getStatus().getDescription().startsWith("results-api is catching up"),
                        refused.getStatus().getDescription());

                HttpResponse<String> rest = http(restarted, "/api/runs/" + history.runId(0));
                assertEquals(503, rest.statusCode(), rest.body());
                assertEquals("1", rest.headers().firstValue("Retry-After").orElse(""));
                assertTrue(rest.body().contains("catching up"), rest.body());

                HttpResponse<String> ready = http(restarted, "/q/health/ready");
                assertEquals(503, ready.statusCode());
                assertTrue(ready.body().contains("\"catalog caught up with the topics\""), ready.body());
                assertTrue(ready.body().contains("\"total\""), ready.body());
                try (Api api = new Api()) {
                    assertEquals(ServingStatus.NOT_SERVING, api.health.check(HealthCheckRequest.getDefaultInstance())
                            .getStatus());
                }
            } finally {
                throttleCatalog(admin, null);
            }
        }

        restarted.awaitReady(DEADLINE);
        try (Api api = new Api()) {
            assertEquals(ServingStatus.SERVING, api.health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
            assertEquals(before.get(history.runId(0)), api.runs.getRun(request(history.runId(0))));
            StatusRuntimeException unknown = firstAnswerOf(other -> other.runs.getRun(request("no-such-run")));
            assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        }
    }

    /** Every run over ListRuns, page by page, without waiting on anything. */
    private static Map<String, Run> listAll() {
        Map<String, Run> runs = new LinkedHashMap<>();
        try (Api api = new Api()) {
            String token = "";
            do {
                ListRunsResponse page = api.runs.listRuns(ListRunsRequest.newBuilder().setPageSize(PAGE)
                        .setPageToken(token).build());
                page.getRunsList().forEach(run -> runs.put(run.getRunId(), run));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        }
        return runs;
    }

    private static boolean everyRunComplete(Map<String, Run> runs) {
        return runs.size() == RUNS && runs.values().stream().allMatch(run ->
                run.getStatus() == RunStatus.RUN_STATUS_COMPLETED && run.getResults() == RESULTS_PER_RUN);
    }

    /**
     * The first answer of results-api that is not "cannot connect" (it is still starting): the failure it answered
     * with. Each attempt on a new channel, so that no reconnection backoff delays it; a success fails the test.
     */
    private static StatusRuntimeException firstAnswerOf(Function<Api, ?> call) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (Api api = new Api()) {
                call.apply(api);
                throw new AssertionError("results-api answered without an error");
            } catch (StatusRuntimeException e) {
                boolean notListening = e.getStatus().getCode() == Status.Code.UNAVAILABLE
                        && !String.valueOf(e.getStatus().getDescription()).startsWith("results-api");
                return notListening ? null : e;
            }
        }, answer -> answer != null);
    }

    /** Sets (or, with null, removes) a fetch quota on results-api's catalog consumer. */
    private static void throttleCatalog(Admin admin, Double bytesPerSecond) throws Exception {
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, CATALOG_CLIENT));
        admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity, List.of(
                new ClientQuotaAlteration.Op("consumer_byte_rate", bytesPerSecond))))).all().get();
    }

    /** The first answer over HTTP, once the port (opened after the gRPC server's) accepts connections. */
    private static HttpResponse<String> http(ServiceProcess service, String path) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(
                ConnectException.class).until(() -> client.send(request, HttpResponse.BodyHandlers.ofString()),
                response -> true);
    }

    private static GetRunRequest request(String runId) {
        return GetRunRequest.newBuilder().setRunId(runId).build();
    }

    /** Plain stubs (no waiting, unlike RunClient) with a short deadline, on a channel of their own. */
    private static final class Api implements AutoCloseable {
        private final ManagedChannel channel = ManagedChannelBuilder.forTarget(system.grpcTarget()).usePlaintext()
                .build();
        final RunServiceGrpc.RunServiceBlockingStub runs = RunServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        final HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS);

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }
}
