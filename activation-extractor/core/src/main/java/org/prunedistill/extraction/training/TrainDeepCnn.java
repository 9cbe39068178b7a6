package org.prunedistill.extraction.training;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.prunedistill.extraction.model.DeepCheckpoints;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.DeepCnnArchitecture;
import org.prunedistill.extraction.natural.NaturalImageSet;

/**
 * Trains the deep built-in network on the natural-like images and writes log-spaced checkpoints into a folder:
 * {@code step-NNNNNN.onnx} per checkpoint (weights stored at half precision, {@link DeepCnn.Storage#HALF}), {@value #MANIFEST} (each checkpoint's step, images seen, held-out count
 * and accuracy, SHA-256, plus every parameter of the run and the products' library and kernel) and {@value #STATE}
 * (the trainer's state, see {@link DeepCnnTrainer#save}).
 *
 * <p>Checkpoints: step 0 (the untrained network) and {@code checkpoints - 1} steps log-spaced from 1 to the last,
 * round(steps^(k / (checkpoints - 2))), duplicates merged. The state is saved at every checkpoint, every
 * {@code saveEvery} steps and when the run stops; a run started on a folder holding a state continues from it and
 * writes the same files, byte for byte, as an uninterrupted run ({@code stopAfter} stops a run early on purpose).
 * Progress lines go to the log: step, mean loss since the last line, the latest held-out accuracy, images/s and the
 * estimated time left.
 */
public final class TrainDeepCnn {

    /** Manifest file name. */
    public static final String MANIFEST = DeepCheckpoints.MANIFEST;
    /** Saved trainer state file name. */
    public static final String STATE = "state.bin";
    /** Manifest format tag. */
    public static final String FORMAT = DeepCheckpoints.FORMAT;

    /** Everything a run needs besides the trainer's configuration. */
    public record Plan(DeepCnnArchitecture architecture, NaturalImageSet images, int heldOutImages, int checkpoints,
                       int threads, int progressEvery, int saveEvery, int stopAfter) {
        public Plan {
            if (checkpoints < 2) {
                throw new IllegalArgumentException("checkpoints must be >= 2, was " + checkpoints);
            }
            if (progressEvery < 1 || saveEvery < 1 || stopAfter < 1 || heldOutImages < 1) {
                throw new IllegalArgumentException("progressEvery, saveEvery, stopAfter and heldOutImages must be"
                        + " >= 1, were " + progressEvery + ", " + saveEvery + ", " + stopAfter + ", "
                        + heldOutImages);
            }
        }
    }

    private TrainDeepCnn() {
    }

    /** The images of a configuration: natural-like, at its size, supersampling and pixel noise. */
    public static NaturalImageSet images(TrainingConfig config) {
        return NaturalImageSet.withDefaults().withImageSize(config.imageSize())
                .withSupersampling(config.supersampling()).withPixelNoise(config.pixelNoise());
    }

    /** The checkpoint steps: 0 and log-spaced steps from 1 to {@code steps}. */
    public static List<Integer> schedule(int steps, int checkpoints) {
        TreeSet<Integer> set = new TreeSet<>();
        set.add(0);
        for (int k = 0; k <= checkpoints - 2; k++) {
            double exponent = checkpoints == 2 ? 1.0 : (double) k / (checkpoints - 2);
            set.add((int) Math.round(StrictMath.pow(steps, exponent)));
        }
        set.add(steps);
        return List.copyOf(set);
    }

