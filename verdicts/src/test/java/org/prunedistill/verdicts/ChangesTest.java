package org.prunedistill.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.verdicts.Sources.F_HIGH;
import static org.prunedistill.verdicts.Sources.LUMINANCE;
import static org.prunedistill.verdicts.Sources.area;
import static org.prunedistill.verdicts.Sources.layer;
import static org.prunedistill.verdicts.Sources.median;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangesTest {

    private static final double EXACT = 1e-12;
    private static final TrainingOrder DECLARED = new TrainingOrder(Map.of("builtin-cnn-small",
            List.of("untrained", "early", "trained")));
    private static final TrainingOrder NONE = new TrainingOrder(Map.of());

    @Test
    void followsTheDeclaredCheckpointOrderRatherThanTheAlphabetOrArrival() {
        List<Median> medians = List.of(median(layer("conv1", 1, "trained"), LUMINANCE, 0.1, 0.01),
                median(layer("conv1", 1, "untrained"), LUMINANCE, 0.4, 0.01),
                median(layer("conv1", 1, "early"), LUMINANCE, 0.3, 0.01));

        List<Change> changes = Changes.consecutive(DECLARED, sources(medians), medians);

        assertEquals(List.of("untrained -> early", "early -> trained"), checkpoints(changes));
        assertEquals(-0.1, changes.get(0).difference(), EXACT);
        assertEquals(-0.2, changes.get(1).difference(), EXACT);
    }

    @Test
    void followsTheOrderOfAppearanceForUndeclaredCheckpoints() {
        List<Median> medians = List.of(median(layer("conv1", 1, "epoch-10"), LUMINANCE, 0.1, 0.01),
                median(layer("conv1", 1, "epoch-9"), LUMINANCE, 0.4, 0.01));
        TrainingOrder epochs = new TrainingOrder(Map.of("builtin-cnn-small", List.of("epoch-9", "epoch-10")));

        assertEquals(List.of("epoch-9 -> epoch-10"), checkpoints(Changes.consecutive(epochs, sources(medians),
                medians)));
        assertEquals(List.of("epoch-10 -> epoch-9"), checkpoints(Changes.consecutive(NONE, sources(medians),
                medians)));
    }

    @Test
    void comparesEachLayerOfEachModelAcrossACheckpointItLacksAndOnlyMeasuresBothEndsHave() {
        List<Median> medians = List.of(median(layer("conv1", 1, "untrained"), LUMINANCE, 0.4, 0.01),
                median(layer("conv1", 1, "untrained"), F_HIGH, 0.2, 0.01),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.1, 0.01),
                median(layer("conv2", 2, "early"), LUMINANCE, 0.3, 0.01),
                median(layer("resnet", "conv1", 1, "trained"), LUMINANCE, 0.9, 0.01));

        List<Change> changes = Changes.consecutive(DECLARED, sources(medians), medians);

        assertEquals(1, changes.size());
        assertEquals("conv1", changes.get(0).after().source().name());
        assertEquals("untrained -> trained", checkpoints(changes).get(0));
        assertEquals(LUMINANCE, changes.get(0).measure());
    }

    @Test
    void comparesTwoNamedCheckpointsStraightAcrossTheOnesBetweenAndLeavesOutLayersLackingAnEnd() {
        List<Median> medians = List.of(median(layer("conv1", 1, "untrained"), LUMINANCE, 0.4, 0.03),
                median(layer("conv1", 1, "early"), LUMINANCE, 0.3, 0.01),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.1, 0.04),
                median(layer("conv2", 2, "early"), LUMINANCE, 0.3, 0.01),
                median(layer("conv2", 2, "trained"), LUMINANCE, 0.2, 0.01));

        List<Change> changes = Changes.between(DECLARED, sources(medians), medians, "untrained", "trained");

        assertEquals(List.of("untrained -> trained"), checkpoints(changes));
        assertEquals("conv1", changes.get(0).before().source().name());
        assertEquals(-0.3, changes.get(0).difference(), EXACT);
        assertEquals(0.05, changes.get(0).error(), EXACT);
        assertTrue(changes.get(0).significant());
    }

    @Test
    void comparesConsecutiveAreasInHierarchyOrder() {
        List<Median> medians = List.of(median(area("LI", 2), LUMINANCE, 0.1, 0.02),
                median(area("V1", 0), LUMINANCE, 0.5, 0.02),
                median(area("V1", 0), F_HIGH, 0.2, 0.02),
                median(area("LM", 1), LUMINANCE, 0.4, 0.02),
                median(area("LM", 1), F_HIGH, 0.23, 0.02),
                median(area("LI", 2), F_HIGH, 0.5, 0.02));

        List<Change> changes = Changes.consecutive(NONE, sources(medians), medians);

        assertEquals(List.of("V1 -> LM " + LUMINANCE, "V1 -> LM " + F_HIGH, "LM -> LI " + LUMINANCE,
                "LM -> LI " + F_HIGH), changes.stream().map(c -> c.before().source().name() + " -> "
                + c.after().source().name() + " " + c.measure()).toList());
        assertEquals(-0.3, changes.get(2).difference(), EXACT);
        assertEquals(Math.sqrt(2) * 0.02, changes.get(2).error(), EXACT);
        assertTrue(changes.get(2).significant());
        assertFalse(changes.get(1).significant());
    }

    @Test
    void findsNoChangeInARunWithOneCheckpointAndOneArea() {
        List<Median> medians = List.of(median(layer("conv1", 1, "trained"), LUMINANCE, 0.1, 0.01),
                median(area("V1", 0), LUMINANCE, 0.5, 0.02));

        assertEquals(List.of(), Changes.consecutive(NONE, sources(medians), medians));
    }

    private static List<Source> sources(List<Median> medians) {
        return medians.stream().map(Median::source).distinct().toList();
    }

    private static List<String> checkpoints(List<Change> changes) {
        return changes.stream().map(c -> c.before().source().checkpoint() + " -> " + c.after().source().checkpoint())
                .toList();
    }
}
