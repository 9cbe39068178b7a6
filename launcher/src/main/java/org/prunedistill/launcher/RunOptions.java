package org.prunedistill.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import picocli.CommandLine.Option;

/** What a run analyses, as command-line options shared by {@code run} and {@code demo}. */
final class RunOptions {

    @Option(names = "--model", description = "model whose layers are sources: builtin-cnn (default when no "
            + "--recording is given), or the name of an imported ONNX model given by --onnx-checkpoint")
    String model;

    @Option(names = "--checkpoints", split = ",", description = "checkpoints of the model, e.g. random-1,random-2 "
            + "(random weights from the seed)")
    List<String> checkpoints = new ArrayList<>();

    @Option(names = "--layers", split = ",", description = "layers to publish (default: all of "
            + "pixels,pool1,pool2,fc1,logits)")
    List<String> layers = new ArrayList<>();

    @Option(names = "--onnx-checkpoint", paramLabel = "NAME=URI", description = "a checkpoint of an imported ONNX "
            + "model (give --model a name): NAME=file:///path/model.onnx or NAME=s3://bucket/key; repeat for each "
            + "checkpoint, in training order")
    Map<String, String> onnxCheckpoints = new LinkedHashMap<>();

    @Option(names = "--preprocessing", paramLabel = "FILE.json", description = "preprocessing of the imported model "
            + "(activation-extractor/README.md; default: ImageNet's)")
    Path preprocessing;

    @Option(names = "--recording", description = "responses .npy [units, conditions, trials] of a recorded area")
    Path recording;

    @Option(names = "--session", paramLabel = "FILE[:ROWS]", description = "instead of --recording: one session of "
            + "the area, repeated for each; the sessions are aligned by condition into one pseudo-population. ROWS "
            + "lists the row of the --conditions table of each of the file's conditions, e.g. 0-189,200-209 "
            + "(default: 0, 1, 2, ...)")
    List<String> sessions = new ArrayList<>();

    @Option(names = "--pseudo-trials", defaultValue = "0", description = "trials drawn per unit and condition for a "
            + "pseudo-population (default: the fewest valid trials any unit offers)")
    int pseudoTrials;

    @Option(names = "--conditions", description = "JSON condition table of the recording or sessions")
    Path conditions;

    @Option(names = "--area", defaultValue = "area", description = "name of the recorded area "
            + "(default: ${DEFAULT-VALUE})")
    String area;

    @Option(names = "--stimulus-set", defaultValue = "rat-objects", description = "rendered stimuli: rat-objects "
            + "(10 objects x 38 views, 64 px) or shapes (6 x 22, 32 px) (default: ${DEFAULT-VALUE})")
    String stimulusSet;

    @Option(names = "--images", paramLabel = "DIR|ZIP", description = "a user stimulus set: a folder or ZIP of "
            + "images, with --metadata (sets --stimulus-set user)")
    Path images;

    @Option(names = "--metadata", paramLabel = "CSV", description = "per-image metadata of --images: id, file, "
            + "object, axis, value[, luminance, contrast] (activation-extractor/core/README.md)")
    Path metadata;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the stimulus jitter (default: "
            + "${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--image-size", defaultValue = "0", description = "image side in pixels (default: the "
            + "set's own)")
    int imageSize;

    @Option(names = "--trials", defaultValue = "0", description = "jittered renderings per condition (default: "
            + "the service's, 10)")
    int trials;

    @Option(names = "--label", defaultValue = "", description = "a label for people")
    String label;

    RunSpec toSpec() {
        boolean recorded = recording != null || !sessions.isEmpty();
        if (recording != null && !sessions.isEmpty()) {
            throw new IllegalArgumentException("give --recording or --session, not both");
        }
        if (recorded != (conditions != null)) {
            throw new IllegalArgumentException("--recording (or --session) and --conditions go together");
        }
        if ((images == null) != (metadata == null)) {
            throw new IllegalArgumentException("--images and --metadata go together");
        }
        StimulusSpec.Builder stimuli = StimulusSpec.newBuilder().setSet(stimulusSet).setSeed(seed)
                .setImageSize(imageSize).setTrials(trials);
        if (images != null) {
            stimuli.setSet("user").setImagesUri(images.toAbsolutePath().toUri().toString())
                    .setMetadataUri(metadata.toAbsolutePath().toUri().toString());
        }
        RunSpec.Builder spec = RunSpec.newBuilder().setLabel(label).setStimuli(stimuli);
        if (model != null || !recorded) {
            ModelSource.Builder source = ModelSource.newBuilder().setModel(model == null ? "builtin-cnn" : model)
                    .addAllCheckpoints(checkpoints).addAllLayers(layers);
            onnxCheckpoints.forEach((name, uri) -> source.addOnnxCheckpoints(ModelCheckpoint.newBuilder()
                    .setName(name).setUri(uri.contains(":") ? uri : Path.of(uri).toAbsolutePath().toUri().toString())));
            if (preprocessing != null) {
                try {
                    source.setPreprocessingJson(Files.readString(preprocessing));
                } catch (IOException e) {
                    throw new IllegalArgumentException("--preprocessing: cannot read " + preprocessing + ": " + e);
                }
            }
            spec.addModels(source);
        }
        if (recorded) {
            RecordingSource.Builder area = RecordingSource.newBuilder().setArea(this.area)
                    .setConditionsUri(conditions.toAbsolutePath().toUri().toString())
                    .setPseudoTrials(pseudoTrials);
            if (recording != null) {
                area.setResponsesUri(recording.toAbsolutePath().toUri().toString());
            }
            sessions.forEach(session -> area.addSessions(session(session)));
            spec.addRecordings(area);
        }
        return spec.build();
    }

    /** {@code FILE[:ROWS]}, ROWS a comma-separated list of rows and inclusive ranges {@code a-b}. */
    static RecordingSession session(String option) {
        int colon = option.lastIndexOf(':');
        boolean hasRows = colon > 0 && option.substring(colon + 1).matches("[0-9,\\- ]+");
        String rows = hasRows ? option.substring(colon + 1) : "";
        Path file = Path.of(hasRows ? option.substring(0, colon) : option);
        RecordingSession.Builder session = RecordingSession.newBuilder()
                .setResponsesUri(file.toAbsolutePath().toUri().toString());
        for (String part : rows.split(",")) {
            String range = part.strip();
            if (range.isEmpty()) {
                continue;
            }
            String[] ends = range.split("-", -1);
            try {
                int first = Integer.parseInt(ends[0].strip());
                int last = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : first;
                if (ends.length > 2 || last < first) {
                    throw new NumberFormatException();
                }
                for (int row = first; row <= last; row++) {
                    session.addConditionRows(row);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--session " + option + ": '" + range + "' is not a row or a "
                        + "range first-last of rows");
            }
        }
        return session.build();
    }
}
