package org.prunedistill.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.verdicts.Sources.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The premise of an expansion: the input's ID below an early layer's beyond both error bars. */
class ExpansionPremiseTest {

    private static final List<String> LAYERS = List.of("input", "pool1", "pool2", "fc1", "logits");
    private static final TrainingOrder ORDER = new TrainingOrder(Map.of("builtin-cnn-small", List.of("trained")));

    @Test
    void anEarlyLayerAboveTheInputBeyondBothErrorBarsLetsAnExpansionShow() {
        ExpansionPremise premise = finding(new double[] {8, 14, 20, 9, 4}, 0.3).premise().orElseThrow();

        assertEquals(0, premise.input());
        assertEquals(List.of(1), premise.early(), "pool1 alone lies within a third of the depth (0.25)");
        assertTrue(premise.holds());
    }

    @Test
    void anInputAsHighAsTheEarlyLayersCannotShowAnExpansionWhateverFollows() {
        HunchbackFinding flatStart = finding(new double[] {7.1, 7.2, 20, 9, 4}, 0.3);

        assertFalse(flatStart.premise().orElseThrow().holds(), "7.2 - 0.3 is not above 7.1 + 0.3");
        assertEquals(Answer.YES, flatStart.answer(), "the premise is reported beside the answer, never instead of it");
        assertFalse(finding(new double[] {9, 8.4, 8, 7, 4}, 0.1).premise().orElseThrow().holds(), "falls from the input");
    }

    @Test
    void touchingErrorBarsAreNotBeyondThem() {
        assertFalse(finding(new double[] {8, 9, 9, 9, 9}, 0.5).premise().orElseThrow().holds(), "9 - 0.5 == 8 + 0.5");
        assertTrue(finding(new double[] {8, 9.01, 9, 9, 9}, 0.5).premise().orElseThrow().holds());
    }

    @Test
    void withNoLayerInTheFirstThirdTheFirstLayerAfterTheInputIsTheEarlyOne() {
        IdProfile profile = IdProfile.of(List.of(new ProfilePosition("input", 0.0, 5, 0.1),
                new ProfilePosition("pool3", 0.6, 9, 0.1), new ProfilePosition("logits", 1.0, 3, 0.1)));

        ExpansionPremise premise = ExpansionPremise.of(profile).orElseThrow();

        assertEquals(List.of(1), premise.early());
        assertTrue(premise.holds());
    }

    @Test
    void aProfileWithoutTheInputOrTheAreasHaveNoPremise() {
        IdProfile noInput = IdProfile.of(List.of(new ProfilePosition("pool1", 0.25, 5, 0.1),
                new ProfilePosition("pool2", 0.5, 9, 0.1), new ProfilePosition("fc1", 0.75, 3, 0.1)));
        assertTrue(ExpansionPremise.of(noInput).isEmpty());

        List<IdValue> areas = new ArrayList<>();
        double[] planted = {3, 6, 8, 4};
        for (int i = 0; i < 4; i++) {
            areas.add(IdValue.subsampled(Sources.area(List.of("V1", "LM", "LI", "LL").get(i), i), planted[i], 0.3,
                    planted[i]));
        }
        HunchbackFinding alongAreas = Findings.of(ORDER, areas, List.of(), List.of()).hunchback().get(0);
        assertTrue(alongAreas.premise().isEmpty(), "V1 is the first area, not an input");
    }

    private static HunchbackFinding finding(double[] ids, double error) {
        List<IdValue> values = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            values.add(IdValue.subsampled(layer(LAYERS.get(i), i, "trained"), ids[i], error, ids[i]));
        }
        return Findings.of(ORDER, values, List.of(), List.of()).hunchback().get(0);
    }
}
