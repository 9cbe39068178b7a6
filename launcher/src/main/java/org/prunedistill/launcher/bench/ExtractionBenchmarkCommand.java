package org.prunedistill.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.extraction.ActivationStream;
import org.prunedistill.extraction.LargestFirst;
import org.prunedistill.extraction.model.BuiltinNetwork;
import org.prunedistill.extraction.model.CheckpointNetwork;
import org.prunedistill.extraction.model.ImportedNetwork;
import org.prunedistill.extraction.model.LayerInfo;
import org.prunedistill.extraction.model.ModelPreprocessing;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.model.OnnxMemoryCap;
import org.prunedistill.extraction.model.UnitFeatureTable;
import org.prunedistill.extraction.model.UnitGrid;
import org.prunedistill.extraction.model.UserImageFormat;
import org.prunedistill.extraction.stimuli.CleanRendering;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;
import org.prunedistill.extraction.stimuli.UserRenderedSet;
import org.prunedistill.extraction.stimuli.UserStimulusSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd bench-extraction}: images per second and peak memory of the extractor's batch loop. */
@Command(name = "bench-extraction", mixinStandardHelpOptions = true,
        description = {
            "Measure the extractor's batch loop (ActivationStream, the code the service runs) on this machine, "
                + "without Kafka or S3: render a batch of rat-objects conditions (every trial), run it through "
                + "ONNX Runtime, slice each chosen layer to [conditions, trials, units] and encode it as .npy with "
                + "its SHA-256 (what the claim check stores), then drop it, as the service does after publishing.",
            "",
            "Prints, for each of --rounds rounds, images per second overall (with --images, the run's one-off "
                + "reading and decoding of its images counted in each round), for rendering and the network, and "
                + "for the network alone on one pre-rendered batch right after (the host's speed drifts: the ratio "
                + "whole / bare is taken per round, and its median printed); the time encoding took, the peak Java "
                + "heap in use (sum of the heap pools' peaks, reset after warm-up) and the process's peak resident "
                + "memory, next to the size of the whole layer, which a non-streaming extractor would hold. At "
                + "224 px the built-in CNN's pool1 has 8 x 112 x 112 = 100,352 units.",
            ""},
        footer = {"", "Example: ./pd bench-extraction --image-size 224 --layers pool1 --conditions 380 --trials 10",
            "         ./pd bench-extraction --onnx DIR/resnet50-shaped.onnx --images DIR/photos --metadata "
                + "DIR/photos/photos.csv --conditions 120 --trials 2   (DIR from ./pd bench-full-size --data DIR)"})
