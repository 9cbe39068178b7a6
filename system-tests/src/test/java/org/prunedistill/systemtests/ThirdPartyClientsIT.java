package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.Run;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedStack;

/**
 * The contracts as third-party clients see them: kcat reads the events, the AWS CLI lists the objects and numpy
 * loads a tensor, a Python gRPC client finds the services by reflection and reads a profile, and another, with stubs
 * generated from the proto/ files by Debian's grpc_tools, calls every RPC. In CI (CI=true)
 * the tools must be installed; elsewhere a missing tool skips its test.
 */
@ExtendWith(WithRunningSystem.class)
class ThirdPartyClientsIT {

    /** Python's json writes a NaN median (a source with no included unit) as NaN, which strict JSON lacks. */
    private static final ObjectMapper PYTHON_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static final String KCAT = "/usr/bin/kcat";
    private static final String AWS = "/usr/bin/aws";
    private static final String PYTHON = "/usr/bin/python3";
    private static final long TOOL_TIMEOUT_SECONDS = 120;

    private final RunningSystem running = RunningSystem.get();
    private final EmbeddedStack stack = running.system().stack();

    @Test
    void kcatReadsTheResultEventsOfARun() throws Exception {
        requireTool(KCAT);
        Run run = running.referenceRun();
        String keys = execute(List.of(KCAT, "-b", stack.bootstrapServers(), "-C", "-t", "pd.results", "-o",
                "beginning", "-e", "-q", "-f", "%k\\n"), Map.of());
        long ofRun = keys.lines().filter(key -> key.startsWith(run.getRunId() + "/")).distinct().count();
        assertEquals(run.getResults(), ofRun, keys);
    }

    @Test
    void awsCliListsTheTensorsAndNumpyLoadsOne() throws Exception {
        requireTool(AWS);
        requireTool(PYTHON);
        running.referenceRun();
        StoreSettings store = stack.storeSettings();
        Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", store.accessKey(),
                "AWS_SECRET_ACCESS_KEY", store.secretKey(), "AWS_DEFAULT_REGION", store.region(),
                "AWS_EC2_METADATA_DISABLED", "true");
        String listing = execute(List.of(AWS, "--endpoint-url", store.endpoint(), "s3", "ls",
                "s3://" + store.bucket() + "/tensors/"), credentials);
        String key = listing.lines().map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(name -> name.endsWith(".npy")).findFirst().orElseThrow(() -> new AssertionError(listing));

