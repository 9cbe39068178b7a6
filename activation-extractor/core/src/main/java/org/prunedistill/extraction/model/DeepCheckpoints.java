package org.prunedistill.extraction.model;

import static org.prunedistill.extraction.model.BuiltinCheckpoints.require;
import static org.prunedistill.extraction.model.BuiltinCheckpoints.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.prunedistill.extraction.natural.NaturalImageSet;

/**
 * The checkpoints of the deep built-in network ({@value DeepCnn#MODEL}) shipped as classpath resources under
 * {@value #RESOURCE_DIRECTORY}, as {@code org.prunedistill.extraction.training.TrainDeepCnn} wrote them: the
 * {@value #MANIFEST} names each checkpoint ({@code step-NNNNNN}), its file, step, images seen, held-out count and
 * accuracy and SHA-256, plus the architecture, the training parameters and the held-out set. Everything here is read
 * from the manifest: how many checkpoints there are and what they are called is whatever the shipped run wrote.
 *
 * <p>Loading checks the format, that the checkpoints come in training order starting with the untrained network
 * (step 0), and each file's bytes against its recorded SHA-256; it fails with {@link IllegalStateException} naming
 * the file or field otherwise. Immutable.
 */
public final class DeepCheckpoints {

    /** File name of the manifest. */
    public static final String MANIFEST = "checkpoints.json";
    /** Value of the manifest's {@code format} field. */
    public static final String FORMAT = "prune-distill/deep-cnn-checkpoints/v1";
    /** Classpath directory of the shipped files. */
    public static final String RESOURCE_DIRECTORY = "/org/prunedistill/extraction/model/deep-checkpoints/";

    /**
     * One shipped checkpoint.
     *
     * @param name            as the manifest names it, e.g. {@code step-000000}
     * @param step            minibatch updates done
     * @param imagesSeen      training images used
     * @param heldOutCorrect  held-out images classified correctly (of {@link #heldOutCount()})
     * @param heldOutAccuracy heldOutCorrect / held-out images
     * @param sha256          lower-case hex SHA-256 of the ONNX bytes (verified on load)
     */
    public record Checkpoint(String name, String file, int step, long imagesSeen, int heldOutCorrect,
                             double heldOutAccuracy, String sha256, byte[] onnxBytes) {

        public Checkpoint {
            onnxBytes = onnxBytes.clone();
        }

        /** The serialised ONNX model (a copy). */
        @Override
        public byte[] onnxBytes() {
            return onnxBytes.clone();
        }
    }

    private final List<Checkpoint> checkpoints;
    private final DeepCnnArchitecture architecture;
    private final OnnxReceptiveFields fields;
    private final long trainingSeed;
    private final JsonNode heldOut;
    private final String manifestJson;

    private DeepCheckpoints(List<Checkpoint> checkpoints, DeepCnnArchitecture architecture, JsonNode manifest,
                            String manifestJson) {
        this.checkpoints = List.copyOf(checkpoints);
        this.architecture = architecture;
        // Every checkpoint is the same graph with other weights, so one parse gives every layer's field.
        this.fields = OnnxReceptiveFields.of(OnnxGraph.parse(checkpoints.get(0).onnxBytes),
                architecture.imageSize());
        this.trainingSeed = require(require(manifest, "training"), "seed").asLong();
        this.heldOut = require(manifest, "held_out");
        this.manifestJson = manifestJson;
    }

    /**
     * Loads and verifies the shipped checkpoints.
     *
     * @throws IllegalStateException if a resource is missing, a SHA-256 does not match or the manifest is malformed
     */
    public static DeepCheckpoints load() {
        return load(RESOURCE_DIRECTORY);
    }

