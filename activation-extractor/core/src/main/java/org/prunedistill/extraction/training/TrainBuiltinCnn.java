package org.prunedistill.extraction.training;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
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
import org.prunedistill.extraction.model.BuiltinCheckpoints;
import org.prunedistill.extraction.model.BuiltinCnn;

/**
 * Trains the built-in CNN and writes the four shipped checkpoints ({@link BuiltinCheckpoints#NAMES}) as
 * {@code <name>.onnx} plus {@value BuiltinCheckpoints#MANIFEST} into a directory.
 *
 * <p>Checkpoints: {@code untrained} = the He-normal start (step 0, identical to {@code BuiltinCnn.random(seed, 64,
 * 10)}); {@code early} = the first evaluated step whose held-out accuracy ({@link HeldOutViews}) reaches
 * {@value #EARLY_TARGET}; {@code middle} = the first later evaluated step reaching {@value #MIDDLE_TARGET};
 * {@code trained} = the last step. Accuracy is evaluated every {@value #FINE_EVALUATION_EVERY} steps until
 * {@code middle} is found, then every {@value #COARSE_EVALUATION_EVERY} steps (progress only). Choosing the
 * intermediate checkpoints by test accuracy is deliberate: they exist to sample the learning curve, not to report
 * generalisation.
 *
 * <p>Reproduce the shipped files (byte for byte; the training is a pure function of the arguments, see
 * {@link CnnTrainer}, and the accuracies come from ONNX Runtime on one thread):
 * <pre>
 * java -cp ... org.prunedistill.extraction.training.TrainBuiltinCnn --seed 1 --steps 1500 --out DIR
 * </pre>
 * Progress lines (step, loss, accuracy, images/s) go to stderr; exit code 2 on bad arguments, 1 if a target
 * accuracy is never reached.
 */
public final class TrainBuiltinCnn {

    /** Held-out accuracy that selects {@code early}. */
    public static final double EARLY_TARGET = 0.40;
    /** Held-out accuracy that selects {@code middle}. */
    public static final double MIDDLE_TARGET = 0.70;
    private static final int FINE_EVALUATION_EVERY = 10;
    private static final int COARSE_EVALUATION_EVERY = 100;
    private static final String USAGE = """
            Usage: TrainBuiltinCnn --out DIR [--seed N] [--steps N] [--threads N]
              Trains the built-in CNN on randomly transformed rat objects and writes untrained.onnx, early.onnx,
              middle.onnx, trained.onnx and checkpoints.json into DIR.
              --seed N     training seed (default %d; the shipped checkpoints use the defaults)
              --steps N    minibatch updates (default %d)
              --threads N  worker threads (default: available processors; results do not depend on it)
            """;

    /** One written checkpoint. */
    private record Snapshot(String name, int step, long imagesSeen, int correct, BuiltinCnn network) {
    }

    private TrainBuiltinCnn() {
    }

