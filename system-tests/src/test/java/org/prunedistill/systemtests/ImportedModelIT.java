package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.RunClient;

/**
 * An imported ONNX model through the whole pipeline: the extractor reads the file, exposes its pooling and dense
 * layers, runs the stimuli through its declared preprocessing, and both analyses publish per layer and checkpoint.
 * The model is the 1 x 4 x 4 fixture of activation-extractor's tests (made by its committed python3-onnx script).
 */
@ExtendWith(WithRunningSystem.class)
class ImportedModelIT {

    private static final Path TINY_CNN = Path.of("../activation-extractor/core/src/test/resources/onnx/tiny_cnn.onnx")
            .toAbsolutePath().normalize();
    private static final String PREPROCESSING = "{\"resize\":4,\"crop\":4,\"channels\":1,\"channel_order\":\"RGB\","
            + "\"pixel_scale\":1,\"mean\":[0.5],\"std\":[0.25]}";

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();

    @Test
    void everyCheckpointOfAnImportedModelIsAnalysedPerDefaultLayer() {
        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("shapes").setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("tiny-cnn").setPreprocessingJson(PREPROCESSING)
                        .addOnnxCheckpoints(checkpoint("epoch-0")).addOnnxCheckpoints(checkpoint("epoch-9")))
                .build();
        client.submit("imported-model", spec);
        Run run = client.follow("imported-model", RunningSystem.RUN_TIMEOUT, update -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());
        List<String> sources = run.getSourcesList().stream().map(SourceStatus::getSource)
                .map(s -> s.getOrigin() + ":" + s.getCheckpoint() + ":" + s.getName()).sorted().toList();
        assertEquals(List.of("tiny-cnn:epoch-0:/features/features.2/MaxPool_output_0", "tiny-cnn:epoch-0:input",
                "tiny-cnn:epoch-0:logits", "tiny-cnn:epoch-9:/features/features.2/MaxPool_output_0",
                "tiny-cnn:epoch-9:input", "tiny-cnn:epoch-9:logits"), sources);
        for (SourceStatus source : run.getSourcesList()) {
            assertEquals(List.of("information", "intrinsic-dimension"), source.getAnalysesDoneList(),
                    source.getSource().getName());
            assertEquals("derived from the graph", source.getProvenanceOrThrow("receptive_fields"),
                    source.getSource().getName());
        }
        List<IdPoint> logits = client.idProfile("imported-model").getPointsList().stream()
                .filter(p -> p.getSource().getName().equals("logits") && p.getEstimator().equals("twonn")).toList();
        assertEquals(2, logits.size());
        assertEquals(1.0, logits.get(0).getSource().getRelativeDepth(), 0.0);
        assertTrue(logits.get(0).getId() > 0 && logits.get(0).getId() <= 3.5, logits.toString());
        // Receptive fields come from the graph: every layer's information is computed over its units' input windows.
        var withFields = client.informationProfile("imported-model").getPointsList().stream()
                .filter(point -> point.containsParameters("views.rf_map")).toList();
        assertEquals(6, withFields.stream().map(point -> point.getSource().getCheckpoint() + ":"
                + point.getSource().getName()).distinct().count(), "every layer of both checkpoints: " + withFields);
        withFields.forEach(point -> assertEquals("input-window", point.getParametersOrThrow("views.rf_map"),
                point.getSource().getName() + " " + point.getQuantity()));
    }

    @Test
    void anUnknownLayerOfAnImportedModelFailsTheRunListingTheValidOnes() {
        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("shapes").setTrials(1))
                .addModels(ModelSource.newBuilder().setModel("tiny-cnn").setPreprocessingJson(PREPROCESSING)
                        .addOnnxCheckpoints(checkpoint("epoch-0")).addLayers("conv9"))
                .build();
        client.submit("imported-unknown-layer", spec);
        Run run = client.follow("imported-unknown-layer", RunningSystem.RUN_TIMEOUT, update -> { });
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertTrue(run.getFailureReason().contains("conv9"), run.getFailureReason());
        assertTrue(run.getFailureReason().contains("/features/features.1/Relu_output_0"), run.getFailureReason());
    }

    private static ModelCheckpoint checkpoint(String name) {
        return ModelCheckpoint.newBuilder().setName(name).setUri(TINY_CNN.toUri().toString()).build();
    }
}
