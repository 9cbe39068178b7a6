package org.prunedistill.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.Run;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

class FindingsTest {

    private static final List<String> LAYERS = List.of("pixels", "pool1", "pool2", "fc1", "logits");

    @Test
    void aTrainedHunchbackAndAFlatUntrainedProfileAreStatedWithTheirNumbers() {
        RunProfiles profiles = profiles(new double[] {8, 8.2, 8.1, 8.3, 8.2}, new double[] {8, 14, 20, 9, 4});
        List<Findings.Finding> findings = Findings.of(profiles);
        assertEquals("Does the ID rise then fall along the layers of untrained?", findings.get(0).question());
        assertEquals("no", findings.get(0).answer());
        assertEquals("yes", findings.get(1).answer());
        assertTrue(findings.get(1).evidence().startsWith("pixels 8.00 +- 0.30, pool1 14.00 +- 0.30"),
                findings.get(1).evidence());
        assertTrue(findings.get(1).evidence().contains("Peak at pool2 (relative depth 0.50)"),
                findings.get(1).evidence());
    }

    @Test
    void pruningNeedsADecreaseBeyondTwiceTheErrorOfTheDifference() {
        RunProfiles profiles = profiles(new double[] {8, 9, 10, 9, 8}, new double[] {8, 9, 10, 9, 8});
        List<Findings.Change> changes = Findings.changes(profiles, Findings.LUMINANCE, -1);
        assertEquals(List.of("pool1", "pool2", "fc1", "logits"), changes.stream().map(c -> c.layer().getName())
                .toList(), "the input is left out");
        // Luminance medians fall by 0.05 per layer index with standard errors 0.01: error of the difference 0.0141,
        // judged significant by results-api (GetChanges from untrained to trained).
        assertEquals("decreases", changes.get(0).verdict());
        assertEquals(Math.hypot(0.01, 0.01), changes.get(0).error(), 1e-12);
        Findings.Finding pruning = Findings.of(profiles).stream()
                .filter(f -> f.question().startsWith("Is luminance information pruned")).findFirst().orElseThrow();
        assertEquals("yes, in every layer", pruning.answer());
    }

    @Test
    void decodingIsJudgedOnItsValueAboveChance() {
        RunProfiles profiles = profiles(new double[] {8, 9, 10, 9, 8}, new double[] {8, 9, 10, 9, 8});
        List<Findings.Change> changes = Findings.changes(profiles, Findings.SINGLE_UNIT_GENERALISATION, +1);
        assertEquals(4, changes.size(), changes.toString());
        assertEquals(0.1, changes.get(0).before(), 1e-12);
        assertEquals(0.2, changes.get(0).after(), 1e-12);
        assertEquals("increases", changes.get(0).verdict());
        Findings.Finding generalisation = Findings.of(profiles).stream()
                .filter(f -> f.question().startsWith("Do single units generalise")).findFirst().orElseThrow();
        assertEquals("yes, in every layer", generalisation.answer());
        String table = SummaryTable.format(profiles);
        assertTrue(table.contains("Decoding object pairs, untrained -> trained"), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("logits ") && line.contains("0.100 -> 0.500 *")),
                table);
    }

    @Test
    void theReportIsOneHtmlFileWithEveryPlotAndTheFindings() {
        String html = RunReport.html(profiles(new double[] {8, 8.2, 8.1, 8.3, 8.2}, new double[] {8, 14, 20, 9, 4}),
                Instant.parse("2026-11-28T00:00:00Z"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("What this run found"));
        assertTrue(html.contains("TwoNN ID along the layers"));
        assertTrue(html.contains("I(R;L) (median over units)"));
        assertTrue(html.contains("single-unit generalisation (bits above chance, median over units)"), "decoding");
        assertTrue(html.contains("<title>trained: pool2 20.0 +- 0.300</title>"), "points carry their values");
        assertTrue(!html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org"),
                "nothing is fetched from elsewhere");
    }

    @Test
    void theSummaryTableListsIdPerCheckpointAndTheChanges() {
        String table = SummaryTable.format(profiles(new double[] {8, 8.2, 8.1, 8.3, 8.2},
                new double[] {8, 14, 20, 9, 4}));
        assertTrue(table.contains("pool2           0.50    8.10 +- 0.30   20.00 +- 0.30"), table);
        assertTrue(table.contains("Pruning and distillation, untrained -> trained"), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("pool1 ") && line.contains(" 0.300 -> 0.250 *")),
                table);
        assertTrue(table.contains("- Does the ID rise then fall along the layers of trained? yes"), table);
    }

    private static RunProfiles profiles(double[] untrained, double[] trained) {
        IdProfile.Builder ids = IdProfile.newBuilder().setRunId("r");
        InformationProfile.Builder information = InformationProfile.newBuilder().setRunId("r");
        String[] checkpoints = {"untrained", "trained"};
        double[][] values = {untrained, trained};
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < LAYERS.size(); i++) {
                SourceRef source = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER)
                        .setName(LAYERS.get(i)).setCheckpoint(checkpoints[c]).setOrder(i).setRelativeDepth(i / 4.0)
                        .setOrigin("builtin-cnn").build();
                ids.addPoints(IdPoint.newBuilder().setSource(source).setEstimator("twonn").setId(values[c][i])
                        .setError(0.3).setHasError(true));
                information.addPoints(InformationPoint.newBuilder().setSource(source).setQuantity(Findings.LUMINANCE)
                        .setCorrection("panzeri-treves").setMedian(0.3 - 0.05 * c * i).setMedianError(0.01)
                        .setHasMedianError(true));
                information.addPoints(InformationPoint.newBuilder().setSource(source)
                        .setQuantity(Findings.SINGLE_UNIT_GENERALISATION).setCorrection("above-chance")
                        .setMedian(0.1 + 0.1 * c * i).setMedianError(0.01).setHasMedianError(true));
            }
        }
        Run run = Run.newBuilder().setRunId("r").setSpec(RunSpec.newBuilder().addModels(ModelSource.newBuilder()
                .addCheckpoints("untrained").addCheckpoints("trained"))).build();
        return new RunProfiles(run, ids.build(), information.build(), trainingChanges(information.build()));
    }

    /** What GetChanges from untrained to trained answers for these points (results-api's ChangeMappingTest). */
    private static ChangeProfile trainingChanges(InformationProfile information) {
        ChangeProfile.Builder changes = ChangeProfile.newBuilder().setRunId("r");
        List<InformationPoint> points = information.getPointsList();
        for (InformationPoint before : points) {
            for (InformationPoint after : points) {
                if (before.getSource().getCheckpoint().equals("untrained")
                        && after.getSource().getCheckpoint().equals("trained")
                        && before.getSource().getName().equals(after.getSource().getName())
                        && before.getQuantity().equals(after.getQuantity())
                        && before.getCorrection().equals(after.getCorrection())) {
                    double difference = after.getMedian() - before.getMedian();
                    double error = Math.hypot(before.getMedianError(), after.getMedianError());
                    changes.addChanges(Change.newBuilder().setFromSource(before.getSource())
                            .setToSource(after.getSource()).setQuantity(before.getQuantity())
                            .setCorrection(before.getCorrection()).setBefore(before.getMedian())
                            .setAfter(after.getMedian()).setDifference(difference).setError(error).setHasError(true)
                            .setSignificant(Math.abs(difference) > 2 * error));
                }
            }
        }
        return changes.build();
    }
}
