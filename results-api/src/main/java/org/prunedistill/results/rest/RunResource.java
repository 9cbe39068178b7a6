package org.prunedistill.results.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.prunedistill.api.v1.GetTrendsResponse;
import org.prunedistill.api.v1.Run;
import org.prunedistill.results.RunQueries;
import org.prunedistill.results.UnitTables;
import org.prunedistill.results.mapping.CsvTables;

/**
 * The read side of the gRPC API as REST/JSON (the same messages, in protobuf's canonical JSON with the proto field
 * names) and CSV downloads of the profiles. OpenAPI document at {@code /q/openapi}.
 */
@Path("/api/runs")
public class RunResource {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().preservingProtoFieldNames()
            .includingDefaultValueFields();
    private static final String CSV = "text/csv";

    @Inject
    RunQueries queries;

    @Inject
    UnitTables unitTables;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every run, newest first")
    public String runs() {
        return queries.runs().stream().map(RunResource::json).collect(Collectors.joining(",", "[", "]"));
    }

    @GET
    @Path("/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One run: status, spec, sources with their analyses and failures, warnings")
    public String run(@PathParam("runId") String runId) {
        Run run = queries.run(runId);
        return json(run);
    }

    @GET
    @Path("/{runId}/id-profile")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Intrinsic dimension per source, checkpoint, estimator and scale")
    public String idProfile(@PathParam("runId") String runId) {
        return json(queries.idProfile(runId));
    }

    @GET
    @Path("/{runId}/id-profile.csv")
    @Produces(CSV)
    @Operation(summary = "The ID profile as CSV")
    public Response idProfileCsv(@PathParam("runId") String runId) {
        return download(CsvTables.idProfile(queries.idProfile(runId).getPointsList()), runId + "-id-profile.csv");
    }

    @GET
    @Path("/{runId}/information-profile")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Single-unit information summaries per source, checkpoint, quantity and correction")
    public String informationProfile(@PathParam("runId") String runId) {
        return json(queries.informationProfile(runId));
    }

    @GET
    @Path("/{runId}/information-profile.csv")
    @Produces(CSV)
    @Operation(summary = "The information profile as CSV")
    public Response informationProfileCsv(@PathParam("runId") String runId) {
        return download(CsvTables.informationProfile(queries.informationProfile(runId).getPointsList()),
                runId + "-information-profile.csv");
    }

    @GET
    @Path("/{runId}/changes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pruning and distillation deltas: changes of each information median between consecutive "
            + "checkpoints of a layer (or from checkpoint 'from' to checkpoint 'to') and between consecutive areas, "
            + "with their errors and significance")
    public String changes(@PathParam("runId") String runId, @QueryParam("from") @DefaultValue("") String from,
                          @QueryParam("to") @DefaultValue("") String to) {
        return json(queries.changes(runId, from, to));
    }

    @GET
    @Path("/{runId}/changes.csv")
    @Produces(CSV)
    @Operation(summary = "The changes as CSV")
    public Response changesCsv(@PathParam("runId") String runId, @QueryParam("from") @DefaultValue("") String from,
                               @QueryParam("to") @DefaultValue("") String to) {
        return download(CsvTables.changes(queries.changes(runId, from, to).getChangesList()),
                runId + "-changes.csv");
    }

    @GET
    @Path("/{runId}/findings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the run found: per checkpoint whether the ID rises then falls along the layers, and "
            + "from the first to the last checkpoint whether luminance and contrast information are pruned, f_high "
            + "and the invariant fraction distilled, and generalisation improves, with each layer's change and "
            + "verdict (GetFindings)")
    public String findings(@PathParam("runId") String runId) {
        return json(queries.findings(runId));
    }

    @GET
    @Path("/{runId}/trends")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Each question along the hierarchy: per checkpoint and along the areas, the difference of "
            + "the last and the first third of the per-source medians with its error, rank correlation and verdict; "
            + "per model whether training changes the trend (GetTrends)")
    public String trends(@PathParam("runId") String runId) {
        return json(queries.trends(runId));
    }

    @GET
    @Path("/{runId}/trends.csv")
    @Produces(CSV)
    @Operation(summary = "The trends along the hierarchy as CSV, one row per trend")
    public Response trendsCsv(@PathParam("runId") String runId) {
        GetTrendsResponse trends = queries.trends(runId);
        return download(CsvTables.trends(trends.getRunId(), trends.getQuestionsList()), runId + "-trends.csv");
    }

    @GET
    @Path("/{runId}/units")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The results that carry a per-unit table: key, source, analysis, estimator, quantity, "
            + "columns and rows")
    public String unitTables(@PathParam("runId") String runId) {
        return json(unitTables.list(runId));
    }

    @GET
    @Path("/{runId}/units.csv")
    @Produces(CSV)
    @Operation(summary = "The per-unit table of one result (?result=<result key>) as CSV: a unit column, then the "
            + "table's columns")
    public Response unitTableCsv(@PathParam("runId") String runId, @QueryParam("result") String resultKey) {
        if (resultKey == null || resultKey.isBlank()) {
            return ErrorMapper.error(Response.Status.BAD_REQUEST, "query parameter 'result' must name a result key; "
                    + "/api/runs/" + runId + "/units lists them");
        }
        String fileName = runId + "-units-" + fileNameSafe(resultKey) + ".csv";
        return download(CsvTables.unitTable(unitTables.table(runId, resultKey)), fileName);
    }

    /** Letters, digits, '.', '_' and '-' kept; every other character becomes '_'. */
    static String fileNameSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.chars().forEach(c -> safe.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-') ? (char) c : '_'));
        return safe.toString();
    }

    private static Response download(String csv, String fileName) {
        return Response.ok(csv, CSV).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    private static String json(MessageOrBuilder message) {
        try {
            return JSON.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