public final class ExtractionBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--image-size", defaultValue = "224", description = "stimulus side in pixels "
            + "(default: ${DEFAULT-VALUE})")
    int imageSize;

    @Option(names = "--layers", split = ",", defaultValue = "pool1", description = "built-in CNN layers to slice "
            + "(default: ${DEFAULT-VALUE})")
    List<String> layers;

    @Option(names = "--conditions", defaultValue = "380", description = "first N conditions of the rat design "
            + "(default: ${DEFAULT-VALUE}, all)")
    int conditions;

    @Option(names = "--trials", defaultValue = "10", description = "trials per condition (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--batch-conditions", defaultValue = "8", description = "conditions per batch "
            + "(default: ${DEFAULT-VALUE})")
    int batchConditions;

    @Option(names = "--rounds", defaultValue = "3", description = "rounds of the whole extraction, each followed "
            + "by the bare network, their ratio taken per round and its median printed (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime intra-op threads "
            + "(default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--onnx-memory-mb", defaultValue = "768", description = "ONNX Runtime's memory cap, MiB, as "
            + "the service's pd.extraction.onnx-memory-mb (default: ${DEFAULT-VALUE})")
    long onnxMemoryMb;

    @Option(names = "--onnx", description = "also time an imported ONNX model (ImageNet preprocessing unless "
            + "--preprocessing), every default layer")
    Path onnx;

    @Option(names = "--preprocessing", description = "preprocessing JSON of --onnx")
    Path preprocessing;

    @Option(names = "--images", description = "a folder of images to run --onnx on, with --metadata (the first "
            + "--conditions rows of its table): a user's images as the service takes them (decoded once at the "
            + "model's resize and channels, pixel noise per trial, the model's preprocessing) instead of the rendered "
            + "rat objects")
    Path images;

    @Option(names = "--metadata", description = "the CSV of --images (id,file,object,axis,value)")
    Path metadata;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, was " + rounds);
        }
        System.out.println("machine: " + Machine.current().describe());
        RatObjectStimulusSet rat = RatObjectStimulusSet.withDefaults().withImageSize(imageSize).withTrials(trials);
        SubsetStimuli stimuli = new SubsetStimuli(rat, Math.min(conditions, rat.conditionCount()));
        CheckpointNetwork builtin = BuiltinNetwork.random("random-1", 1, imageSize, rat.objectNames().size(), layers);
        measure("builtin-cnn-small " + layers + " at " + imageSize + " px", builtin, stimuli, 0);
        if ((images == null) != (metadata == null) || images != null && onnx == null) {
            throw new IllegalArgumentException("--images and --metadata go together, with --onnx");
        }
        if (onnx != null) {
            ModelPreprocessing p = preprocessing == null ? ModelPreprocessing.IMAGENET
                    : ModelPreprocessing.fromJson(Files.readAllBytes(preprocessing), preprocessing.toString());
            SubsetStimuli inputs = stimuli;
            String on = "";
            double decodeSeconds = 0;
            if (images != null) {
                // The run's images are the table's first --conditions rows: only those are read and decoded.
                List<String> lines = Files.readAllLines(metadata);
                Path table = Files.createTempFile("bench-extraction-", ".csv");
                table.toFile().deleteOnExit();
                Files.write(table, lines.subList(0, Math.min(lines.size(), conditions + 1)));
                long start = System.nanoTime();
                UserImageFormat format = UserImageFormat.forModels(List.of(p), false, 0);
                UserStimulusSet set = UserStimulusSet.load(images, table, format.side(), format.channels());
                inputs = new SubsetStimuli(new UserRenderedSet(set, trials), set.conditions().size());
                on = " on " + images.getFileName();
                decodeSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%n%s: %d images read and decoded at %d px, %d channel(s), in %.2f s "
                        + "(once per run; added to each round's whole below)%n", images, set.conditions().size(),
                        format.side(), format.channels(), decodeSeconds);
            }
            measure("imported " + onnx.getFileName() + on, new ImportedNetwork(onnx.getFileName().toString(), "file",
                    Files.readAllBytes(onnx), p, List.of(), threads), inputs, decodeSeconds);
        }
        return 0;
    }

    /** @param decodeSeconds the one-off reading and decoding of a user's images, counted in the whole extraction */
    private void measure(String label, CheckpointNetwork network, SubsetStimuli stimuli, double decodeSeconds) {
        long units = network.layers().stream().mapToLong(LayerInfo::units).sum();
        long images = (long) stimuli.conditions().size() * stimuli.trials();
        System.out.printf(Locale.ROOT, "%n%s: %d units in %d layer(s), %d conditions x %d trials = %d images, "
                + "batches of %d conditions%n", label, units, network.layers().size(), stimuli.conditions().size(),
                stimuli.trials(), images, batchConditions);
        try (OnnxActivations session = network.open(threads, OnnxMemoryCap.ofMebibytes(onnxMemoryMb))) {
            ActivationStream warmup = new ActivationStream(new SubsetStimuli(stimuli.all(), 1), 1, 1);
            warmup.run(network, session, (first, tensors) -> { }, done -> { });
            System.gc();
            resetPeaks();
            // The host's speed drifts by up to a third within minutes: whole and bare alternate, and the ratio is
            // taken within each round.
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long[] encodeNanos = new long[1];
                long[] encodedBytes = new long[1];
                long start = System.nanoTime();
                ActivationStream stream = new ActivationStream(stimuli, 1, batchConditions);
                stream.run(network, session, (first, tensors) -> {
                    long t0 = System.nanoTime();
                    // On all cores at once, largest first, as the service stores a batch's layers.
                    encodedBytes[0] += LargestFirst.map(List.copyOf(tensors.values()), tensor -> tensor.data().length,
                            tensor -> {
                                byte[] npy = Npy.write(tensor);
                                Sha256.hex(npy);
                                return (long) npy.length;
                            }).stream().mapToLong(Long::longValue).sum();
                    encodeNanos[0] += System.nanoTime() - t0;
                }, done -> { });
                double loop = (System.nanoTime() - start) / 1e9;
                double whole = loop + decodeSeconds;
                double networkRate = networkOnly(network, session, stimuli);
                double encode = encodeNanos[0] / 1e9;
                ratios.add(networkRate / (images / whole));
                System.out.printf(Locale.ROOT, "  round %d: overall %.1f images/s (%.1f s); encode + SHA-256 %.1f s "
                        + "(%.0f MB/s); render + network %.1f images/s; network alone (ONNX Runtime, %d thread(s), "
                        + "batches of %d images) %.1f images/s; whole / bare %.2f%n", round, images / whole, whole,
                        encode, encodedBytes[0] / 1e6 / encode, images / (loop - encode), threads,
                        batchConditions * stimuli.trials(), networkRate, ratios.get(ratios.size() - 1));
            }
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            System.out.printf(Locale.ROOT, "  whole / bare: median %.2f of %d round(s)%n", median, rounds);
            unitFeatures(network, stimuli);
        }
        long heapPeak = heapPeak();
        System.out.printf(Locale.ROOT, "  peak heap in use %.0f MiB; peak RSS %.0f MiB; the whole layer(s) as float32: "
                + "%.0f MiB%n", heapPeak / 1048576.0, peakRssBytes() / 1048576.0,
                units * images * 4 / 1048576.0);
    }

    /**
     * What the service computes once per model next to the batches: the clean images with their object masks, then
     * the unit features (RF luminance, contrast, coverage by the object, azimuth) of every distinct grid of the chosen
     * layers.
     */
    private static void unitFeatures(CheckpointNetwork network, SubsetStimuli stimuli) {
        int side = stimuli.imageSize();
        long start = System.nanoTime();
        List<float[]> clean = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        for (int c = 0; c < stimuli.conditions().size(); c++) {
            CleanRendering rendering = stimuli.renderCleanWithMask(c);
            clean.add(rendering.image());
            rendering.objectMask().ifPresent(masks::add);
        }
        long rendered = System.nanoTime();
        Set<UnitGrid> grids = new LinkedHashSet<>();
        for (LayerInfo layer : network.layers()) {
            grids.add(network.grid(layer, side).orElse(UnitGrid.wholeImage(side)));
        }
        for (UnitGrid grid : grids) {
            UnitFeatureTable.compute(grid, clean, masks, side, stimuli.degreesPerPixel());
        }
        long done = System.nanoTime();
        System.out.printf(Locale.ROOT, "  unit features %.2f s: %d clean images and masks %.2f s, RF features of "
                + "%d grid(s) %.2f s%n", (done - start) / 1e9, clean.size(), (rendered - start) / 1e9, grids.size(),
                (done - rendered) / 1e9);
    }

    /** ONNX Runtime alone: one pre-rendered batch run repeatedly for about two seconds. */
    private double networkOnly(CheckpointNetwork network, OnnxActivations session, SubsetStimuli stimuli) {
        int batch = batchConditions * stimuli.trials();
        int side = network.inputSide();
        int pixels = network.inputChannels() * side * side;
        float[] inputs = new float[batch * pixels];
        for (int i = 0; i < batch; i++) {
            float[] image = network.input(stimuli.render(i / stimuli.trials() % stimuli.conditions().size(),
                    i % stimuli.trials(), 1), stimuli.channels(), stimuli.imageSize());
            System.arraycopy(image, 0, inputs, i * pixels, pixels);
        }
        List<String> names = network.layers().stream().map(LayerInfo::name).toList();
        long start = System.nanoTime();
        int runs = 0;
        while (runs < 3 || System.nanoTime() - start < 2_000_000_000L) {
            session.runFlat(inputs, batch, network.inputChannels(), side, side, names);
            runs++;
        }
        return (double) runs * batch / ((System.nanoTime() - start) / 1e9);
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