    /**
     * Trains (or continues) the run in {@code out}.
     *
     * @return true when all steps are done, false when the run stopped after {@code plan.stopAfter()} steps
     */
    public static boolean run(TrainingConfig config, Plan plan, Path out, PrintStream log) throws IOException {
        Files.createDirectories(out);
        long started = System.nanoTime();
        NaturalHeldOut heldOut = NaturalHeldOut.render(plan.images(), plan.heldOutImages());
        log.printf(Locale.ROOT, "held-out set: %d images rendered in %.1f s%n", heldOut.count(), seconds(started));
        List<Integer> schedule = schedule(config.steps(), plan.checkpoints());
        List<Map<String, Object>> rows = new ArrayList<>();
        try (DeepCnnTrainer trainer = new DeepCnnTrainer(config, plan.architecture(), plan.images(), plan.threads())) {
            Path state = out.resolve(STATE);
            if (Files.exists(state)) {
                trainer.resume(state);
                rows.addAll(savedRows(out, trainer.step()));
                log.printf(Locale.ROOT, "resuming at step %d of %d (%d checkpoints so far)%n", trainer.step(),
                        config.steps(), rows.size());
            }
            if (trainer.step() == 0 && rows.isEmpty()) {
                rows.add(checkpoint(trainer, heldOut, out, plan, log));
                write(out, config, plan, heldOut, rows);
            }
            double lossSum = 0.0;
            int lossCount = 0;
            int done = 0;
            long trainingNanos = 0;
            while (trainer.step() < config.steps() && done < plan.stopAfter()) {
                long t = System.nanoTime();
                lossSum += trainer.trainStep();
                trainingNanos += System.nanoTime() - t;
                lossCount++;
                done++;
                boolean checkpoint = schedule.contains(trainer.step());
                if (checkpoint) {
                    rows.add(checkpoint(trainer, heldOut, out, plan, log));
                    write(out, config, plan, heldOut, rows);
                }
                if (checkpoint || trainer.step() % plan.saveEvery() == 0) {
                    trainer.save(state);
                }
                if (checkpoint || trainer.step() % plan.progressEvery() == 0 || trainer.step() == config.steps()) {
                    double rate = (double) done * config.batchSize() / (trainingNanos / 1e9);
                    double eta = (config.steps() - trainer.step()) * config.batchSize() / rate;
                    Map<String, Object> last = rows.get(rows.size() - 1);
                    log.printf(Locale.ROOT, "step %d/%d  loss %.4f  held-out %.4f (step %s)  %.1f images/s  ETA %s%n",
                            trainer.step(), config.steps(), lossSum / lossCount, (double) last.get("held_out_accuracy"),
                            last.get("step"), rate, duration(eta));
                    lossSum = 0.0;
                    lossCount = 0;
                }
            }
            trainer.save(state);
            log.printf(Locale.ROOT, "%s at step %d after %.1f s%n", trainer.step() == config.steps() ? "finished"
                    : "stopped (run again to continue)", trainer.step(), seconds(started));
            return trainer.step() == config.steps();
        }
    }

    private static Map<String, Object> checkpoint(DeepCnnTrainer trainer, NaturalHeldOut heldOut, Path out, Plan plan,
                                                  PrintStream log) throws IOException {
        // Half precision halves the shipped bytes; the accuracy below is measured on these very bytes.
        DeepCnn network = DeepCnn.fromWeights(trainer.weights(), DeepCnn.Storage.HALF);
        String name = String.format(Locale.ROOT, "step-%06d", trainer.step());
        Files.write(out.resolve(name + ".onnx"), network.onnxBytes());
        int correct = heldOut.correct(network.onnxBytes(), plan.threads());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("file", name + ".onnx");
        row.put("step", trainer.step());
        row.put("images_seen", trainer.imagesSeen());
        row.put("held_out_correct", correct);
        row.put("held_out_accuracy", (double) correct / heldOut.count());
        row.put("sha256", network.sha256());
        log.printf(Locale.ROOT, "checkpoint %s: held-out %d/%d = %.4f%n", name, correct, heldOut.count(),
                (double) correct / heldOut.count());
        return row;
    }

    /** The manifest rows of checkpoints up to {@code step}, from a previous run's manifest. */
    private static List<Map<String, Object>> savedRows(Path out, int step) throws IOException {
        Path manifest = out.resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            throw new IllegalArgumentException(manifest + " is missing next to " + STATE + "; remove the state to"
                    + " start over");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(manifest.toFile()).path("checkpoints")) {
            if (node.path("step").asInt() <= step) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", node.path("name").asText());
                row.put("file", node.path("file").asText());
                row.put("step", node.path("step").asInt());
                row.put("images_seen", node.path("images_seen").asLong());
                row.put("held_out_correct", node.path("held_out_correct").asInt());
                row.put("held_out_accuracy", node.path("held_out_accuracy").asDouble());
                row.put("sha256", node.path("sha256").asText());
                rows.add(row);
            }
        }
        return rows;
    }

    private static void write(Path out, TrainingConfig config, Plan plan, NaturalHeldOut heldOut,
                              List<Map<String, Object>> rows) throws IOException {
        DeepCnnArchitecture a = plan.architecture();
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("name", DeepCnn.MODEL);
        architecture.put("image_size", a.imageSize());
        architecture.put("input_channels", a.inputChannels());
        architecture.put("stage_widths", a.stageWidths());
        architecture.put("convs_per_stage", a.convsPerStage());
        architecture.put("dense_widths", a.denseWidths());
        architecture.put("classes", a.classes());
        architecture.put("parameters", a.parameterCount());
        architecture.put("weights_stored_as", "float16 (rounded to nearest even), cast to float32 in the graph");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("architecture", architecture);
        manifest.put("training", config.parameters());
        manifest.put("products", DeepCnnTrainer.products());
        manifest.put("training_images", plan.images().parameters());
        manifest.put("checkpoint_schedule", schedule(config.steps(), plan.checkpoints()));
        manifest.put("held_out", heldOut.parameters());
        manifest.put("checkpoints", rows);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        String json = new ObjectMapper().writer(printer).writeValueAsString(manifest) + "\n";
        Files.writeString(out.resolve(MANIFEST), json, StandardCharsets.UTF_8);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