        Path copy = Files.createTempFile(running.data(), "tensor", ".npy");
        execute(List.of(AWS, "--endpoint-url", store.endpoint(), "s3", "cp",
                "s3://" + store.bucket() + "/tensors/" + key, copy.toString()), credentials);
        String loaded = execute(List.of(PYTHON, "-c", "import numpy, sys; a = numpy.load(sys.argv[1]); "
                + "print(a.dtype, a.ndim, bool(numpy.isfinite(a).all()))", copy.toString()), Map.of());
        assertEquals("float32 3 True", loaded.strip());
    }

    @Test
    void pythonClientFindsTheServicesByReflectionAndReadsTheIdProfile() throws Exception {
        requireTool(PYTHON);
        Run run = running.referenceRun();
        String output = execute(List.of(PYTHON, Path.of("src/test/python/reflection_client.py").toString(),
                running.system().grpcTarget(), run.getRunId()), Map.of());
        JsonNode answer = PYTHON_JSON.readTree(output);
        List<String> services = new ArrayList<>();
        answer.get("services").forEach(service -> services.add(service.asText()));
        assertTrue(services.containsAll(List.of("prunedistill.api.v1.RunService",
                "prunedistill.api.v1.ResultsService", "grpc.health.v1.Health")), services.toString());

        List<IdPoint> expected = running.client().idProfile(run.getRunId()).getPointsList();
        JsonNode points = answer.get("id_profile").get("points");
        assertEquals(expected.size(), points.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getSource().getName(), points.get(i).get("source").get("name").asText());
            assertEquals(expected.get(i).getId(), points.get(i).get("id").asDouble(), 1e-12);
        }
    }

    @Test
    void pythonClientWithStubsGeneratedFromTheProtoFilesCallsEveryRpc() throws Exception {
        requireTool(PYTHON);
        Run run = running.referenceRun();
        String output = execute(List.of(PYTHON, Path.of("src/test/python/contract_client.py").toString(),
                Path.of("../proto/src/main/proto").toString(), running.system().grpcTarget(), run.getRunId()),
                Map.of());
        JsonNode answer = PYTHON_JSON.readTree(output);

        List<String> listed = new ArrayList<>();
        answer.get("list_runs").forEach(id -> listed.add(id.asText()));
        assertTrue(listed.contains(run.getRunId()), listed.toString());
        assertEquals(run.getResults(), answer.get("get_run").get("results").asInt());
        assertEquals("RUN_STATUS_COMPLETED", answer.get("get_run").get("status").asText());
        assertEquals(run.getSourcesCount(), answer.get("get_run").get("sources").asInt());
        assertEquals(run.getRunId(), answer.get("watch_run").get("run_id").asText());
        assertEquals(0, answer.get("get_run").get("failures").size(), "the reference run has no failed analysis");

        List<IdPoint> ids = running.client().idProfile(run.getRunId()).getPointsList();
        JsonNode idPoints = answer.get("id_profile");
        assertEquals(ids.size(), idPoints.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode point = idPoints.get(i);
            assertEquals(ids.get(i).getEstimator(), point.get("estimator").asText());
            assertEquals(ids.get(i).getId(), point.get("id").asDouble(), 0.0);
            assertEquals(ids.get(i).getHasError(), !point.get("error").isNull(), "error presence of point " + i);
            if (ids.get(i).getHasError()) {
                assertEquals(ids.get(i).getError(), point.get("error").asDouble(), 0.0);
            }
        }
        List<InformationPoint> information = running.client().informationProfile(run.getRunId()).getPointsList();
        JsonNode informationPoints = answer.get("information_profile");
        assertEquals(information.size(), informationPoints.size());
        for (int i = 0; i < information.size(); i++) {
            assertEquals(information.get(i).getQuantity(), informationPoints.get(i).get("quantity").asText());
            assertEquals(information.get(i).getMeasure().getQuantity().name(),
                    informationPoints.get(i).get("measure_quantity").asText(), "the typed measure of point " + i);
            assertEquals(information.get(i).getMeasure().getTask().name(),
                    informationPoints.get(i).get("measure_task").asText());
            assertEquals(information.get(i).getMedian(), informationPoints.get(i).get("median").asDouble(), 0.0);
        }
        assertTrue(List.of("id_point", "information_point").contains(answer.get("watch_results").asText()),
                answer.toString());
        assertEquals(run.getRunId(), answer.get("changes").get("run_id").asText());
        assertEquals(0, answer.get("changes").get("changes").size(), "one checkpoint and one area: nothing to compare");
        GetFindingsResponse findings = running.client().findings(run.getRunId());
        JsonNode served = answer.get("findings");
        assertEquals(run.getRunId(), served.get("run_id").asText());
        assertEquals(findings.getFirstCheckpoint(), served.get("first_checkpoint").asText());
        assertEquals(findings.getFindingsCount(), served.get("findings").size());
        for (int i = 0; i < findings.getFindingsCount(); i++) {
            assertEquals(findings.getFindings(i).getQuestion().name(), served.get("findings").get(i).get("question")
                    .asText());
            assertEquals(findings.getFindings(i).getAnswer().name(), served.get("findings").get(i).get("answer")
                    .asText());
        }
        assertEquals("NOT_FOUND", answer.get("unknown_run_findings").asText());
        JsonNode trends = answer.get("trends");
        assertEquals(run.getRunId(), trends.get("run_id").asText());
        List<QuestionTrends> questions = findings.getTrendsList();
        assertEquals(questions.size(), trends.get("questions").size(), "GetTrends serves what GetFindings embeds");
        for (int q = 0; q < questions.size(); q++) {
            JsonNode question = trends.get("questions").get(q);
            assertEquals(questions.get(q).getQuestion().name(), question.get("question").asText());
            assertEquals(questions.get(q).getClaim().name(), question.get("claim").asText());
            assertEquals(questions.get(q).getTrendsCount(), question.get("trends").size());
            assertEquals(questions.get(q).getInteractionsCount(), question.get("interactions").size());
            for (int t = 0; t < questions.get(q).getTrendsCount(); t++) {
                HierarchyTrend expected = questions.get(q).getTrends(t);
                JsonNode trend = question.get("trends").get(t);
                assertEquals(expected.getVerdict().name(), trend.get("verdict").asText());
                assertEquals(expected.getReason(), trend.get("reason").asText());
                assertEquals(expected.getPositionsCount(), trend.get("positions").size());
                if (Double.isFinite(expected.getDifference())) {
                    assertEquals(expected.getDifference(), trend.get("difference").asDouble(), 0.0);
                }
                assertEquals(expected.getHasError(), !trend.get("error").isNull(), "error presence of trend " + t);
            }
        }
        assertTrue(questions.stream().anyMatch(question -> question.getQuestion() == Question.QUESTION_HUNCHBACK),
                "the reference run has TwoNN IDs, so the ID is asked along the hierarchy: " + questions);
        assertEquals("NOT_FOUND", answer.get("unknown_run_trends").asText());
        JsonNode tables = answer.get("unit_tables");
        assertTrue(tables.size() > 0, "the reference run has per-unit tables: " + answer);
        JsonNode table = answer.get("unit_table");
        assertEquals(tables.get(0).get("result_key").asText(), table.get("result_key").asText());
        int rows = tables.get(0).get("rows").asInt();
        assertEquals(rows, table.get("total_rows").asInt());
        assertEquals(rows, table.get("rows").asInt());
        assertEquals(Math.max(1, (rows + 6) / 7), table.get("pages").asInt(), "pages of 7 rows");
        for (int page = 0; page < table.get("pages").asInt(); page++) {
            assertEquals(7 * page, table.get("first_rows").get(page).asInt());
        }
        assertEquals(tables.get(0).get("columns"), table.get("columns"));
        assertEquals("NOT_FOUND", answer.get("unknown_unit_table").asText());
        assertEquals("NOT_FOUND", answer.get("unknown_run").asText());
        assertEquals("NOT_FOUND", answer.get("unknown_run_changes").asText());
        assertEquals("INVALID_ARGUMENT", answer.get("bad_submission").asText());
        assertTrue(answer.get("bad_submission_detail").asText().contains("no-such-model"), answer.toString());
    }

    private static void requireTool(String path) {
        boolean present = Files.isExecutable(Path.of(path));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, path + " is required in CI (.ci/run installs it)");
        }
        assumeTrue(present, path + " is not installed");
    }

    private static String execute(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }
}
