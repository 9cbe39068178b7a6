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

    @Option(names = "--model", description = "model whose layers are sources: builtin-cnn-small (default when no "
            + "--area is given; grey, trained on the rat objects), builtin-cnn-deep (RGB, trained on natural-like "
            + "images; grey stimuli go in as 3 equal channels), or the name of an imported ONNX model given by "
            + "--onnx-checkpoint")
    String model;

    @Option(names = "--checkpoints", split = ",", description = "checkpoints of the model (default: all it has), "
            + "e.g. random-1,random-2 (builtin-cnn-small with random weights from the seed) or step-000000 "
            + "(builtin-cnn-deep: the names of its shipped manifest)")
    List<String> checkpoints = new ArrayList<>();

    @Option(names = "--layers", split = ",", description = "layers to publish (default: all of "
            + "pixels,pool1,pool2,fc1,logits for builtin-cnn-small, of pixels,pool1..pool4,gap,fc1,fc2,logits for "
            + "builtin-cnn-deep; for an imported model the layers SCIENCE.md 1 compares, chosen from its graph: "
            + "'./pd layers --onnx FILE' lists them all, defaults marked)")
    List<String> layers = new ArrayList<>();

    @Option(names = "--onnx-checkpoint", paramLabel = "NAME=URI", description = "a checkpoint of an imported ONNX "
            + "model (give --model a name): NAME=file:///path/model.onnx or NAME=s3://bucket/key; repeat for each "
            + "checkpoint, in training order")
    Map<String, String> onnxCheckpoints = new LinkedHashMap<>();

    @Option(names = "--preprocessing", paramLabel = "FILE.json", description = "preprocessing of the imported model "
            + "(activation-extractor/README.md; default: ImageNet's)")
    Path preprocessing;

    /** Every {@code --area} and {@code --session}, in the order given: the order of first mention is the hierarchy. */
    private final List<AreaOption> areaOptions = new ArrayList<>();

    @Option(names = "--area", paramLabel = "NAME=FILE", description = "a recorded area: its name and its responses "
            + "[units, conditions, trials] (.npy, .npz or NWB/HDF5; NaN = missing trial). Repeat for each area, in "
            + "hierarchical order, e.g. --area V1=v1.npy --area LM=lm.npz --area LI=li.nwb --area LL=ll.npy: the "
            + "first area is at relative depth 0, the last at 1, the others evenly between (or as --area-depth says)")
    void areas(List<String> values) {
        record(values, AreaOption.Kind.FILE);
    }

    @Option(names = "--session", paramLabel = "NAME=FILE[:ROWS]", description = "instead of a file for the area: "
            + "one session of area NAME, repeated for each; the sessions are aligned by condition into one "
            + "pseudo-population. ROWS lists the row of the --conditions table of each of the file's conditions, e.g. "
            + "LL=day2.npy:0-189,200-209 (default: 0, 1, 2, ...). The area takes its place in the hierarchy where it "
            + "is first named")
    void sessions(List<String> values) {
        record(values, AreaOption.Kind.SESSION);
    }

    @Option(names = "--area-depth", paramLabel = "NAME=DEPTH", description = "the relative depth of an area, in "
            + "[0, 1], instead of its position (e.g. LI=0.5); depths must not decrease along the hierarchy")
    List<String> areaDepths = new ArrayList<>();

    @Option(names = "--area-units", defaultValue = "0", description = "units every area's intrinsic dimension is "
            + "computed on, as the mean +- SD over 50 seeded subsets of that many units (default: the smallest "
            + "area's count when the areas' counts differ)")
    int areaUnits;

    @Option(names = "--pseudo-trials", defaultValue = "0", description = "trials drawn per unit and condition for a "
            + "pseudo-population (default: the fewest valid trials any unit offers)")
    int pseudoTrials;

    @Option(names = "--conditions", description = "JSON condition table of the areas, one row per condition "
            + "(README, \"Recorded areas\")")
    Path conditions;

    @Option(names = "--stimulus-set", defaultValue = "rat-objects", description = "rendered stimuli: rat-objects "
            + "(10 objects x 38 views, 64 px), shapes (6 x 22, 32 px) or natural-objects (50 classes x 10 "
            + "exemplars, 64 px colour, for builtin-cnn-deep) (default: ${DEFAULT-VALUE})")
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
            + "set's own; for --images, the imported model's preprocessing resize, in colour when it takes 3 "
            + "channels, or 64 px grey for builtin-cnn-small)")
    int imageSize;

    @Option(names = "--trials", defaultValue = "0", description = "jittered renderings per condition (default: "
            + "the service's, 10)")
    int trials;

    @Option(names = "--label", defaultValue = "", description = "a label for people")
    String label;

    RunSpec toSpec() {
        List<RecordingSource> areas = areas();
        if (!areas.isEmpty() != (conditions != null)) {
            throw new IllegalArgumentException("--area (or --session) and --conditions go together");
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
        RunSpec.Builder spec = RunSpec.newBuilder().setLabel(label).setStimuli(stimuli).addAllRecordings(areas)
                .setAreaUnits(areaUnits);
        if (model != null || areas.isEmpty()) {
            ModelSource.Builder source = ModelSource.newBuilder().setModel(model == null ? "builtin-cnn-small" : model)
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
        return spec.build();
    }

    /** The areas in the order first named, each at its position, with its depth when given. */
    private List<RecordingSource> areas() {
        if (areaUnits < 0) {
            throw new IllegalArgumentException("--area-units must be positive (or 0: the smallest area's count)");
        }
        Map<String, RecordingSource.Builder> areas = new LinkedHashMap<>();
        for (AreaOption option : areaOptions) {
            String[] nameAndFile = nameAndValue(option.kind() == AreaOption.Kind.FILE ? "--area" : "--session",
                    option.text());
            String name = nameAndFile[0];
            RecordingSource.Builder area = areas.computeIfAbsent(name, n -> RecordingSource.newBuilder().setArea(n)
                    .setConditionsUri(conditions == null ? "" : conditions.toAbsolutePath().toUri().toString())
                    .setPseudoTrials(pseudoTrials));
            boolean hasFile = !area.getResponsesUri().isEmpty();
            if (option.kind() == AreaOption.Kind.FILE && hasFile) {
                throw new IllegalArgumentException("--area " + name + " is given twice; name each area once");
            }
            if (hasFile || option.kind() == AreaOption.Kind.FILE && area.getSessionsCount() > 0) {
                throw new IllegalArgumentException("area " + name + ": give --area " + name + "=FILE or its "
                        + "--session " + name + "=FILE options, not both");
            }
            if (option.kind() == AreaOption.Kind.FILE) {
                area.setResponsesUri(Path.of(nameAndFile[1]).toAbsolutePath().toUri().toString());
            } else {
                area.addSessions(session(nameAndFile[1]));
            }
        }
        for (String option : areaDepths) {
            String[] depth = nameAndValue("--area-depth", option);
            RecordingSource.Builder area = areas.get(depth[0]);
            if (area == null) {
                throw new IllegalArgumentException("--area-depth " + option + ": no area " + depth[0] + " (areas: "
                        + String.join(", ", areas.keySet()) + ")");
            }
            if (area.getHasRelativeDepth()) {
                throw new IllegalArgumentException("--area-depth " + depth[0] + " is given twice");
            }
            area.setRelativeDepth(relativeDepth(option, depth[1])).setHasRelativeDepth(true);
        }
        List<RecordingSource> placed = new ArrayList<>();
        for (RecordingSource.Builder area : areas.values()) {
            placed.add(area.setOrder(placed.size()).setHierarchySize(areas.size()).build());
        }
        return placed;
    }

    private static double relativeDepth(String option, String text) {
        double depth;
        try {
            depth = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--area-depth " + option + ": '" + text + "' is not a number");
        }
        if (!(depth >= 0.0 && depth <= 1.0)) {
            throw new IllegalArgumentException("--area-depth " + option + ": a relative depth lies in [0, 1]");
        }
        return depth;
    }

    /** Adds the option picocli has just appended to {@code values} (it passes every value so far each time). */
    private void record(List<String> values, AreaOption.Kind kind) {
        if (values.isEmpty()) {
            return;
        }
        areaOptions.add(new AreaOption(kind, values.get(values.size() - 1)));
    }

    /** {@code NAME=VALUE}, split at the first {@code =}; both parts non-empty. */
    private static String[] nameAndValue(String option, String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException(option + " " + text + ": expected NAME=" + (option.equals("--area-depth")
                    ? "DEPTH" : "FILE") + ", e.g. V1=" + (option.equals("--area-depth") ? "0.5" : "v1.npy"));
        }
        return new String[] {text.substring(0, equals).strip(), text.substring(equals + 1)};
    }

    /** One {@code --area NAME=FILE} or {@code --session NAME=FILE[:ROWS]}, as given. */
    private record AreaOption(Kind kind, String text) {
        enum Kind { FILE, SESSION }
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