    public static void main(String[] args) throws IOException {
        TrainingConfig defaults = TrainingConfig.defaults();
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.printf(Locale.ROOT, USAGE, defaults.seed(), defaults.steps());
            System.exit(2);
            return;
        }
        if (options.containsKey("help") || !options.containsKey("out")) {
            System.err.printf(Locale.ROOT, USAGE, defaults.seed(), defaults.steps());
            System.exit(options.containsKey("help") ? 0 : 2);
            return;
        }
        TrainingConfig config = defaults
                .withSeed(Long.parseLong(options.getOrDefault("seed", Long.toString(defaults.seed()))))
                .withSteps(Integer.parseInt(options.getOrDefault("steps", Integer.toString(defaults.steps()))));
        int threads = Integer.parseInt(options.getOrDefault("threads",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        try {
            run(config, threads, Path.of(options.get("out")), System.err);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Trains and writes the files; progress to {@code log}. */
    static void run(TrainingConfig config, int threads, Path out, PrintStream log) throws IOException {
        long started = System.nanoTime();
        HeldOutViews heldOut = HeldOutViews.render(config.imageSize());
        log.printf(Locale.ROOT, "held-out set: %d views rendered in %.1f s%n", heldOut.count(), seconds(started));
        List<Snapshot> snapshots = new ArrayList<>();
        long trainingNanos = 0;
        try (CnnTrainer trainer = new CnnTrainer(config, threads)) {
            snapshots.add(snapshot(BuiltinCheckpoints.NAMES.get(0), trainer, heldOut));
            log.printf(Locale.ROOT, "step 0: held-out accuracy %.4f%n", accuracy(snapshots.get(0), heldOut));
            double loss = Double.NaN;
            while (trainer.step() < config.steps()) {
                long t = System.nanoTime();
                loss = trainer.trainStep();
                trainingNanos += System.nanoTime() - t;
                int every = snapshots.size() < 3 ? FINE_EVALUATION_EVERY : COARSE_EVALUATION_EVERY;
                if (trainer.step() % every == 0 || trainer.step() == config.steps()) {
                    Snapshot now = snapshot("", trainer, heldOut);
                    double acc = accuracy(now, heldOut);
                    log.printf(Locale.ROOT, "step %d: loss %.4f, held-out accuracy %.4f, %.1f images/s%n",
                            trainer.step(), loss, acc, trainer.imagesSeen() / (trainingNanos / 1e9));
                    double target = snapshots.size() == 1 ? EARLY_TARGET : MIDDLE_TARGET;
                    if (snapshots.size() < 3 && acc >= target && trainer.step() < config.steps()) {
                        snapshots.add(rename(now, BuiltinCheckpoints.NAMES.get(snapshots.size())));
                    }
                    if (trainer.step() == config.steps()) {
                        snapshots.add(rename(now, BuiltinCheckpoints.NAMES.get(3)));
                    }
                }
            }
            if (snapshots.size() != BuiltinCheckpoints.NAMES.size()) {
                throw new IllegalStateException("held-out accuracy never reached the " + (snapshots.size() == 2
                        ? "middle target " + MIDDLE_TARGET : "early target " + EARLY_TARGET) + " in "
                        + config.steps() + " steps; train longer");
            }
            write(out, config, trainer.images(), heldOut, snapshots);
            log.printf(Locale.ROOT, "trained %d images in %.1f s (%.1f images/s, %d threads); total %.1f s%n",
                    trainer.imagesSeen(), trainingNanos / 1e9, trainer.imagesSeen() / (trainingNanos / 1e9),
                    threads, seconds(started));
        }
        for (Snapshot s : snapshots) {
            log.printf(Locale.ROOT, "%s: step %d, %d images, held-out %d/%d = %.4f%n", s.name(), s.step(),
                    s.imagesSeen(), s.correct(), heldOut.count(), accuracy(s, heldOut));
        }
    }

    private static Snapshot snapshot(String name, CnnTrainer trainer, HeldOutViews heldOut) {
        BuiltinCnn network = BuiltinCnn.fromWeights(trainer.weights(), trainer.config().seed());
        return new Snapshot(name, trainer.step(), trainer.imagesSeen(), heldOut.correct(network.onnxBytes()), network);
    }

    private static Snapshot rename(Snapshot s, String name) {
        return new Snapshot(name, s.step(), s.imagesSeen(), s.correct(), s.network());
    }

    private static double accuracy(Snapshot s, HeldOutViews heldOut) {
        return (double) s.correct() / heldOut.count();
    }

    private static void write(Path out, TrainingConfig config, TrainingImages images, HeldOutViews heldOut,
                              List<Snapshot> snapshots) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> training = new LinkedHashMap<>(config.parameters());
        training.put("training_images", images.parameters());
        training.put("early_target_accuracy", EARLY_TARGET);
        training.put("middle_target_accuracy", MIDDLE_TARGET);
        training.put("evaluation_every_steps", List.of(FINE_EVALUATION_EVERY, COARSE_EVALUATION_EVERY));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Snapshot s : snapshots) {
            byte[] bytes = s.network().onnxBytes();
            Files.write(out.resolve(s.name() + ".onnx"), bytes);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("file", s.name() + ".onnx");
            row.put("step", s.step());
            row.put("images_seen", s.imagesSeen());
            row.put("held_out_correct", s.correct());
            row.put("held_out_accuracy", accuracy(s, heldOut));
            row.put("sha256", s.network().sha256());
            rows.add(row);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", BuiltinCheckpoints.FORMAT);
        manifest.put("architecture", "builtin_cnn");
        manifest.put("image_size", config.imageSize());
        manifest.put("classes", images.classes());
        manifest.put("renderer_version", images.parameters().get("renderer_version"));
        manifest.put("training", training);
        manifest.put("held_out", heldOut.parameters());
        manifest.put("checkpoints", rows);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        String json = new ObjectMapper().writer(printer).writeValueAsString(manifest) + "\n";
        Files.writeString(out.resolve(BuiltinCheckpoints.MANIFEST), json, StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("help", "");
            } else if (List.of("--seed", "--steps", "--out", "--threads").contains(arg) && i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument: " + arg);
            }
        }
        for (String number : List.of("seed", "steps", "threads")) {
            if (options.containsKey(number) && !options.get(number).matches("-?[0-9]+")) {
                throw new IllegalArgumentException("--" + number + " must be an integer, was " + options.get(number));
            }
        }
        return options;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
