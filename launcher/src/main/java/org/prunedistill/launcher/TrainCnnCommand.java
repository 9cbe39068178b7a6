package org.prunedistill.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prunedistill.extraction.model.DeepCnnArchitecture;
import org.prunedistill.extraction.training.DeepCnnBenchmark;
import org.prunedistill.extraction.training.TrainBuiltinCnn;
import org.prunedistill.extraction.training.TrainDeepCnn;
import org.prunedistill.extraction.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd train-cnn}: reproduces the shipped checkpoints of the small built-in CNN, or trains the deep one. */
@Command(name = "train-cnn", mixinStandardHelpOptions = true,
        description = {"Train a built-in CNN in Java (the deep network's products by OpenBLAS) and write its "
                + "checkpoints into the output folder.",
            "--preset small (default): the small network on randomly transformed rat objects; writes untrained.onnx, "
                + "early.onnx, middle.onnx, trained.onnx and checkpoints.json (held-out accuracy on the 380 design "
                + "views), byte-identical to the ones shipped in activation-extractor/core with the defaults (about 5 "
                + "minutes on 2 cores).",
            "--preset deep: the VGG-like network (4 stages of 2 convs, 32-256 channels, 2 dense layers) on 64 px "
                + "natural-like images of 50 procedurally generated object classes; writes step-NNNNNN.onnx (weights "
                + "stored as float16) at log-spaced steps from 0 (untrained), checkpoints.json (held-out accuracy of "
                + "each) and state.bin. "
                + "Run it again on the same folder to continue an interrupted run: the result is the same, bit for "
                + "bit. Progress lines show step, loss, held-out accuracy, images/s and ETA.",
            "The weights depend on OpenBLAS's kernel (another kernel sums in another order): ./pd runs train-cnn with "
                + "OPENBLAS_CORETYPE=Haswell, the AVX2 kernel any x86-64 CPU since 2013 runs, unless it is set; "
                + "checkpoints.json records the kernel used."},
        footer = {"", "Examples:", "  ./pd train-cnn --out /tmp/checkpoints && diff -r /tmp/checkpoints "
                + "activation-extractor/core/src/main/resources/org/prunedistill/extraction/model/checkpoints",
            "  ./pd train-cnn --preset deep --out /tmp/deep --stop-after 200   # then the same again to continue",
            "  ./pd train-cnn --preset deep --benchmark 30                     # images/s, no files written"})
final class TrainCnnCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "small", description = "small or deep (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--out", description = "folder for the checkpoints (required unless --benchmark)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "training seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--steps", description = "minibatch updates of 32 images (default: 1500 small, 6000 deep)")
    Integer steps;

    @Option(names = "--learning-rate", description = "deep: peak Adam step size (default: "
            + "TrainingConfig.deepDefaults())")
    Double learningRate;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads; the weights do not depend on "
            + "it (default: every processor)")
    int threads;

    @Option(names = "--checkpoints", defaultValue = "8", description = "deep: checkpoints, log-spaced from the "
            + "untrained network (default: ${DEFAULT-VALUE})")
    int checkpoints;

    @Option(names = "--held-out", defaultValue = "1000", description = "deep: held-out images (default: "
            + "${DEFAULT-VALUE})")
    int heldOut;

    @Option(names = "--stop-after", defaultValue = "2147483647", description = "deep: stop (and save) after this "
            + "many steps of this session; run again to continue")
    int stopAfter;

    @Option(names = "--benchmark", paramLabel = "SECONDS", description = "deep: measure images/s of rendering, "
            + "forward + backward, training steps and ONNX Runtime inference for about SECONDS per phase instead of "
            + "training")
    Double benchmark;

    @Override
    public Integer call() throws Exception {
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        switch (preset) {
            case "small" -> {
                if (out == null) {
                    System.err.println("--out is required");
                    return 2;
                }
                TrainBuiltinCnn.main(new String[] {"--out", out.toString(), "--seed", Long.toString(seed),
                    "--steps", Integer.toString(steps == null ? TrainingConfig.defaults().steps() : steps),
                    "--threads", Integer.toString(workers)});
                return 0;
            }
            case "deep" -> {
                TrainingConfig config = TrainingConfig.deepDefaults().withSeed(seed);
                config = steps == null ? config : config.withSteps(steps);
                config = learningRate == null ? config : config.withLearningRate(learningRate);
                DeepCnnArchitecture architecture = DeepCnnArchitecture.deep(config.imageSize(),
                        TrainDeepCnn.images(config).classes());
                if (benchmark != null) {
                    DeepCnnBenchmark.run(config, architecture, TrainDeepCnn.images(config), workers, benchmark,
                            System.out);
                    return 0;
                }
                if (out == null) {
                    System.err.println("--out is required");
                    return 2;
                }
                TrainDeepCnn.Plan plan = new TrainDeepCnn.Plan(architecture, TrainDeepCnn.images(config), heldOut,
                        checkpoints, workers, 10, 25, stopAfter);
                return TrainDeepCnn.run(config, plan, out, System.err) ? 0 : 3;
            }
            default -> {
                System.err.println("unknown preset '" + preset + "'; use small or deep");
                return 2;
            }
        }
    }
}
