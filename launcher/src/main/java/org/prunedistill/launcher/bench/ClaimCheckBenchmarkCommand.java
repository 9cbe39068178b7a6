package org.prunedistill.launcher.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.launcher.bench.ClaimCheckPipelineBenchmark.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd bench-claim-check}: what the claim check costs, against plain S3, on this machine. */
@Command(name = "bench-claim-check", mixinStandardHelpOptions = true,
        description = {
            "Measure the claim-check path on this machine. Starts an in-process Kafka broker (KRaft) and S3 server "
                + "(s3proxy) on free loopback ports in a temporary directory, deleted afterwards.",
            "",
            "For each batch shape [conditions, trials, units] it runs two cases:",
            "",
            "Raw S3: puts N random payloads the size of the batch's .npy file one after another, then gets them "
                + "back (MinIO client; no hashing of ours, no existence check, no Kafka).",
            "",
            "Claim-check: a producer thread stores N random float32 tensors with putTensor (encode as .npy, "
                + "SHA-256 for the key, S3 put) and publishes an ActivationEvent for each to the activations "
                + "topic (acks=all); at the same time a consumer thread parses the events and redeems them "
                + "with fetchTensor (S3 get, size and SHA-256 check, .npy parse) into a float[].",
            "",
            "Prints batches/s, MB/s (10^6 bytes of .npy file), p50/p95 latency from the start of a claim to the "
                + "array in the consumer's memory and per stage, the ratio of claim-check to raw S3 throughput, "
                + "the in-memory CPU cost of encoding, hashing and parsing one batch, and the machine. About a "
                + "minute with the defaults. Nothing is asserted: the numbers are for reading.",
            ""},
        footer = {"", "Example: ./pd bench-claim-check --shapes 32x10x64,32x10x2048 --batches 200,50 "
                + "--json target/claim-check.json"})
public final class ClaimCheckBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--shapes", paramLabel = "CxTxU[,CxTxU...]",
            defaultValue = "32x10x64,32x10x2048,32x10x8192",
            description = "batch shapes [conditions x trials x units], comma-separated "
                    + "(default: ${DEFAULT-VALUE}, i.e. 0.08, 2.6 and 10.5 MB per batch)")
    String shapes;

    @Option(names = "--batches", paramLabel = "N[,N...]",
            description = "measured batches per shape: one number for every shape or one per shape "
                    + "(default: 400 below 1 MB per batch, 100 below 5 MB, 30 above)")
    String batches;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
            description = "batches run through each case before it is measured and not counted "
                    + "(default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the random tensors (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results to FILE as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<BatchShape> shapeList = BatchShape.parseList(shapes);
        int[] counts = batchCounts(shapeList);
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        Machine machine = Machine.current();
        out.println("bench: machine: " + machine.describe());

        // First, before the broker and S3 server share this JVM (they make allocation slower and noisier and
        // leave the JIT in varying states): the intrinsic CPU cost of one claim's encoding, hashing and parsing.
        out.println("bench: in-memory CPU cost per batch: .npy encode, SHA-256, .npy parse (one thread, no I/O)");
        List<CpuCosts> costs = CpuCosts.measureAll(shapeList, seed);

        Path dataDirectory = Files.createTempDirectory("pd-bench-claim-check-");
        Cleanup cleanup = new Cleanup(dataDirectory);
        Thread hook = new Thread(cleanup::run, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        List<CaseReport> reports = new ArrayList<>();
        try {
            out.println("bench: starting the embedded stack (Kafka KRaft + s3proxy, free ports) in " + dataDirectory);
            EmbeddedStack stack = EmbeddedStack.start(dataDirectory, EmbeddedStack.Ports.ANY);
            cleanup.stack = stack;
            out.println("bench: Kafka " + stack.bootstrapServers() + ", S3 " + stack.storeSettings().endpoint());
            ObjectStore store = ObjectStore.connect(stack.storeSettings());
            RawS3Benchmark raw = new RawS3Benchmark(stack.storeSettings());
            ClaimCheckPipelineBenchmark pipeline = new ClaimCheckPipelineBenchmark(stack.bootstrapServers(), store);
            int total = 2 * shapeList.size();
            int step = 0;
            for (int s = 0; s < shapeList.size(); s++) {
                BatchShape shape = shapeList.get(s);
                int count = counts[s];
                long objectBytes = shape.npyBytes();
                String id = shape.label();
                String size = String.format(Locale.ROOT, "%.3f MB", objectBytes / 1e6);

                out.printf(Locale.ROOT, "bench: [%d/%d] raw S3 %s: %d objects of %s, put all then get all "
                        + "(+%d warm-up)%n", ++step, total, id, count, size, warmup);
                if (warmup > 0) {
                    raw.run("warmup-" + id, objectBytes, warmup, seed ^ 0x5EEDL);
                }
                RawS3Benchmark.Result rawResult = raw.run(id, objectBytes, count, seed);

                out.printf(Locale.ROOT, "bench: [%d/%d] claim-check %s: %d batches of %s, producer and consumer "
                        + "concurrent (+%d warm-up)%n", ++step, total, id, count, size, warmup);
                if (warmup > 0) {
                    pipeline.run("warmup-" + id, shape, objectBytes, warmup, seed ^ 0xC0FFEEL);
                }
                Result claimCheck = pipeline.run(id, shape, objectBytes, count, seed + s);

                reports.add(new CaseReport(shape, objectBytes, rawResult, claimCheck, costs.get(s)));
            }
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }

        out.println();
        out.print(Report.table(reports, machine, warmup));
        if (json != null) {
            Path file = json.toAbsolutePath();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Json.write(Report.json(reports, machine, warmup, seed)));
            out.println("bench: results written to " + file);
        }
        return 0;
    }

    private int[] batchCounts(List<BatchShape> shapeList) {
        int[] counts = new int[shapeList.size()];
        if (batches == null || batches.isBlank()) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = shapeList.get(i).defaultBatches();
            }
            return counts;
        }
        String[] parts = batches.split(",");
        if (parts.length != 1 && parts.length != counts.length) {
            throw new IllegalArgumentException("--batches lists " + parts.length + " numbers for "
                    + counts.length + " shapes: give one number, or one per shape");
        }
        for (int i = 0; i < counts.length; i++) {
            String part = parts[parts.length == 1 ? 0 : i].trim();
            try {
                counts[i] = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--batches: '" + part + "' is not a number");
            }
            if (counts[i] <= 0) {
                throw new IllegalArgumentException("--batches must be positive");
            }
        }
        return counts;
    }

    /** Results of one shape. */
    record CaseReport(BatchShape shape, long objectBytes, RawS3Benchmark.Result raw, Result claimCheck,
                      CpuCosts cpu) {

        /** Claim-check MB/s over raw S3 put-then-get MB/s. */
        double ratio() {
            return claimCheck.megabytesPerSecond() / raw.putThenGetMegabytesPerSecond();
        }
    }

    /** Stops the stack and deletes the data directory once, on the normal path or from the shutdown hook. */
    private static final class Cleanup {
        private final Path directory;
        private final AtomicBoolean done = new AtomicBoolean();
        volatile EmbeddedStack stack;

        Cleanup(Path directory) {
            this.directory = directory;
        }

        void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            EmbeddedStack running = stack;
            if (running != null) {
                try {
                    running.close();
                } catch (Exception e) {
                    System.err.println("bench: stopping the embedded stack: " + e);
                }
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                System.err.println("bench: could not delete " + directory + ": " + e);
            }
        }
    }
}
