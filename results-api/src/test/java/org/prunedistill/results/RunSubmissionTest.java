package org.prunedistill.results;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;

class RunSubmissionTest {

    private static final ModelSource CNN = ModelSource.newBuilder().setModel("builtin-cnn-small").build();

    @Test
    void acceptsAModelOrARecording() {
        assertDoesNotThrow(() -> RunSubmission.validate(RunSpec.newBuilder().addModels(CNN).build()));
        assertDoesNotThrow(() -> RunSubmission.validate(RunSpec.newBuilder().addRecordings(recording("file:/r.npy"))
                .build()));
    }

    @Test
    void refusesASpecWithoutSources() {
        assertRefused(RunSpec.getDefaultInstance(), "names no source");
    }

    @Test
    void refusesUnknownModelsAndStimulusSetsNamingTheKnownOnes() {
        assertRefused(RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("vgg99")).build(),
                "unknown model 'vgg99'; known: builtin-cnn-small, builtin-cnn-deep, or an imported ONNX model");
        assertRefused(RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn")).build(),
                "unknown model 'builtin-cnn'; known: builtin-cnn-small, builtin-cnn-deep");
        assertDoesNotThrow(() -> RunSubmission.validate(RunSpec.newBuilder().addModels(ModelSource.newBuilder()
                .setModel("builtin-cnn-deep")).setStimuli(StimulusSpec.newBuilder().setSet("natural-objects"))
                .build()));
        assertRefused(RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("vgg")
                .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("a").setUri("http://x/vgg.onnx"))).build(),
                "uri of checkpoint a of model vgg must be a file:// or s3:// URI");
        assertRefused(RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("vgg").addCheckpoints("b")
                .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("a").setUri("file:///m/vgg.onnx"))).build(),
                "model vgg has no checkpoint 'b'");
        assertRefused(RunSpec.newBuilder().addModels(CNN).setStimuli(StimulusSpec.newBuilder().setSet("faces"))
                .build(), "unknown stimulus set 'faces'; known: shapes");
        assertRefused(RunSpec.newBuilder().addModels(CNN).setStimuli(StimulusSpec.newBuilder().setSet("user")
                .setImagesUri("file:///data/images")).build(), "stimuli.metadata_uri of a user set must be a file://");
    }

    @Test
    void refusesRecordingsWithoutAreaOrWithOtherUriSchemes() {
        assertRefused(RunSpec.newBuilder().addRecordings(recording("file:/r.npy").toBuilder().setArea(" ")).build(),
                "needs an area name");
        assertRefused(RunSpec.newBuilder().addRecordings(recording("http://x/r.npy")).build(),
                "must be a file:// or s3:// URI");
    }

    @Test
    void takesAnAreaOfSessionsButNotBothFormsOrBadSessions() {
        RecordingSession day1 = RecordingSession.newBuilder().setName("day1").setResponsesUri("file:/a.npy").build();
        RecordingSource sessions = recording("").toBuilder().addSessions(day1)
                .addSessions(RecordingSession.newBuilder().setResponsesUri("s3://b/k.npy").addConditionRows(3)).build();
        assertDoesNotThrow(() -> RunSubmission.validate(RunSpec.newBuilder().addRecordings(sessions).build()));
        assertRefused(RunSpec.newBuilder().addRecordings(sessions.toBuilder().setResponsesUri("file:/r.npy")).build(),
                "not both");
        assertRefused(RunSpec.newBuilder().addRecordings(sessions.toBuilder().addSessions(day1)).build(),
                "session day1: session names must be distinct");
        assertRefused(RunSpec.newBuilder().addRecordings(sessions.toBuilder().addSessions(
                RecordingSession.newBuilder().setResponsesUri("http://x"))).build(),
                "responses_uri of area V1, session 2");
        assertRefused(RunSpec.newBuilder().addRecordings(sessions.toBuilder().addSessions(
                day1.toBuilder().setName("day3").addConditionRows(-1))).build(), "must not be negative");
        assertRefused(RunSpec.newBuilder().addRecordings(sessions.toBuilder().setPseudoTrials(-2)).build(),
                "pseudo_trials");
    }

    @Test
    void refusesOutOfRangeStimulusParameters() {
        assertRefused(RunSpec.newBuilder().addModels(CNN).setStimuli(StimulusSpec.newBuilder().setImageSize(4096))
                .build(), "image_size");
        assertRefused(RunSpec.newBuilder().addModels(CNN).setStimuli(StimulusSpec.newBuilder().setTrials(-1))
                .build(), "trials");
    }

    private static RecordingSource recording(String uri) {
        return RecordingSource.newBuilder().setArea("V1").setResponsesUri(uri).setConditionsUri("file:/c.json").build();
    }

    private static void assertRefused(RunSpec spec, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RunSubmission.validate(spec));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }
}
