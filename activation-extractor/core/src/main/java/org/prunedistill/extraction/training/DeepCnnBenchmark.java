package org.prunedistill.extraction.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.DeepCnnArchitecture;
import org.prunedistill.extraction.model.DeepCnnWeights;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.natural.NaturalImageSet;

/**
 * A benchmark, not a test: images/s of the deep network's training pass alone (forward + backward on rendered
 * images, one {@link DeepCnnPass} per worker on chunks of the configured size, as in a run) with its rate of
 * multiply-adds, of rendering, of whole training steps (render + pass + Adam) and of ONNX Runtime inference of the
 * same network on the same threads, with the machine's processors and load average before and after (the machine
 * may be shared: compare rates of one run); and the time a run of {@code config.steps()} steps would take. Each phase
 * runs for about {@code seconds} after one warm-up round. Prints to {@code log}.
 */
public final class DeepCnnBenchmark {

    private DeepCnnBenchmark() {
    }

    /** Runs the benchmark; a few times {@code seconds} in all. */
    public static void run(TrainingConfig config, DeepCnnArchitecture architecture, NaturalImageSet images,
                           int threads, double seconds, PrintStream log) {
        log.printf(Locale.ROOT, "machine: %d processors, load average %s, Java %s; %d worker threads; products: %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"), threads,
                OffHeapFloats.products());
        log.printf(Locale.ROOT, "network: %s, %d parameters, %.2f GFLOP per image forward + backward; images %s%n",
                architecture, architecture.parameterCount(), trainingFlops(architecture) / 1e9, images.parameters());
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
        double passRate = passRate(config, architecture, images, threads, seconds);
        log.printf(Locale.ROOT, "forward + backward: %.1f images/s (chunks of %d images, %d workers), %.0f GFLOP/s%n",
                passRate, chunk(config), threads, passRate * trainingFlops(architecture) / 1e9);
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
        log.printf(Locale.ROOT, "training steps: %.1f images/s (render + forward + backward + update, batch %d)%n",
                trainRate, batch);
        double onnxRate = onnxRate(architecture, images, batch, threads, seconds);
        log.printf(Locale.ROOT, "ONNX Runtime inference: %.1f images/s (batch %d, %d intra-op threads); forward +"
                + " backward is %.2f x that%n", onnxRate, batch, threads, passRate / onnxRate);
        double total = (double) config.steps() * batch / trainRate;
        log.printf(Locale.ROOT, "a run of %d steps x %d images would take %.0f min at this rate; load average now"
                + " %s%n", config.steps(), batch, total / 60, loadAverage());
    }

    /** Multiply-adds x 2 of one image's forward and backward (weight and input gradients; none into the image). */
    static double trainingFlops(DeepCnnArchitecture architecture) {
        double forward = 0.0;
        double firstLayer = 0.0;
        int in = architecture.inputChannels();
        for (int st = 0; st < architecture.stages(); st++) {
            int width = architecture.stageWidths().get(st);
            double area = (double) architecture.side(st) * architecture.side(st);
            for (int k = 0; k < architecture.convsPerStage(); k++) {
                double macs = area * width * in * DeepCnnArchitecture.KERNEL * DeepCnnArchitecture.KERNEL;
                firstLayer = forward == 0.0 ? macs : firstLayer;
                forward += macs;
                in = width;
            }
        }
        for (int d = 0; d <= architecture.denseWidths().size(); d++) {
            int out = d < architecture.denseWidths().size() ? architecture.denseWidths().get(d)
                    : architecture.classes();
            forward += (double) in * out;
            in = out;
        }
        return 2.0 * (3.0 * forward - firstLayer);
    }

    private static int chunk(TrainingConfig config) {
        return (config.batchSize() + config.chunks() - 1) / config.chunks();
    }

    /** Forward + backward images/s: each worker runs its own pass on a chunk of rendered images, round after round. */
    private static double passRate(TrainingConfig config, DeepCnnArchitecture architecture, NaturalImageSet images,
                                   int threads, double seconds) {
        int chunk = chunk(config);
        float[][] pixels = new float[chunk][];
        int[] labels = new int[chunk];
        for (int i = 0; i < chunk; i++) {
            NaturalImageSet.Sample sample = images.sample(97, i);
            pixels[i] = sample.pixels();
            labels[i] = sample.label();
        }
        DeepCnnWeights start = DeepCnnWeights.heNormal(1, architecture);
        List<DeepCnnPass> passes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> round = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                DeepCnnPass pass = new DeepCnnPass(architecture, chunk);
                passes.add(pass);
                float[] p = new float[pass.parameterCount()];
                for (int t = 0; t < start.count(); t++) {
                    System.arraycopy(start.values(t), 0, p, pass.offset(t), start.values(t).length);
                }
                float[] gradient = new float[p.length];
                round.add(() -> {
                    pass.lossAndGradient(p, pixels, labels, 1f / config.batchSize(), gradient);
                    return null;
                });
            }
            runAll(pool, round);
            long t = System.nanoTime();
            int rounds = 0;
            while (rounds == 0 || elapsed(t) < seconds) {
                runAll(pool, round);
                rounds++;
            }
            return (double) rounds * threads * chunk / elapsed(t);
        } finally {
            pool.shutdownNow();
            passes.forEach(DeepCnnPass::close);
        }
    }

    private static double onnxRate(DeepCnnArchitecture architecture, NaturalImageSet images, int batch, int threads,
                                   double seconds) {
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
            return runs * (double) batch / elapsed(t);
        }
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
        try {
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** The 1-, 5- and 15-minute load averages of /proc/loadavg, or the JVM's 1-minute figure elsewhere. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static double elapsed(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
