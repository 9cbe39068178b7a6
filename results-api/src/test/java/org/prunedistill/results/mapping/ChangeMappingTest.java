package org.prunedistill.results.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

class ChangeMappingTest {

    private static final double EXACT = 1e-12;
    private static final String LUMINANCE = "I(R;L)";
    private static final String PT = "panzeri-treves";

    @Test
    void takesTheDifferenceWithTheHypotenuseOfTheErrorsAsItsError() {
        Change change = ChangeMapping.change(point(layer("conv1", "untrained"), LUMINANCE, 0.50, 0.03),
                point(layer("conv1", "trained"), LUMINANCE, 0.30, 0.04));

        assertEquals(0.50, change.getBefore(), EXACT);
        assertEquals(0.30, change.getAfter(), EXACT);
        assertEquals(-0.20, change.getDifference(), EXACT);
        assertEquals(0.05, change.getError(), EXACT);
        assertTrue(change.getHasError());
        assertTrue(change.getSignificant());
        assertEquals("untrained", change.getFromSource().getCheckpoint());
        assertEquals("trained", change.getToSource().getCheckpoint());
        assertEquals(LUMINANCE, change.getQuantity());
        assertEquals(PT, change.getCorrection());
    }

    @Test
    void callsAChangeWithinTwoErrorsNotSignificant() {
        Change change = ChangeMapping.change(point(layer("conv1", "untrained"), LUMINANCE, 0.5, 0.3),
                point(layer("conv1", "trained"), LUMINANCE, 0.3, 0.4));

        assertEquals(0.5, change.getError(), EXACT);
        assertFalse(change.getSignificant());
    }

    @Test
    void givesNoErrorAndNoSignificanceWhenAnEndLacksAnError() {
        Change change = ChangeMapping.change(point(layer("conv1", "untrained"), LUMINANCE, 0.5, 0.01),
                point(layer("conv1", "trained"), LUMINANCE, 0.1, Double.NaN));

        assertEquals(-0.4, change.getDifference(), EXACT);
        assertFalse(change.getHasError());
        assertEquals(0.0, change.getError());
        assertFalse(change.getSignificant());
    }

    @Test
    void followsTheCheckpointOrderOfTheSpecRatherThanTheAlphabetOrArrival() {
        RunSpec spec = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn")
                .addCheckpoints("untrained").addCheckpoints("early").addCheckpoints("trained")).build();
        List<InformationPoint> points = List.of(point(layer("conv1", "trained"), LUMINANCE, 0.1, 0.01),
                point(layer("conv1", "untrained"), LUMINANCE, 0.4, 0.01),
                point(layer("conv1", "early"), LUMINANCE, 0.3, 0.01));

        List<Change> changes = ChangeMapping.changes(spec, sources(points), points);

