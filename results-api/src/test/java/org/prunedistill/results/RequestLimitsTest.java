package org.prunedistill.results;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;

class RequestLimitsTest {

    private static final String URI = "file:///data/x.npy";

    @Test
    void runIdsFollowTheGrammarAndNameTheField() {
        assertDoesNotThrow(() -> RequestLimits.runId("run_id", "run-1_A"));
        assertMessage(() -> RequestLimits.runId("run_id", ""), "run_id is required");
        assertMessage(() -> RequestLimits.runId("run_id", "a/b"), "run_id 'a/b' must be 1-64 letters");
        assertMessage(() -> RequestLimits.runId("run_id", "x".repeat(65)), "must be 1-64 letters");
        assertMessage(() -> RequestLimits.runId("run_id", "x".repeat(100_000)), "run_id '" + "x".repeat(64) + "...'");
    }

    @Test
    void checkpointNamesFollowTheGrammar() {
        assertDoesNotThrow(() -> RequestLimits.name("from_checkpoint", "epoch-10.v2+ft"));
        assertMessage(() -> RequestLimits.name("from_checkpoint", "../x"), "from_checkpoint '../x' must be 1-64");
        assertMessage(() -> RequestLimits.name("to_checkpoint", "a b"), "to_checkpoint 'a b'");
    }

    @Test
    void theLargestSpecTheBoundsAllowIsBelowTheInboundMessageLimit() {
        ModelSource.Builder model = ModelSource.newBuilder().setModel("m".repeat(RequestLimits.MAX_ID_LENGTH))
                .setPreprocessingJson("j".repeat(RequestLimits.MAX_PREPROCESSING_JSON));
        for (int i = 0; i < RequestLimits.MAX_CHECKPOINTS; i++) {
            String name = String.format("%064d", i);
            model.addCheckpoints(name).addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName(name)
                    .setUri("u".repeat(RequestLimits.MAX_URI)));
        }
        for (int i = 0; i < RequestLimits.MAX_LAYERS; i++) {
            model.addLayers("l".repeat(RequestLimits.MAX_LAYER_NAME));
        }
        RunSpec.Builder spec = RunSpec.newBuilder().setLabel("l".repeat(RequestLimits.MAX_LABEL));
        for (int i = 0; i < RequestLimits.MAX_MODELS; i++) {
            spec.addModels(model);
        }
        for (int i = 0; i < RequestLimits.MAX_RECORDINGS; i++) {
            spec.addRecordings(RecordingSource.newBuilder().setArea("a".repeat(RequestLimits.MAX_ID_LENGTH))
                    .setResponsesUri("u".repeat(RequestLimits.MAX_URI)).setConditionsUri("u".repeat(
                            RequestLimits.MAX_URI)));
        }
        int sessionsPerRecording = RequestLimits.MAX_SESSIONS / RequestLimits.MAX_RECORDINGS;
        int rowsPerSession = RequestLimits.MAX_CONDITION_ROWS / RequestLimits.MAX_SESSIONS;
        for (RecordingSource.Builder recording : spec.getRecordingsBuilderList()) {
            for (int s = 0; s < sessionsPerRecording; s++) {
                RecordingSession.Builder session = RecordingSession.newBuilder()
                        .setName("s".repeat(RequestLimits.MAX_ID_LENGTH))
                        .setResponsesUri("u".repeat(RequestLimits.MAX_URI));
                for (int row = 0; row < rowsPerSession; row++) {
                    session.addConditionRows(Integer.MAX_VALUE - row);
                }
                recording.addSessions(session);
            }
        }
        assertDoesNotThrow(() -> RequestLimits.spec(spec.build()));
        int maxInboundMessageSize = 4 * 1024 * 1024; // application.properties
        assertTrue(spec.build().getSerializedSize() < maxInboundMessageSize, spec.build().getSerializedSize()
                + " bytes");
    }

    @Test
    void specsBeyondTheBoundsAreRefusedNamingTheField() {
        ModelSource cnn = ModelSource.newBuilder().setModel("builtin-cnn-small").build();
        assertSpecRefused(spec -> {
            for (int i = 0; i <= RequestLimits.MAX_MODELS; i++) {
                spec.addModels(cnn);
            }
        }, "models has 17 entries; at most 16");
        assertSpecRefused(spec -> spec.addModels(cnn.toBuilder().addCheckpoints("ok").addCheckpoints("not ok")),
                "models[0].checkpoints[1] 'not ok' must be");
        assertSpecRefused(spec -> spec.addModels(cnn.toBuilder().addAllLayers(java.util.Collections.nCopies(
                RequestLimits.MAX_LAYERS + 1, "conv1"))), "models[0].layers has 129 entries");
        assertSpecRefused(spec -> spec.addModels(cnn.toBuilder().addLayers("conv\n1")), "models[0].layers[0] must");
        assertSpecRefused(spec -> spec.addModels(ModelSource.newBuilder().setModel("vgg").addOnnxCheckpoints(
                ModelCheckpoint.newBuilder().setName("e/1").setUri(URI))), "models[0].onnx_checkpoints[0].name 'e/1'");
        assertSpecRefused(spec -> spec.addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri("file:///" + "x".repeat(RequestLimits.MAX_URI)).setConditionsUri(URI)),
                "recordings[0].responses_uri is 1032 characters long; at most 1024");
        assertSpecRefused(spec -> {
            RecordingSource.Builder recording = RecordingSource.newBuilder().setArea("V1").setConditionsUri(URI);
            for (int i = 0; i <= RequestLimits.MAX_SESSIONS; i++) {
                recording.addSessions(RecordingSession.newBuilder().setResponsesUri(URI));
            }
            spec.addRecordings(recording);
        }, "recordings[*].sessions has 257 entries; at most 256");
        assertSpecRefused(spec -> spec.addModels(cnn).setLabel("l".repeat(RequestLimits.MAX_LABEL + 1)), "label is");
    }

    private static void assertSpecRefused(Consumer<RunSpec.Builder> change, String message) {
        RunSpec.Builder spec = RunSpec.newBuilder();
        change.accept(spec);
        assertMessage(() -> RunSubmission.validate(spec.build()), message);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call);
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }
}
