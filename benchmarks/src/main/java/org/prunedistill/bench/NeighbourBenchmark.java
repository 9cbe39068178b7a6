package org.prunedistill.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.prunedistill.id.GrideMultiscale;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.Neighbourhoods;
import org.prunedistill.id.Points;
import org.prunedistill.id.TwoNnEstimator;
import org.prunedistill.id.TwoNnMaximumLikelihood;
import org.prunedistill.id.nd4j.BlockPlan;
import org.prunedistill.id.nd4j.Nd4jNearestNeighbours;
import org.prunedistill.id.nd4j.NeighbourSearch;

/**
 * One measurement of the benchmark command ({@code bench.sh}, see the module README): seeded float32 Gaussian
 * points (N x D), exact neighbours by {@link Nd4jNearestNeighbours} with k = 64, then TwoNN (linear fit and maximum
 * likelihood) and multiscale GRIDE up to 64 neighbours on them, after an untimed warm-up search on 1,024 other
 * points (JIT, ND4J and BLAS initialisation). Prints one tab-separated line:
 * {@code n d k seconds_neighbours seconds_total gflops peak_rss_bytes peak_heap_bytes rescanned plan twonn
 * twonn_mle gride_n1_32}, where gflops is the effective 2 N^2 D / seconds_total. Optionally writes the data as
 * {@code .npy} (float32, C order) for the scikit-learn comparison. Not a test: nothing is asserted.
 *
 * <p>Usage: {@code NeighbourBenchmark N D [k=64] [budgetBytes=2GiB] [seed=1] [npyPath]}.
 */
public final class NeighbourBenchmark {

    private static final int RNG_ROWS = 256;
    private static final int WARM_UP_POINTS = 1024;

    private NeighbourBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NeighbourBenchmark N D [k=64] [budgetBytes] [seed=1] [npyPath]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = args.length > 2 ? Integer.parseInt(args[2]) : GrideMultiscale.DEFAULT_RANGE_MAX;
        long budget = args.length > 3 ? Long.parseLong(args[3]) : Nd4jNearestNeighbours.DEFAULT_MEMORY_BUDGET;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;
        float[] data = gaussian(n, d, seed);
        if (args.length > 5) {
            writeNpy(Path.of(args[5]), data, n, d);
        }
        Points points = new Points(data, n, d);
        System.err.println("exact pass: " + Nd4jNearestNeighbours.exactPassArithmetic());
        int warmUp = Math.min(n, WARM_UP_POINTS);
        Nd4jNearestNeighbours.exact(new Points(gaussian(warmUp, d, seed + 1), warmUp, d), Math.min(k, warmUp - 1),
                budget);

        long start = System.nanoTime();
        NeighbourSearch search = Nd4jNearestNeighbours.search(points, k, budget);
        long searched = System.nanoTime();
        Neighbourhoods neighbourhoods = search.neighbourhoods();
        IdEstimate twoNn = TwoNnEstimator.withDefaults().estimate(neighbourhoods);
        IdEstimate mle = TwoNnMaximumLikelihood.withDefaults().estimate(neighbourhoods);
        List<IdEstimate> gride = GrideMultiscale.withDefaults().estimate(neighbourhoods);
        long end = System.nanoTime();

        double seconds = (end - start) / 1e9;
        BlockPlan plan = search.plan();
        System.out.println(String.join("\t", List.of(String.valueOf(n), String.valueOf(d), String.valueOf(k),
                format((searched - start) / 1e9), format(seconds), format(2.0 * n * n * d / seconds / 1e9),
                String.valueOf(peakRssBytes()), String.valueOf(peakHeapBytes()), String.valueOf(search.rescanned()),
                (plan.resident() ? "resident" : "streamed") + "/block" + plan.rowBlock() + "/chunk"
                        + plan.chunkWidth(),
                format(twoNn.id()), format(mle.id()), format(gride.get(gride.size() - 1).id()),
                search.seconds().toString())));
    }

    /** Standard normal float32 values, row-major, reproducible for a seed whatever the thread count. */
    static float[] gaussian(int n, int d, long seed) {
        float[] data = new float[Math.multiplyExact(n, d)];
        int blocks = (n + RNG_ROWS - 1) / RNG_ROWS;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + b);
            int from = b * RNG_ROWS * d;
            int to = Math.min(n, (b + 1) * RNG_ROWS) * d;
            for (int i = from; i < to; i++) {
                data[i] = (float) random.nextGaussian();
            }
        });
        return data;
    }

    /** Writes a float32, C-order {@code .npy} file (format version 1.0). */
    static void writeNpy(Path path, float[] data, int n, int d) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
            head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
            head.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).flip();
            writeFully(channel, head);
            ByteBuffer body = ByteBuffer.allocateDirect(1 << 24).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; ) {
                int count = Math.min(data.length - i, body.capacity() / Float.BYTES);
                body.clear();
                body.asFloatBuffer().put(data, i, count);
                body.limit(count * Float.BYTES);
                writeFully(channel, body);
                i += count;
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Peak resident set size of this process (VmHWM), heap and off-heap together; -1 if unknown. */
    private static long peakRssBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
            }
        }
        return -1;
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
