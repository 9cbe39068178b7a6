package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.testsupport.CraftedEvents;

/**
 * The dashboard results-api serves at {@code /}, in headless Chromium: it loads without script errors, plots exactly
 * the numbers the REST API serves, and shows new results of a running analysis without a reload.
 */
@ExtendWith(WithRunningSystem.class)
class DashboardIT {

    /** The page draws what it fetched within a few polls. */
    private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);
    /** Crafted activations go through both analysis services before their results reach the page. */
    private static final Duration LIVE_DEADLINE = Duration.ofMinutes(2);
    /** The page's standard error of the median: the served one, else recomputed from the quartiles as the page does. */
    private static final double STANDARD_ERROR_TOLERANCE = 1e-12;
    /** sqrt(pi / 2) / 1.349: SE(median) per unit of IQR over sqrt(units), as the page documents. */
    private static final double MEDIAN_SE_PER_IQR = Math.sqrt(Math.PI / 2) / 1.349;
    private static final String CORRECTION = "panzeri-treves";
    private static final Path SCREENSHOT = Path.of("target/dashboard.png");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HeadlessChromium browser;

    private final RunningSystem running = RunningSystem.get();

    /** What one marker shows: where (source, checkpoint, x) and the value. Doubles compare exactly. */
    record Plotted(String source, String checkpoint, double x, double value) {
    }

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void pageLoadsWithoutScriptErrorsListsTheRunsAndLinksTheApiDocuments() throws Exception {
        String runId = running.referenceRun().getRunId();
        browser.open(baseUrl() + "/#run=" + runId);
        awaitPage(() -> !browser.findAll("#run-view[data-run-id='" + runId + "'][data-status='RUN_STATUS_COMPLETED']")
                .isEmpty() && !browser.findAll("#runs tr[data-run-id='" + runId + "'].selected").isEmpty());

        String openApi = browser.findAll("#openapi-link").get(0).getDomProperty("href");
        HttpResponse<String> document = get(URI.create(openApi));
        assertEquals(200, document.statusCode());
        assertTrue(document.body().contains("/api/runs/{runId}/id-profile"), "the link leads to the OpenAPI document");
        assertTrue(document.body().contains("/api/runs/{runId}/findings"), "the findings have their REST mirror");
        GetFindingsResponse findings = rest("/api/runs/" + runId + "/findings", GetFindingsResponse.newBuilder())
                .build();
        assertEquals(findings.getFindingsCount(), browser.findAll("#findings li").size(),
                "the page lists the findings results-api serves, no more: " + findings);
        assertEquals(findings.getFindingsCount() == 0, browser.findAll("#findings-empty").get(0).isDisplayed());
        assertEquals(findings.getTrendsList().stream().mapToInt(question -> question.getTrendsCount()
                        + question.getInteractionsCount()).sum(), browser.findAll("#trends li").size(),
                "the page lists every trend and interaction results-api serves: " + findings.getTrendsList());
        for (String csv : List.of("#id-csv", "#information-csv")) {
            HttpResponse<String> download = get(URI.create(browser.findAll(csv).get(0).getDomProperty("href")));
            assertEquals(200, download.statusCode(), csv);
            assertTrue(download.headers().firstValue("content-type").orElse("").startsWith("text/csv"), csv);
        }
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void plottedPointsOfTheReferenceRunAreTheNumbersTheRestApiServes() throws Exception {
        String runId = running.referenceRun().getRunId();
        List<IdPoint> ids = rest("/api/runs/" + runId + "/id-profile", IdProfile.newBuilder()).getPointsList();
        List<InformationPoint> information = rest("/api/runs/" + runId + "/information-profile",
                InformationProfile.newBuilder()).getPointsList();
        browser.open(baseUrl() + "/#run=" + runId);

        awaitPage(() -> plotted("id-depth-layers").size() == 2 && plotted("id-depth-areas").size() == 1);
        String estimator = shownIdEstimator();
        assertTrue(estimator.startsWith("twonn"), "TwoNN by default, not " + estimator);
        assertTrue(ids.stream().filter(point -> point.getEstimator().equals(estimator)).allMatch(IdPoint::getHasError),
                "the default TwoNN estimate comes with error bars");
        assertIdDepthPanelsShow(ids, estimator);
        assertIdErrorBarsAreTheServedErrors(ids, estimator);
        List<String> offered = new Select(browser.findAll("#estimator").get(0)).getOptions().stream()
                .map(option -> option.getDomProperty("value")).toList();
        assertTrue(offered.containsAll(List.of("twonn", "twonn-mle", "pc-id", "participation-ratio")), "" + offered);
        assertTrue(!offered.contains("gride") && !offered.contains("twonn-decimation"),
                "estimators with a point per scale are not plotted against depth: " + offered);
        for (String other : offered) {
            new Select(browser.findAll("#estimator").get(0)).selectByValue(other);
            assertIdDepthPanelsShow(ids, other);
        }
        new Select(browser.findAll("#estimator").get(0)).selectByValue(estimator);

        assertEquals(expectedIds(ids, "gride", SourceKind.SOURCE_KIND_LAYER, IdPoint::getScale),
                plotted("gride-layers"));
        Set<Plotted> grideAreas = expectedIds(ids, "gride", SourceKind.SOURCE_KIND_AREA, IdPoint::getScale);
        assertEquals(6, grideAreas.size(), "one point per GRIDE scale");
        assertEquals(grideAreas, plotted("gride-areas"));
        assertEquals(2, browser.findAll("figure[data-panel='gride-layers'] g.series polyline").size(),
                "one line per layer");

        Set<String> quantities = new LinkedHashSet<>();
        information.stream().filter(point -> point.getCorrection().equals(CORRECTION))
                .forEach(point -> quantities.add(point.getQuantity()));
        assertTrue(quantities.containsAll(List.of("I(R;object)", "I(R;luminance)", "f_high(L)")),
                quantities.toString());
        List<String> panels = browser.dataAttributes("#information-panels figure").stream()
                .map(data -> data.get("panel")).toList();
        assertEquals(quantities.stream().map(quantity -> "information:" + quantity).toList(), panels,
                "one panel per quantity served with the chosen correction, in the served order");
        for (String quantity : quantities) {
            List<InformationPoint> served = information.stream().filter(point -> point.getQuantity().equals(quantity)
                    && point.getCorrection().equals(CORRECTION)).toList();
            assertEquals(3, served.size(), quantity);
            assertEquals(expectedInformation(served), plotted("information:" + quantity), quantity);
            assertInformationErrorBars(quantity, served);
            Map<String, String> included = new HashMap<>();
            served.forEach(point -> included.put(point.getSource().getName() + "@" + point.getSource()
                    .getCheckpoint(), Integer.toString(point.getIncludedUnits())));
            for (Map<String, String> data : browser.dataAttributes("figure[data-panel=\"information:" + quantity
                    + "\"] .point")) {
                assertEquals(included.get(data.get("source") + "@" + data.get("checkpoint")), data.get("included"),
                        "each marker says how many units its median counts: " + data);
            }
        }
        browser.screenshot(SCREENSHOT);
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void newResultsAppearOnTheOpenPageWithoutAReload() throws Exception {
        String runId = "dashboard-live";
        SourceRef source = CraftedEvents.source(runId, "V1");
        try (CraftedEvents events = new CraftedEvents(running.system().stack())) {
            events.finishExtraction(runId, source);
            await().atMost(PAGE_DEADLINE).until(() -> get(restUri("/api/runs/" + runId)).statusCode() == 200);
            browser.open(baseUrl() + "/#run=" + runId);
            awaitPage(() -> !browser.findAll("#run-view[data-run-id='" + runId + "']").isEmpty()
                    && !browser.findAll("figure[data-panel='id-depth-areas']").isEmpty());
            assertEquals(Set.of(), plotted("id-depth-areas"), "nothing to plot before the activations arrive");
            browser.script("window.dashboardTestMarker = 'still the same page';");

            List<ActivationBatch> batches = events.storeBatches(source, 21);
            for (ActivationBatch batch : batches) {
                events.publish(batch);
            }
            events.publish(events.manifest(source, batches.stream().map(ActivationBatch::getTensor).toList()));

            await().atMost(LIVE_DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                String estimator = shownIdEstimator();
                Set<Plotted> served = expectedIds(rest("/api/runs/" + runId + "/id-profile", IdProfile.newBuilder())
                        .getPointsList(), estimator, SourceKind.SOURCE_KIND_AREA,
                        point -> point.getSource().getRelativeDepth());
                return estimator != null && served.size() == 1 && plotted("id-depth-areas").equals(served);
            });
            // The crafted responses are noise, so no unit is included and the panels hold no marker: the panels
            // themselves are the information results arriving.
            await().atMost(LIVE_DEADLINE).pollInterval(Duration.ofMillis(500))
                    .until(() -> !browser.findAll("#information-panels figure").isEmpty());
        }
        assertEquals("still the same page", browser.script("return window.dashboardTestMarker;"));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void runNotKnownYetIsAwaitedQuietlyInsteadOfShownEmpty() {
        browser.open(baseUrl() + "/#run=no-such-run");
        awaitPage(() -> browser.findAll("#no-run").get(0).getText().contains("'no-such-run'"));
        assertFalse(browser.findAll("#run-view").get(0).isDisplayed());
        assertEquals(List.of(), browser.consoleErrors(), "no failed requests while waiting");
    }

    private static Set<Plotted> expectedIds(List<IdPoint> points, String estimator, SourceKind kind,
                                            ToDoubleFunction<IdPoint> x) {
        Set<Plotted> expected = new HashSet<>();
        for (IdPoint point : points) {
            boolean drawable = Double.isFinite(point.getId()) && (!"gride".equals(estimator) || point.getScale() > 0);
            if (point.getEstimator().equals(estimator) && point.getSource().getKind() == kind && drawable) {
                expected.add(new Plotted(point.getSource().getName(), point.getSource().getCheckpoint(),
                        x.applyAsDouble(point), point.getId()));
            }
        }
        return expected;
    }

    private static Set<Plotted> expectedInformation(List<InformationPoint> points) {
        Set<Plotted> expected = new HashSet<>();
        // A point without a median (no unit qualified, SCIENCE.md 4.7) has nothing to draw.
        points.stream().filter(point -> Double.isFinite(point.getMedian())).forEach(point -> expected.add(
                new Plotted(point.getSource().getName(), point.getSource().getCheckpoint(),
                        point.getSource().getRelativeDepth(), point.getMedian())));
        return expected;
    }

    private static void assertIdDepthPanelsShow(List<IdPoint> ids, String estimator) {
        Set<Plotted> layers = expectedIds(ids, estimator, SourceKind.SOURCE_KIND_LAYER,
                point -> point.getSource().getRelativeDepth());
        Set<Plotted> areas = expectedIds(ids, estimator, SourceKind.SOURCE_KIND_AREA,
                point -> point.getSource().getRelativeDepth());
        assertEquals(2, layers.size(), "pool2 and fc1 by " + estimator);
        assertEquals(1, areas.size(), "the synthetic area by " + estimator);
        assertEquals(layers, plotted("id-depth-layers"), estimator);
        assertEquals(areas, plotted("id-depth-areas"), estimator);
    }

    /** The one estimator the ID-versus-depth panels show, or null while they are empty. */
    private static String shownIdEstimator() {
        Set<String> shown = new HashSet<>();
        for (String panel : List.of("id-depth-layers", "id-depth-areas")) {
            browser.dataAttributes("figure[data-panel=\"" + panel + "\"] .point")
                    .forEach(data -> shown.add(data.get("estimator")));
        }
        assertTrue(shown.size() <= 1, "one estimator at a time: " + shown);
        return shown.isEmpty() ? null : shown.iterator().next();
    }

    private static void assertIdErrorBarsAreTheServedErrors(List<IdPoint> ids, String estimator) {
        Map<String, String> plottedErrors = new HashMap<>();
        for (String panel : List.of("id-depth-layers", "id-depth-areas")) {
            for (Map<String, String> data : browser.dataAttributes("figure[data-panel=\"" + panel + "\"] .point")) {
                plottedErrors.put(data.get("source") + "@" + data.get("checkpoint"), data.get("error"));
            }
        }
        for (IdPoint point : ids) {
            if (point.getEstimator().equals(estimator)) {
                String key = point.getSource().getName() + "@" + point.getSource().getCheckpoint();
                assertEquals(point.getError(), Double.parseDouble(plottedErrors.get(key)), 0.0, key);
            }
        }
    }

    private void assertInformationErrorBars(String quantity, List<InformationPoint> served) {
        Map<String, String> plottedErrors = new HashMap<>();
        for (Map<String, String> data : browser.dataAttributes("figure[data-panel=\"information:" + quantity
                + "\"] .point")) {
            plottedErrors.put(data.get("source") + "@" + data.get("checkpoint"), data.get("error"));
        }
        for (InformationPoint point : served) {
            if (!Double.isFinite(point.getMedian())) {
                continue; // no included unit: no marker, hence no error bar (checked by expectedInformation)
            }
            double expected = point.getHasMedianError() ? point.getMedianError()
                    : MEDIAN_SE_PER_IQR * (point.getQ75() - point.getQ25()) / Math.sqrt(point.getUnits());
            String key = point.getSource().getName() + "@" + point.getSource().getCheckpoint();
            assertEquals(expected, Double.parseDouble(plottedErrors.get(key)), STANDARD_ERROR_TOLERANCE, key);
        }
    }

    /** Every marker of the panel as plotted, read back from its data attributes. */
    private static Set<Plotted> plotted(String panel) {
        Set<Plotted> points = new HashSet<>();
        for (Map<String, String> data : browser.dataAttributes("figure[data-panel=\"" + panel + "\"] .point")) {
            points.add(new Plotted(data.get("source"), data.get("checkpoint"), Double.parseDouble(data.get("x")),
                    Double.parseDouble(data.get("value"))));
        }
        return points;
    }

    private static void awaitPage(Callable<Boolean> condition) {
        await().atMost(PAGE_DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(condition);
    }

    /** A REST resource parsed back into its protobuf message. */
    private <B extends Message.Builder> B rest(String path, B builder) throws Exception {
        HttpResponse<String> response = get(restUri(path));
        assertEquals(200, response.statusCode(), path);
        JsonFormat.parser().merge(response.body(), builder);
        return builder;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + running.system().service("results-api").httpPort();
    }

    private URI restUri(String path) {
        return URI.create(baseUrl() + path);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
