package org.prunedistill.results.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.results.CaughtUpResultsApi;
import org.prunedistill.testsupport.EmbeddedStackResource;

/** The REST/JSON mirror and the readiness check as an HTTP client sees them. */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class RunResourceTest extends CaughtUpResultsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @Test
    void listsEveryRunAsJsonWithProtoFieldNames() throws Exception {
        events.publish(RunEvent.newBuilder().setRunId("rest-listed").setTimestampMs(1).setProducer("test")
                .setSubmitted(RunSubmitted.newBuilder().setSpec(RunSpec.newBuilder().setLabel("listed")
                        .addRecordings(RecordingSource.newBuilder().setArea("V1")))).build());

        JsonNode listed = await().atMost(DELIVERY).until(() -> run(json(get("api/runs")), "rest-listed"),
                node -> !node.isMissingNode());
        assertEquals("RUN_STATUS_SUBMITTED", listed.path("status").asText(), listed.toString());
        assertEquals("listed", listed.path("spec").path("label").asText(), listed.toString());
    }

    @Test
    void anUnknownRunIsNotFoundWithAJsonBodyNamingIt() throws Exception {
        HttpResponse<String> response = get("api/runs/rest-no-such-run");

        assertEquals(404, response.statusCode());
        assertJson(response);
        assertTrue(JSON.readTree(response.body()).path("error").asText().contains("rest-no-such-run"),
                response.body());
    }

    @Test
    void readinessShowsTheCatalogCaughtUpWithEveryRecordApplied() throws Exception {
        HttpResponse<String> response = get("q/health/ready");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode check = StreamSupport.stream(JSON.readTree(response.body()).path("checks").spliterator(), false)
                .filter(node -> node.path("name").asText().equals("catalog caught up with the topics"))
                .findFirst().orElseThrow(() -> new AssertionError("no catalog check in " + response.body()));
        assertEquals("UP", check.path("status").asText(), check.toString());
        assertEquals(check.path("data").path("total").asLong(), check.path("data").path("applied").asLong(),
                check.toString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(root.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a 200 JSON response. */
    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        assertJson(response);
        return JSON.readTree(response.body());
    }

    private static void assertJson(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), type);
    }

    /** The run of that id in a JSON array of runs, or a missing node. */
    private static JsonNode run(JsonNode runs, String runId) {
        assertTrue(runs.isArray(), runs.toString());
        return StreamSupport.stream(runs.spliterator(), false)
                .filter(node -> node.path("run_id").asText().equals(runId))
                .findFirst().orElse(MissingNode.getInstance());
    }
}
