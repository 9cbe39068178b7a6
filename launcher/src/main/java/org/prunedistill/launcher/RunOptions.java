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

    @Option(names = "--conditions", description = "JSON condition table of the recording")
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
        if ((recording == null) != (conditions == null)) {
            throw new IllegalArgumentException("--recording and --conditions go together");
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
        if (model != null || recording == null) {
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
        if (recording != null) {
            spec.addRecordings(RecordingSource.newBuilder().setArea(area)
                    .setResponsesUri(recording.toAbsolutePath().toUri().toString())
                    .setConditionsUri(conditions.toAbsolutePath().toUri().toString()));
        }
        return spec.build();
    }
}
