package org.prunedistill.extraction.training;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.DeepCnnArchitecture;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.natural.NaturalImageSet;

/**
 * A benchmark, not a test: images/s of the deep network's training (render + forward + backward + Adam, as in a
 * run) and of its parts, next to ONNX Runtime inference of the same network on the same threads, with the machine's
 * processors and load average; and the time a run of {@code config.steps()} steps would take at that rate. Each
 * phase runs for about {@code seconds} after one warm-up round. Prints to {@code log}.
 */
public final class DeepCnnBenchmark {

    private DeepCnnBenchmark() {
    }

    /** Runs the benchmark; a few times {@code seconds} in all. */
    public static void run(TrainingConfig config, DeepCnnArchitecture architecture, NaturalImageSet images,
                           int threads, double seconds, PrintStream log) {
        log.printf(Locale.ROOT, "machine: %d processors, load average %.1f, Java %s; %d worker threads%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), threads);
        log.printf(Locale.ROOT, "network: %s, %d parameters; images %s%n", architecture, architecture.parameterCount(),
                images.parameters());
        int batch = config.batchSize();
        long started = System.nanoTime();
        int rendered = 0;
        while (rendered == 0 || elapsed(started) < seconds) {
            int from = rendered;
            IntStream.range(from, from + batch).parallel().forEach(i -> images.sample(99, i));
            rendered += batch;
        }
        double renderRate = rendered / elapsed(started);
        log.printf(Locale.ROOT, "rendering: %.1f images/s%n", renderRate);
        double trainRate;
        TrainingConfig endless = config.withSteps(Integer.MAX_VALUE);
        try (DeepCnnTrainer trainer = new DeepCnnTrainer(endless, architecture, images, threads)) {
            trainer.trainStep();
            long t = System.nanoTime();
            int steps = 0;
            while (steps == 0 || elapsed(t) < seconds) {
                trainer.trainStep();
                steps++;
            }
            trainRate = steps * (double) batch / elapsed(t);
        }
        double passRate = 1.0 / (1.0 / trainRate - 1.0 / renderRate);
        log.printf(Locale.ROOT, "training: %.1f images/s (render + forward + backward + update, batch %d);"
                + " forward + backward alone about %.1f images/s%n", trainRate, batch, passRate);
        DeepCnn network = DeepCnn.random(1, architecture);
        int s = architecture.imageSize();
        int area = 3 * s * s;
        float[] pixels = new float[batch * area];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(images.sample(98, i).pixels(), 0, pixels, i * area, area);
        }
        try (OnnxActivations onnx = new OnnxActivations(network.onnxBytes(), threads)) {
            onnx.run(pixels, batch, 3, s, s, List.of("logits"));
            long t = System.nanoTime();
            int runs = 0;
            while (runs == 0 || elapsed(t) < seconds) {
                onnx.run(pixels, batch, 3, s, s, List.of("logits"));
                runs++;
            }
            log.printf(Locale.ROOT, "ONNX Runtime inference: %.1f images/s (batch %d, %d intra-op threads)%n",
                    runs * (double) batch / elapsed(t), batch, threads);
        }
        double total = (double) config.steps() * batch / trainRate;
        log.printf(Locale.ROOT, "a run of %d steps x %d images would take %.0f min at this rate; load average now"
                        + " %.1f%n", config.steps(), batch, total / 60,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double elapsed(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