        assertEquals(List.of("untrained -> early", "early -> trained"), checkpoints(changes));
        assertEquals(-0.1, changes.get(0).getDifference(), EXACT);
        assertEquals(-0.2, changes.get(1).getDifference(), EXACT);
    }

    @Test
    void followsTheOnnxCheckpointOrderThenTheOrderOfAppearance() {
        RunSpec onnx = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn")
                .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("epoch-9"))
                .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("epoch-10"))).build();
        List<InformationPoint> points = List.of(point(layer("conv1", "epoch-10"), LUMINANCE, 0.1, 0.01),
                point(layer("conv1", "epoch-9"), LUMINANCE, 0.4, 0.01));

        assertEquals(List.of("epoch-9 -> epoch-10"), checkpoints(ChangeMapping.changes(onnx, sources(points),
                points)));
        assertEquals(List.of("epoch-10 -> epoch-9"), checkpoints(ChangeMapping.changes(RunSpec.getDefaultInstance(),
                sources(points), points)));
    }

    @Test
    void comparesEachLayerOfEachModelAcrossACheckpointItLacksAndOnlyQuantitiesBothEndsHave() {
        RunSpec spec = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn")
                .addCheckpoints("untrained").addCheckpoints("early").addCheckpoints("trained")).build();
        SourceRef otherModel = layer("conv1", "trained").toBuilder().setOrigin("resnet").build();
        List<InformationPoint> points = List.of(point(layer("conv1", "untrained"), LUMINANCE, 0.4, 0.01),
                point(layer("conv1", "untrained"), "f_high(L)", 0.2, 0.01),
                point(layer("conv1", "trained"), LUMINANCE, 0.1, 0.01),
                point(layer("conv2", "early"), LUMINANCE, 0.3, 0.01),
                point(otherModel, LUMINANCE, 0.9, 0.01));

        List<Change> changes = ChangeMapping.changes(spec, sources(points), points);

        assertEquals(1, changes.size());
        assertEquals("conv1", changes.get(0).getToSource().getName());
        assertEquals("untrained -> trained", checkpoints(changes).get(0));
        assertEquals(LUMINANCE, changes.get(0).getQuantity());
    }

    @Test
    void comparesTwoNamedCheckpointsStraightAcrossTheOnesBetweenAndLeavesOutLayersLackingAnEnd() {
        RunSpec spec = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn")
                .addCheckpoints("untrained").addCheckpoints("early").addCheckpoints("trained")).build();
        List<InformationPoint> points = List.of(point(layer("conv1", "untrained"), LUMINANCE, 0.4, 0.03),
                point(layer("conv1", "early"), LUMINANCE, 0.3, 0.01),
                point(layer("conv1", "trained"), LUMINANCE, 0.1, 0.04),
                point(layer("conv2", "early"), LUMINANCE, 0.3, 0.01),
                point(layer("conv2", "trained"), LUMINANCE, 0.2, 0.01));

        List<Change> changes = ChangeMapping.changes(spec, sources(points), points, "untrained", "trained");

        assertEquals(List.of("untrained -> trained"), checkpoints(changes));
        assertEquals("conv1", changes.get(0).getFromSource().getName());
        assertEquals(-0.3, changes.get(0).getDifference(), EXACT);
        assertEquals(0.05, changes.get(0).getError(), EXACT);
        assertTrue(changes.get(0).getSignificant());
    }

    @Test
    void comparesConsecutiveAreasInHierarchyOrder() {
        List<InformationPoint> points = List.of(point(area("LI", 2), LUMINANCE, 0.1, 0.02),
                point(area("V1", 0), LUMINANCE, 0.5, 0.02),
                point(area("V1", 0), "f_high(L)", 0.2, 0.02),
                point(area("LM", 1), LUMINANCE, 0.4, 0.02),
                point(area("LM", 1), "f_high(L)", 0.23, 0.02),
                point(area("LI", 2), "f_high(L)", 0.5, 0.02));

        List<Change> changes = ChangeMapping.changes(RunSpec.getDefaultInstance(), sources(points), points);

        assertEquals(List.of("V1 -> LM I(R;L)", "V1 -> LM f_high(L)", "LM -> LI I(R;L)", "LM -> LI f_high(L)"),
                changes.stream().map(c -> c.getFromSource().getName() + " -> " + c.getToSource().getName() + " "
                        + c.getQuantity()).toList());
        assertEquals(-0.3, changes.get(2).getDifference(), EXACT);
        assertEquals(Math.sqrt(2) * 0.02, changes.get(2).getError(), EXACT);
        assertTrue(changes.get(2).getSignificant());
        assertFalse(changes.get(1).getSignificant());
    }

    @Test
    void findsNoChangeInARunWithOneCheckpointAndOneArea() {
        List<InformationPoint> points = List.of(point(layer("conv1", "trained"), LUMINANCE, 0.1, 0.01),
                point(area("V1", 0), LUMINANCE, 0.5, 0.02));

        assertEquals(List.of(), ChangeMapping.changes(RunSpec.getDefaultInstance(), sources(points), points));
    }

    private static SourceRef layer(String name, String checkpoint) {
        int order = Integer.parseInt(name.substring(name.length() - 1));
        return SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName(name)
                .setCheckpoint(checkpoint).setOrigin("builtin-cnn").setOrder(order).setRelativeDepth(order / 4.0)
                .build();
    }

    private static SourceRef area(String name, int order) {
        return SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_AREA).setName(name)
                .setOrigin("recording").setOrder(order).setRelativeDepth(order / 3.0).build();
    }

    /** A median with its standard error; NaN for none. */
    private static InformationPoint point(SourceRef source, String quantity, double median, double error) {
        InformationPoint.Builder point = InformationPoint.newBuilder().setSource(source).setQuantity(quantity)
                .setCorrection(PT).setMedian(median);
        if (!Double.isNaN(error)) {
            point.setMedianError(error).setHasMedianError(true);
        }
        return point.build();
    }

    private static List<SourceRef> sources(List<InformationPoint> points) {
        return points.stream().map(InformationPoint::getSource).distinct().toList();
    }

    private static List<String> checkpoints(List<Change> changes) {
        return changes.stream().map(c -> c.getFromSource().getCheckpoint() + " -> " + c.getToSource().getCheckpoint())
                .toList();
    }
}
