package org.prunedistill.results;

import java.util.List;
import java.util.regex.Pattern;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.messaging.RunIds;

/**
 * The bounds every request is held to before it is served: the grammar of run ids and checkpoint names, and the size
 * of a run spec. A request outside them is refused with an {@link IllegalArgumentException} naming the field (gRPC
 * {@code INVALID_ARGUMENT}, REST 400). The largest spec these bounds allow is about 3 MB, below the gRPC server's
 * {@code quarkus.grpc.server.max-inbound-message-size} (4 MiB).
 */
public final class RequestLimits {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_MODELS = 16;
    public static final int MAX_RECORDINGS = 64;
    public static final int MAX_CHECKPOINTS = 64;
    public static final int MAX_LAYERS = 128;
    public static final int MAX_LAYER_NAME = 256;
    public static final int MAX_URI = 1024;
    public static final int MAX_LABEL = 256;
    public static final int MAX_PREPROCESSING_JSON = 16 * 1024;
    /** Recording sessions (pseudo-populations) over all recordings of a run. */
    public static final int MAX_SESSIONS = 256;
    /** Condition rows over all sessions of a run. */
    public static final int MAX_CONDITION_ROWS = 100_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+-]{1," + MAX_ID_LENGTH + "}");

    private RequestLimits() {
    }

    /** A run id: 1-64 letters, digits, '-' or '_'. */
    public static String runId(String field, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!RunIds.isRunId(value)) {
            throw new IllegalArgumentException(field + " '" + shown(value) + "' must be 1-" + MAX_ID_LENGTH
                    + " letters, digits, '-' or '_'");
        }
        return value;
    }

    /** A checkpoint or area name: 1-64 letters, digits, '.', '_', '+' or '-'. */
    public static String name(String field, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + shown(value) + "' must be 1-" + MAX_ID_LENGTH
                    + " letters, digits, '.', '_', '+' or '-'");
        }
        return value;
    }

    /** Counts and lengths of a spec's parts; what they mean is checked by {@link RunSubmission}. */
    static void spec(RunSpec spec) {
        atMost("models", spec.getModelsCount(), MAX_MODELS);
        atMost("recordings", spec.getRecordingsCount(), MAX_RECORDINGS);
        length("label", spec.getLabel(), MAX_LABEL);
        length("stimuli.images_uri", spec.getStimuli().getImagesUri(), MAX_URI);
        length("stimuli.metadata_uri", spec.getStimuli().getMetadataUri(), MAX_URI);
        for (int m = 0; m < spec.getModelsCount(); m++) {
            model("models[" + m + "]", spec.getModels(m));
        }
        int sessions = 0;
        int conditionRows = 0;
        for (int r = 0; r < spec.getRecordingsCount(); r++) {
            RecordingSource recording = spec.getRecordings(r);
            String field = "recordings[" + r + "]";
            if (!recording.getArea().isBlank()) {
                name(field + ".area", recording.getArea());
            }
            length(field + ".responses_uri", recording.getResponsesUri(), MAX_URI);
            length(field + ".conditions_uri", recording.getConditionsUri(), MAX_URI);
            for (int s = 0; s < recording.getSessionsCount(); s++) {
                RecordingSession session = recording.getSessions(s);
                length(field + ".sessions[" + s + "].name", session.getName(), MAX_ID_LENGTH);
                length(field + ".sessions[" + s + "].responses_uri", session.getResponsesUri(), MAX_URI);
                conditionRows += session.getConditionRowsCount();
            }
            sessions += recording.getSessionsCount();
        }
        atMost("recordings[*].sessions", sessions, MAX_SESSIONS);
        atMost("recordings[*].sessions[*].condition_rows", conditionRows, MAX_CONDITION_ROWS);
    }

    private static void model(String field, ModelSource model) {
        length(field + ".model", model.getModel(), MAX_ID_LENGTH);
        atMost(field + ".checkpoints", model.getCheckpointsCount(), MAX_CHECKPOINTS);
        atMost(field + ".onnx_checkpoints", model.getOnnxCheckpointsCount(), MAX_CHECKPOINTS);
        atMost(field + ".layers", model.getLayersCount(), MAX_LAYERS);
        length(field + ".preprocessing_json", model.getPreprocessingJson(), MAX_PREPROCESSING_JSON);
        names(field + ".checkpoints", model.getCheckpointsList());
        for (int c = 0; c < model.getOnnxCheckpointsCount(); c++) {
            ModelCheckpoint checkpoint = model.getOnnxCheckpoints(c);
            if (!checkpoint.getName().isBlank()) {
                name(field + ".onnx_checkpoints[" + c + "].name", checkpoint.getName());
            }
            length(field + ".onnx_checkpoints[" + c + "].uri", checkpoint.getUri(), MAX_URI);
        }
        for (int l = 0; l < model.getLayersCount(); l++) {
            String layer = model.getLayers(l);
            length(field + ".layers[" + l + "]", layer, MAX_LAYER_NAME);
            if (layer.isBlank() || layer.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(field + ".layers[" + l + "] must be a non-blank name without "
                        + "control characters");
            }
        }
    }

    private static void names(String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            name(field + "[" + i + "]", values.get(i));
        }
    }

    private static void atMost(String field, int count, int max) {
        if (count > max) {
            throw new IllegalArgumentException(field + " has " + count + " entries; at most " + max
                    + " are allowed per run");
        }
    }

    private static void length(String field, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long; at most " + max
                    + " are allowed");
        }
    }

    /** The value as it may appear in a message: long ones cut, so an error never echoes megabytes. */
    private static String shown(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_ID_LENGTH + 16 ? printable : printable.substring(0, MAX_ID_LENGTH) + "...";
    }
}
