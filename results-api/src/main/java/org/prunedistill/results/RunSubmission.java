package org.prunedistill.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.results.domain.RunState;
import org.prunedistill.results.messaging.RunEventPublisher;

/**
 * Accepts a run: checks the request, gives the run an id and publishes it for the extractor. Invalid requests are
 * refused with an {@link IllegalArgumentException} that says what to change.
 */
@ApplicationScoped
public class RunSubmission {

    private static final Set<String> STIMULUS_SETS = Set.of("", "shapes", "rat-objects", "natural-objects", "user");
    /** The built-in networks: the small CNN trained on the rat objects, the deep one on natural-like images. */
    private static final List<String> BUILTIN = List.of("builtin-cnn-small", "builtin-cnn-deep");

    @Inject
    RunEventPublisher publisher;

    @Inject
    RunCatalog catalog;

    public RunState submit(String requestedId, RunSpec spec) {
        validate(spec);
        String runId = requestedId.isEmpty() ? newRunId() : RequestLimits.runId("run_id", requestedId);
        if (catalog.find(runId).isPresent()) {
            throw new IllegalArgumentException("run_id '" + runId + "' already exists; choose another or leave it empty");
        }
        RunEvent event = RunEvent.newBuilder()
                .setRunId(runId)
                .setTimestampMs(System.currentTimeMillis())
                .setProducer("results-api")
                .setSubmitted(RunSubmitted.newBuilder().setSpec(spec))
                .build();
        publisher.publish(event);
        catalog.apply(event);
        return catalog.find(runId).orElseThrow();
    }

    static void validate(RunSpec spec) {
        RequestLimits.spec(spec);
        if (spec.getModelsCount() == 0 && spec.getRecordingsCount() == 0) {
            throw new IllegalArgumentException("spec names no source: add a model or a recording");
        }
        if (!STIMULUS_SETS.contains(spec.getStimuli().getSet())) {
            throw new IllegalArgumentException("unknown stimulus set '" + spec.getStimuli().getSet()
                    + "'; known: shapes, rat-objects, natural-objects, user");
        }
        if (spec.getStimuli().getSet().equals("user")) {
            requireUri(spec.getStimuli().getImagesUri(), "stimuli.images_uri of a user set");
            requireUri(spec.getStimuli().getMetadataUri(), "stimuli.metadata_uri of a user set");
        }
        if (spec.getStimuli().getImageSize() < 0 || spec.getStimuli().getImageSize() > 512) {
            throw new IllegalArgumentException("stimuli.image_size must be 0 (default) or 1..512");
        }
        if (spec.getStimuli().getTrials() < 0 || spec.getStimuli().getTrials() > 100) {
            throw new IllegalArgumentException("stimuli.trials must be 0 (default) or 1..100");
        }
        if (spec.getBatchConditions() < 0) {
            throw new IllegalArgumentException("batch_conditions must not be negative");
        }
        for (ModelSource model : spec.getModelsList()) {
            validate(model);
        }
        for (RecordingSource recording : spec.getRecordingsList()) {
            if (recording.getArea().isBlank()) {
                throw new IllegalArgumentException("a recording needs an area name");
            }
            if (recording.getSessionsCount() == 0) {
                requireUri(recording.getResponsesUri(), "responses_uri of area " + recording.getArea());
            } else {
                validateSessions(recording);
            }
            requireUri(recording.getConditionsUri(), "conditions_uri of area " + recording.getArea());
        }
    }

    /** An area of several sessions: no single responses file, every session a file, rows and names sensible. */
    private static void validateSessions(RecordingSource recording) {
        String area = "area " + recording.getArea();
        if (!recording.getResponsesUri().isEmpty()) {
            throw new IllegalArgumentException(area + ": give responses_uri or sessions, not both");
        }
        if (recording.getPseudoTrials() < 0) {
            throw new IllegalArgumentException(area + ": pseudo_trials must be 0 (automatic) or positive");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < recording.getSessionsCount(); i++) {
            RecordingSession session = recording.getSessions(i);
            String what = area + ", session " + (session.getName().isEmpty() ? Integer.toString(i) : session.getName());
            if (!session.getName().isEmpty() && !names.add(session.getName())) {
                throw new IllegalArgumentException(what + ": session names must be distinct");
            }
            requireUri(session.getResponsesUri(), "responses_uri of " + what);
            if (session.getConditionRowsList().stream().anyMatch(row -> row < 0)) {
                throw new IllegalArgumentException(what + ": condition_rows must not be negative");
            }
        }
    }

    /** A built-in network, or an imported ONNX model named by its checkpoint files. */
    private static void validate(ModelSource model) {
        if (model.getOnnxCheckpointsCount() == 0) {
            if (!BUILTIN.contains(model.getModel())) {
                throw new IllegalArgumentException("unknown model '" + model.getModel() + "'; known: "
                        + String.join(", ", BUILTIN) + ", or an imported ONNX model with onnx_checkpoints");
            }
            return;
        }
        if (model.getModel().isBlank() || BUILTIN.contains(model.getModel())) {
            throw new IllegalArgumentException("an imported ONNX model needs its own name (not '" + model.getModel()
                    + "', a built-in network's)");
        }
        Set<String> names = new HashSet<>();
        for (ModelCheckpoint checkpoint : model.getOnnxCheckpointsList()) {
            if (checkpoint.getName().isBlank() || !names.add(checkpoint.getName())) {
                throw new IllegalArgumentException("model " + model.getModel() + ": checkpoint names must be "
                        + "non-empty and distinct, got '" + checkpoint.getName() + "'");
            }
            requireUri(checkpoint.getUri(), "uri of checkpoint " + checkpoint.getName() + " of model "
                    + model.getModel());
        }
        for (String wanted : model.getCheckpointsList()) {
            if (!names.contains(wanted)) {
                throw new IllegalArgumentException("model " + model.getModel() + " has no checkpoint '" + wanted
                        + "'; its checkpoints: " + names);
            }
        }
    }

    private static void requireUri(String uri, String what) {
        if (!uri.startsWith("file:/") && !uri.startsWith("s3://")) {
            throw new IllegalArgumentException(what + " must be a file:// or s3:// URI, got '" + uri + "'");
        }
    }

    private static String newRunId() {
        return "run-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
