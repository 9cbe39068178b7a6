package org.prunedistill.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prunedistill.extraction.training.TrainBuiltinCnn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd train-cnn}: reproduces the shipped checkpoints of the built-in CNN (or trains new ones). */
@Command(name = "train-cnn", mixinStandardHelpOptions = true,
        description = {"Train the built-in CNN on randomly transformed rat objects, in pure Java, and write "
                + "untrained.onnx, early.onnx, middle.onnx, trained.onnx and checkpoints.json (held-out accuracy "
                + "on the 380 design views) into the output folder. With the defaults the files are byte-identical "
                + "to the ones shipped in activation-extractor/core (about 5 minutes on 2 cores); runs never "
                + "retrain unless asked."},
        footer = {"", "Example: ./pd train-cnn --out /tmp/checkpoints && diff -r /tmp/checkpoints "
                + "activation-extractor/core/src/main/resources/org/prunedistill/extraction/model/checkpoints"})
final class TrainCnnCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "folder for the checkpoints")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "training seed (default: ${DEFAULT-VALUE}, the "
            + "shipped one)")
    long seed;

    @Option(names = "--steps", defaultValue = "1500", description = "minibatch updates of 32 images (default: "
            + "${DEFAULT-VALUE}, the shipped run)")
    int steps;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads; the weights do not depend on "
            + "it (default: every processor)")
    int threads;

    @Override
    public Integer call() throws Exception {
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        TrainBuiltinCnn.main(new String[] {"--out", out.toString(), "--seed", Long.toString(seed), "--steps",
                Integer.toString(steps), "--threads", Integer.toString(workers)});
        return 0;
    }
}
