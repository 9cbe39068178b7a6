package org.prunedistill.extraction.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoints of the built-in CNN trained by the project, shipped as classpath resources under
 * {@value #RESOURCE_DIRECTORY}: {@code untrained} (He-normal start, step 0), {@code early}, {@code middle} and
 * {@code trained}, in training order, with the {@value #MANIFEST} written by
 * {@code org.prunedistill.extraction.training.TrainBuiltinCnn} (steps, images seen, held-out accuracy on the 380
 * rat design views, SHA-256 of each ONNX file, the training seed and every training parameter).
 *
 * <p>Loading verifies each file's bytes against the recorded SHA-256 and fails with {@link IllegalStateException}
 * naming the file when a resource is missing, altered or the manifest is malformed. Immutable.
 */
public final class BuiltinCheckpoints {

    /** Checkpoint names, in training order. */
    public static final List<String> NAMES = List.of("untrained", "early", "middle", "trained");
    /** File name of the manifest. */
    public static final String MANIFEST = "checkpoints.json";
    /** Value of the manifest's {@code format} field. */
    public static final String FORMAT = "prune-distill/builtin-checkpoints/v1";
    /** Classpath directory of the shipped files. */
    public static final String RESOURCE_DIRECTORY = "/org/prunedistill/extraction/model/checkpoints/";

    /**
     * One shipped checkpoint.
     *
     * @param name            one of {@link #NAMES}
     * @param step            minibatch updates done
     * @param imagesSeen      training images used
     * @param heldOutCorrect  held-out views classified correctly (of {@link #heldOutViews()})
     * @param heldOutAccuracy heldOutCorrect / held-out views
     * @param sha256          lower-case hex SHA-256 of the ONNX bytes (verified on load)
     * @param layers          readable layers with relative depths, as {@link BuiltinCnn#layers()}
     */
    public record Checkpoint(String name, int step, long imagesSeen, int heldOutCorrect, double heldOutAccuracy,
                             String sha256, List<LayerInfo> layers, byte[] onnxBytes) {

        public Checkpoint {
            onnxBytes = onnxBytes.clone();
            layers = List.copyOf(layers);
        }

        /** The serialised ONNX model (a copy). */
        @Override
        public byte[] onnxBytes() {
            return onnxBytes.clone();
        }
    }

    private final List<Checkpoint> checkpoints;
    private final long trainingSeed;
    private final int imageSize;
    private final int classes;
    private final int heldOutViews;
    private final String manifestJson;

    private BuiltinCheckpoints(List<Checkpoint> checkpoints, JsonNode manifest, String manifestJson) {
        this.checkpoints = List.copyOf(checkpoints);
        this.trainingSeed = manifest.path("training").path("seed").asLong();
        this.imageSize = manifest.path("image_size").asInt();
        this.classes = manifest.path("classes").asInt();
        this.heldOutViews = manifest.path("held_out").path("conditions").asInt();
        this.manifestJson = manifestJson;
    }

    /**
     * Loads and verifies the shipped checkpoints.
     *
     * @throws IllegalStateException if a resource is missing, a SHA-256 does not match or the manifest is malformed
     */
    public static BuiltinCheckpoints load() {
        return load(RESOURCE_DIRECTORY);
    }

    /** Loads from another classpath directory (ending in '/'); for tests of the failure paths. */
    static BuiltinCheckpoints load(String directory) {
        String json = new String(resource(directory, MANIFEST), StandardCharsets.UTF_8);
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(MANIFEST + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalStateException(MANIFEST + ": format must be " + FORMAT + ", was "
                    + manifest.path("format"));
        }
        List<LayerInfo> layers = BuiltinCnn.layers(require(manifest, "image_size").asInt(),
                require(manifest, "classes").asInt());
        JsonNode rows = require(manifest, "checkpoints");
        List<Checkpoint> result = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            JsonNode row = rows.path(i);
            String name = require(row, "name").asText();
            if (!NAMES.get(i).equals(name)) {
                throw new IllegalStateException(MANIFEST + ": checkpoint " + i + " must be " + NAMES.get(i)
                        + ", was " + name);
            }
            String file = require(row, "file").asText();
            byte[] bytes = resource(directory, file);
            String expected = require(row, "sha256").asText();
            String actual = BuiltinCnn.digest(bytes);
            if (!actual.equals(expected)) {
                throw new IllegalStateException("checkpoint " + file + " has SHA-256 " + actual + " but "
                        + MANIFEST + " records " + expected + "; the resource is corrupt or stale");
            }
            result.add(new Checkpoint(name, require(row, "step").asInt(), require(row, "images_seen").asLong(),
                    require(row, "held_out_correct").asInt(), require(row, "held_out_accuracy").asDouble(),
                    expected, layers, bytes));
        }
        return new BuiltinCheckpoints(result, manifest, json);
    }

    /** The four checkpoints in training order. */
    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /**
     * @throws IllegalArgumentException if the name is not one of {@link #NAMES}
     */
    public Checkpoint get(String name) {
        Objects.requireNonNull(name, "name");
        return checkpoints.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("name must be one of " + NAMES + ", was " + name));
    }

    /** Seed of the training run (also the seed of the He-normal start). */
    public long trainingSeed() {
        return trainingSeed;
    }

    public int imageSize() {
        return imageSize;
    }

    public int classes() {
        return classes;
    }

    /** Number of held-out views the accuracies are over (380). */
    public int heldOutViews() {
        return heldOutViews;
    }

    /** The manifest as shipped (every training parameter), UTF-8 JSON text. */
    public String manifestJson() {
        return manifestJson;
    }

    /** The manifest field {@code field} of {@code node}; shared with {@link DeepCheckpoints}, same manifest name. */
    static JsonNode require(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(MANIFEST + ": missing field '" + field + "'");
        }
        return value;
    }

    /** A shipped file's bytes from the classpath; shared with {@link DeepCheckpoints}. */
    static byte[] resource(String directory, String file) {
        String path = directory + file;
        try (InputStream in = BuiltinCheckpoints.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
