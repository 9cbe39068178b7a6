package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Run;

/** The HTTP side of the services: the REST/JSON mirror with CSV downloads, OpenAPI, and Prometheus metrics. */
@ExtendWith(WithRunningSystem.class)
class HttpEndpointsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningSystem running = RunningSystem.get();

    @Test
    void restMirrorServesTheRunAndItsProfilesAsJsonAndCsv() throws Exception {
        Run run = running.referenceRun();
        HttpResponse<String> json = get("results-api", "/api/runs/" + run.getRunId());
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"status\": \"RUN_STATUS_COMPLETED\""), json.body());

        HttpResponse<String> csv = get("results-api", "/api/runs/" + run.getRunId() + "/id-profile.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertTrue(lines.get(0).startsWith("run_id,source_kind,source,checkpoint"), lines.get(0));
        assertEquals(running.client().idProfile(run.getRunId()).getPointsCount(), lines.size() - 1);

        HttpResponse<String> information = get("results-api",
                "/api/runs/" + run.getRunId() + "/information-profile.csv");
        assertEquals(running.client().informationProfile(run.getRunId()).getPointsCount(),
                information.body().lines().count() - 1);
    }

    @Test
    void perUnitTableOfAnInformationResultDownloadsAsCsvWithOneRowPerUnit() throws Exception {
        Run run = running.referenceRun();
        HttpResponse<String> listing = get("results-api", "/api/runs/" + run.getRunId() + "/units");
        assertEquals(200, listing.statusCode());
        JsonNode table = null;
        for (JsonNode candidate : new ObjectMapper().readTree(listing.body()).get("tables")) {
            if (candidate.get("analysis").asText().equals("information")) {
                table = candidate;
                break;
            }
        }
        assertTrue(table != null, "an information result with a per-unit table: " + listing.body());
        String source = table.get("source").get("name").asText();
        String checkpoint = table.get("source").get("checkpoint").asText();
        InformationPoint point = running.client().informationProfile(run.getRunId()).getPointsList().stream()
                .filter(p -> p.getSource().getName().equals(source) && p.getSource().getCheckpoint().equals(checkpoint))
                .findFirst().orElseThrow();

        String resultKey = table.get("result_key").asText();
        HttpResponse<String> csv = get("results-api", "/api/runs/" + run.getRunId() + "/units.csv?result="
                + URLEncoder.encode(resultKey, StandardCharsets.UTF_8));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        StringBuilder header = new StringBuilder("unit");
        table.get("columns").forEach(column -> header.append(',').append(column.asText()));
        assertEquals(header.toString(), lines.get(0));
        assertEquals(table.get("rows").asInt(), lines.size() - 1);
        assertEquals(point.getUnits(), lines.size() - 1, "one row per unit of " + source);

        assertEquals(404, get("results-api", "/api/runs/" + run.getRunId() + "/units.csv?result=no-such-key")
                .statusCode());
        assertEquals(400, get("results-api", "/api/runs/" + run.getRunId() + "/units.csv").statusCode());
    }

    @Test
    void findingsOfARunWithOneCheckpointOfTwoLayersAnswerNoQuestion() throws Exception {
        Run run = running.referenceRun();
        HttpResponse<String> json = get("results-api", "/api/runs/" + run.getRunId() + "/findings");
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"run_id\": \"" + run.getRunId() + "\""), json.body());
        assertTrue(json.body().contains("\"findings\": []"), "two layers, one checkpoint: " + json.body());
        assertEquals(404, get("results-api", "/api/runs/no-such-run/findings").statusCode());
    }

    @Test
    void changesOfARunWithOneCheckpointAndOneAreaAreAnEmptyListAndAHeaderRow() throws Exception {
        Run run = running.referenceRun();
        HttpResponse<String> json = get("results-api", "/api/runs/" + run.getRunId() + "/changes");
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"run_id\": \"" + run.getRunId() + "\""), json.body());
        assertTrue(json.body().contains("\"changes\": []"), json.body());

        HttpResponse<String> csv = get("results-api", "/api/runs/" + run.getRunId() + "/changes.csv");
        assertEquals(200, csv.statusCode());
        List<String> lines = csv.body().lines().toList();
        assertEquals(1, lines.size(), csv.body());
        assertTrue(lines.get(0).startsWith("run_id,source_kind,origin,from_source,from_checkpoint"), lines.get(0));

        assertEquals(404, get("results-api", "/api/runs/no-such-run/changes").statusCode());
        HttpResponse<String> halfNamed = get("results-api", "/api/runs/" + run.getRunId() + "/changes?from=trained");
        assertEquals(400, halfNamed.statusCode());
        assertTrue(halfNamed.body().contains("name both from_checkpoint and to_checkpoint"), halfNamed.body());
    }

    @Test
    void unknownRunIsA404SayingWhich() throws Exception {
        HttpResponse<String> response = get("results-api", "/api/runs/no-such-run/id-profile");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("unknown run 'no-such-run'"), response.body());
    }

    @Test
    void openApiDocumentDescribesTheRestMirror() throws Exception {
        HttpResponse<String> response = get("results-api", "/q/openapi");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("/api/runs/{runId}/id-profile.csv"), response.body());
        assertTrue(response.body().contains("/api/runs/{runId}/changes.csv"), response.body());
    }

    @Test
    void everyServiceExposesPrometheusMetricsWithKafkaLagAndAnalysisTimes() throws Exception {
        running.referenceRun();
        for (String service : List.of("results-api", "activation-extractor", "id-estimator", "info-decoder")) {
            HttpResponse<String> metrics = get(service, "/q/metrics");
            assertEquals(200, metrics.statusCode(), service);
            assertTrue(metrics.body().contains("kafka_"), service + " exposes its Kafka clients' metrics");
        }
        String idMetrics = get("id-estimator", "/q/metrics").body();
        assertTrue(idMetrics.contains("pd_analysis_seconds_count{analysis=\"intrinsic-dimension\""), idMetrics);
        assertTrue(idMetrics.contains("kafka_consumer_fetch_manager_records_lag"), "consumer lag");
        for (String estimator : List.of("neighbours", "twonn", "gride", "subsampling")) {
            assertTrue(idMetrics.contains("pd_estimator_seconds_count{analysis=\"intrinsic-dimension\",estimator=\""
                    + estimator + "\""), "time per estimator: " + estimator);
        }
        assertTrue(get("info-decoder", "/q/metrics").body().contains("pd_analysis_tensor_bytes_total"));
    }

    private HttpResponse<String> get(String service, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + running.system().service(service).httpPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
