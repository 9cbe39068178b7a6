package org.prunedistill.results.grpc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.GetFindingsRequest;
import org.prunedistill.api.v1.GetTrendsRequest;
import org.prunedistill.api.v1.GetTrendsResponse;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.ResultsServiceGrpc.ResultsServiceBlockingStub;
import org.prunedistill.api.v1.TrendInteraction;
import org.prunedistill.api.v1.Verdict;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.InformationSummary;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.Topic;
import org.prunedistill.results.CaughtUpResultsApi;
import org.prunedistill.testsupport.EmbeddedStackResource;

/**
 * GetTrends and its REST mirrors on crafted results: I(R;L) of a five-layer model, 0.3 +- 0.01 in every layer before
 * training and 0.3 - 0.05 i after. The input is left out, so pool1 (0.25) and logits (0.10) are the thirds: the trained
 * trend is -0.15 +- hypot(0.01, 0.01), the untrained one 0 +- the same, and their interaction -0.15 +- 0.02.
 */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class TrendsEndpointsTest extends CaughtUpResultsApi {

    private static final List<String> LAYERS = List.of("pixels", "pool1", "pool2", "fc1", "logits");
    private static final double SE = 0.01;
    private static final double EXACT = 1e-12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @GrpcClient("results-api")
    ResultsServiceBlockingStub results;

    @TestHTTPResource("/")
    URI root;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Publishes the planted run under {@code runId} and waits until its trends are served. */
    private void plant(String runId) throws Exception {
        events.publish(RunEvent.newBuilder().setRunId(runId).setTimestampMs(1).setProducer("test")
                .setSubmitted(RunSubmitted.newBuilder().setSpec(RunSpec.newBuilder().addModels(ModelSource
                        .newBuilder().setModel("builtin-cnn-small").addCheckpoints("untrained")
                        .addCheckpoints("trained"))))
                .build());
        for (int i = 0; i < LAYERS.size(); i++) {
            publishLuminance(runId, i, "untrained", 0.3);
            publishLuminance(runId, i, "trained", 0.3 - 0.05 * i);
        }
        await("the planted results served").atMost(DELIVERY).ignoreExceptions().until(() -> trends(runId),
                trends -> luminance(trends).getTrendsCount() == 2 && luminance(trends).getTrendsList().stream()
                        .allMatch(trend -> trend.getPositionsCount() == LAYERS.size() - 1));
    }

    @Test
    void getTrendsJudgesThePlantedFallAndItsInteractionWithTraining() throws Exception {
        plant("trends-grpc");
        QuestionTrends luminance = luminance(trends("trends-grpc"));

        HierarchyTrend untrained = luminance.getTrends(0);
        HierarchyTrend trained = luminance.getTrends(1);
        assertEquals("untrained", untrained.getCheckpoint());
        assertEquals(Verdict.VERDICT_NO, untrained.getVerdict());
        assertEquals(List.of("pool1", "pool2", "fc1", "logits"), trained.getPositionsList().stream()
                .map(position -> position.getSource().getName()).toList());
        assertEquals(0.25, trained.getFirstThird().getMean(), EXACT);
        assertEquals(0.10, trained.getLastThird().getMean(), EXACT);
        assertEquals(-0.15, trained.getDifference(), EXACT);
        assertEquals(Math.hypot(SE, SE), trained.getError(), EXACT);
        assertEquals(-1.0, trained.getRankCorrelation(), EXACT);
        assertEquals(Verdict.VERDICT_YES, trained.getVerdict());
        assertEquals("Does luminance information I(R;L) fall along the layers of trained?", trained.getText());
        TrendInteraction interaction = luminance.getInteractions(0);
        assertEquals(-0.15, interaction.getDifference(), EXACT);
        assertEquals(0.02, interaction.getError(), EXACT);
        assertEquals(Verdict.VERDICT_YES, interaction.getVerdict());
        assertEquals(trends("trends-grpc").getQuestionsList(), results.getFindings(GetFindingsRequest.newBuilder()
                .setRunId("trends-grpc").build()).getTrendsList(), "the findings embed the same trends");
    }

    @Test
    void theRestMirrorsServeTheTrendsAsJsonAndOneCsvRowPerTrend() throws Exception {
        plant("trends-rest");
        HttpResponse<String> json = get("api/runs/trends-rest/trends");
        assertEquals(200, json.statusCode(), json.body());
        JsonNode question = JSON.readTree(json.body()).path("questions").get(0);
        assertEquals("QUESTION_LUMINANCE_PRUNED", question.path("question").asText(), json.body());
        assertEquals("CLAIM_DECREASE", question.path("claim").asText());
        assertEquals("VERDICT_YES", question.path("trends").get(1).path("verdict").asText());
        assertEquals(-0.15, question.path("trends").get(1).path("difference").asDouble(), EXACT);
        assertEquals("VERDICT_YES", question.path("interactions").get(0).path("verdict").asText());

        HttpResponse<String> csv = get("api/runs/trends-rest/trends.csv");
        assertEquals(200, csv.statusCode(), csv.body());
        List<String> rows = csv.body().lines().toList();
        assertEquals(4, rows.size(), "a header, one row per trend and one per interaction: " + csv.body());
        assertTrue(rows.get(0).startsWith("row,run_id,question,claim,source_kind,origin,checkpoint,positions,"
                + "sources,"), rows.get(0));
        assertTrue(rows.get(2).startsWith("trend,trends-rest,QUESTION_LUMINANCE_PRUNED,CLAIM_DECREASE,layer,"
                + "builtin-cnn-small,trained,4,pool1;pool2;fc1;logits,1,0.2500000000,"), rows.get(2));
        assertTrue(rows.get(2).endsWith(",true,-1.000000000,VERDICT_YES,,,"), rows.get(2));
        assertTrue(rows.get(3).startsWith("interaction,trends-rest,QUESTION_LUMINANCE_PRUNED,CLAIM_DECREASE,layer,"
                + "builtin-cnn-small,"), rows.get(3));
        assertTrue(rows.get(3).contains(",VERDICT_YES,"), rows.get(3));
    }

    @Test
    void anUnknownRunIsNotFoundOverGrpcAndRest() throws Exception {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> results.getTrends(GetTrendsRequest.newBuilder().setRunId("trends-no-such-run").build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        assertEquals(404, get("api/runs/trends-no-such-run/trends").statusCode());
        assertEquals(404, get("api/runs/trends-no-such-run/trends.csv").statusCode());
    }

    private GetTrendsResponse trends(String runId) {
        return results.getTrends(GetTrendsRequest.newBuilder().setRunId(runId).build());
    }

    private static QuestionTrends luminance(GetTrendsResponse trends) {
        return trends.getQuestionsList().stream()
                .filter(question -> question.getQuestion() == Question.QUESTION_LUMINANCE_PRUNED).findFirst()
                .orElseThrow(() -> new AssertionError("no luminance question in " + trends));
    }

    private void publishLuminance(String runId, int order, String checkpoint, double median) throws Exception {
        SourceRef source = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER)
                .setName(LAYERS.get(order)).setCheckpoint(checkpoint).setOrigin("builtin-cnn-small").setOrder(order)
                .setRelativeDepth(order / 4.0).build();
        String key = runId + "/layer/" + source.getName() + "/" + checkpoint + "/information/luminance-decomposition/0";
        AnalysisResult result = AnalysisResult.newBuilder().setResultKey(key).setSource(source)
                .setAnalysis("information").setEstimator("luminance-decomposition").setResultsInPass(1)
                .setInformation(InformationSummary.newBuilder().addMedians(InformationMedian.newBuilder()
                        .setQuantity(InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE)
                        .setCorrection(Correction.CORRECTION_PANZERI_TREVES).setMedian(median)
                        .setMedianError(SE).setHasMedianError(true)))
                .build();
        events.send(Topic.RESULTS, key, result.toByteArray());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(root.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