    /** Loads from another classpath directory (ending in '/'); for tests of the failure paths. */
    static DeepCheckpoints load(String directory) {
        String json = new String(resource(directory, MANIFEST), StandardCharsets.UTF_8);
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(directory + MANIFEST + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalStateException(MANIFEST + ": format must be " + FORMAT + ", was "
                    + manifest.path("format"));
        }
        DeepCnnArchitecture architecture = architecture(require(manifest, "architecture"));
        JsonNode rows = require(manifest, "checkpoints");
        if (!rows.isArray() || rows.isEmpty()) {
            throw new IllegalStateException(MANIFEST + ": 'checkpoints' must be a non-empty array");
        }
        List<Checkpoint> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode row : rows) {
            String name = require(row, "name").asText();
            int step = require(row, "step").asInt();
            if (!names.add(name)) {
                throw new IllegalStateException(MANIFEST + ": checkpoint " + name + " is listed twice");
            }
            int previous = result.isEmpty() ? -1 : result.get(result.size() - 1).step();
            if (result.isEmpty() ? step != 0 : step <= previous) {
                throw new IllegalStateException(MANIFEST + ": checkpoint " + name + " at step " + step + " is out of "
                        + "training order (the first must be step 0, every later one after step " + previous + ")");
            }
            String file = require(row, "file").asText();
            byte[] bytes = resource(directory, file);
            String expected = require(row, "sha256").asText();
            String actual = BuiltinCnn.digest(bytes);
            if (!actual.equals(expected)) {
                throw new IllegalStateException("checkpoint " + file + " has SHA-256 " + actual + " but "
                        + MANIFEST + " records " + expected + "; the resource is corrupt or stale");
            }
            result.add(new Checkpoint(name, file, step, require(row, "images_seen").asLong(),
                    require(row, "held_out_correct").asInt(), require(row, "held_out_accuracy").asDouble(),
                    expected, bytes));
        }
        return new DeepCheckpoints(result, architecture, manifest, json);
    }

    /** The checkpoints in training order, the untrained network first. */
    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /** The checkpoint names in training order. */
    public List<String> names() {
        return checkpoints.stream().map(Checkpoint::name).toList();
    }

    /**
     * @throws IllegalArgumentException naming the valid checkpoints if there is none of that name
     */
    public Checkpoint get(String name) {
        Objects.requireNonNull(name, "name");
        return checkpoints.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown checkpoint '" + name + "' of " + DeepCnn.MODEL
                        + ": the shipped checkpoints are " + names()));
    }

    public DeepCnnArchitecture architecture() {
        return architecture;
    }

    /** The probed layers in hierarchical order, with units and relative depth. */
    public List<LayerInfo> layers() {
        return architecture.layers();
    }

    /** Where a layer's units look in the 64 px input, as {@link DeepCnn#grid(String)}; empty for an unknown name. */
    public Optional<UnitGrid> grid(String layer) {
        return DeepCnn.grid(architecture, fields, layer);
    }

    /** Seed of the training run (also of the He-normal start). */
    public long trainingSeed() {
        return trainingSeed;
    }

    /** The images the held-out accuracies were measured on, as the manifest's {@code held_out} describes them. */
    public NaturalImageSet heldOutImages() {
        int version = require(heldOut, "generator_version").asInt();
        if (version != NaturalImageSet.GENERATOR_VERSION) {
            throw new IllegalStateException(MANIFEST + ": held-out images of generator version " + version
                    + ", this code renders version " + NaturalImageSet.GENERATOR_VERSION);
        }
        return NaturalImageSet.withDefaults().withImageSize(require(heldOut, "image_size").asInt())
                .withClasses(require(heldOut, "classes").asInt())
                .withSupersampling(require(heldOut, "supersampling").asInt())
                .withPixelNoise(require(heldOut, "pixel_noise").asDouble())
                .withMaxClutter(require(heldOut, "max_clutter").asInt());
    }

    /** Stream (seed) of the held-out images. */
    public long heldOutSeed() {
        return require(heldOut, "seed").asLong();
    }

    /** Number of held-out images the accuracies are over. */
    public int heldOutCount() {
        return require(heldOut, "images").asInt();
    }

    /** The manifest as shipped (every training parameter), UTF-8 JSON text. */
    public String manifestJson() {
        return manifestJson;
    }

    private static DeepCnnArchitecture architecture(JsonNode node) {
        if (!DeepCnn.MODEL.equals(node.path("name").asText())) {
            throw new IllegalStateException(MANIFEST + ": architecture.name must be " + DeepCnn.MODEL + ", was "
                    + node.path("name"));
        }
        try {
            return new DeepCnnArchitecture(require(node, "image_size").asInt(),
                    require(node, "input_channels").asInt(), integers(require(node, "stage_widths")),
                    require(node, "convs_per_stage").asInt(), integers(require(node, "dense_widths")),
                    require(node, "classes").asInt());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(MANIFEST + ": architecture: " + e.getMessage(), e);
        }
    }

    private static List<Integer> integers(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
