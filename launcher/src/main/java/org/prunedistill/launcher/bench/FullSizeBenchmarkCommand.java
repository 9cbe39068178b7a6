package org.prunedistill.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.extraction.model.ResNetOnnx;
import org.prunedistill.launcher.AnalyserScaling;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.ServiceProcess;
import org.prunedistill.launcher.ServiceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd bench-full-size}: a ResNet-50 on colour photographs through the whole system, timed step by step. */
@Command(name = "bench-full-size", mixinStandardHelpOptions = true,
        description = {
            "Write a ResNet-50-shaped ONNX model with random weights (exported the torchvision way: only the logits "
                + "are outputs) and a set of colour images with their CSV, start the embedded default (Kafka, S3 and "
                + "the four services with their default heaps, on free ports, in a fresh data directory), and run "
                + "the model over the images through every default layer: the input, the stem's pooling, the four "
                + "stage outputs (at 224 px layer1 has 256 x 56 x 56 = 802,816 units), the global pooling and the "
                + "logits.",
            "",
            "Prints, as they happen, the run's steps with the time since submission: each status, each result of "
                + "each analyser, the progress messages; then the wall time, each step's time, each analyser's time "
                + "in its analyses, and the peak resident memory of each service and of the launcher (which holds "
                + "Kafka and S3). Needs disk for the activations: 4 x images x trials x units per layer, once in "
                + "the store and once in each analyser's spill file while it is analysed.",
            ""},
        footer = {"", "Example (the full size, hours on 2 cores): ./pd bench-full-size --images 500 --image-size 224",
            "A quick check of the command: ./pd bench-full-size --images 20 --image-size 112"})
public final class FullSizeBenchmarkCommand implements Callable<Integer> {

    private static final Duration RUN_TIMEOUT = Duration.ofHours(24);
    private static final long PROGRESS_INTERVAL_MS = 30_000;
    private static final int VIEWS = 10;

    @Option(names = "--images", defaultValue = "500", description = "images (conditions), " + VIEWS
            + " views of each object (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--image-size", defaultValue = "224", description = "the model's input side, the crop; images are "
            + "written at 8/7 of it, the resize (default: ${DEFAULT-VALUE})")
    int side;

    @Option(names = "--width", defaultValue = "64", description = "channels of the stem, doubled at every stage: 64 is "
            + "ResNet-50 (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--trials", defaultValue = "2", description = "noisy repeats of each image "
            + "(default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--batch-conditions", defaultValue = "0", description = "images per activation batch; 0: the "
            + "extractor sizes it from its heap and the layers' sizes, which it reports (default: ${DEFAULT-VALUE})")
    int batchConditions;

    @Option(names = "--decoding-profile", defaultValue = "paper", description = "info-decoder's decoding profile: "
            + "paper (the service's default: every included unit and object pair; about 0.5 s of a core per included "
            + "unit and 15 min per source on this machine) or quick (default: ${DEFAULT-VALUE})")
    String decodingProfile;

    @Option(names = "--data", description = "data directory, kept afterwards (default: a temporary one, deleted afterwards)")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (!List.of("paper", "quick").contains(decodingProfile)) {
            throw new IllegalArgumentException("--decoding-profile must be paper or quick, was " + decodingProfile);
        }
        System.out.println("machine: " + Machine.current().describe());
        System.out.println("load average before: " + BenchSystem.loadAverage());
        int resize = Math.round(side * 8f / 7f);
        try (BenchSystem bench = BenchSystem.start(data, ServiceSpec.withDecodingProfile(ServiceSpec.DEFAULTS,
                decodingProfile));
             RunClient client = new RunClient(bench.system.grpcTarget())) {
            long start = System.nanoTime();
            ResNetOnnx resnet = ResNetOnnx.resNet50Shaped(side, width, 1000, 50);
            Path model = bench.data.resolve("resnet50-shaped.onnx");
            Files.write(model, resnet.toBytes());
            System.out.printf(Locale.ROOT, "model: ResNet-50 shaped, width %d at %d px, %.0f MB, written in %.1f s%n",
                    width, side, Files.size(model) / 1e6, seconds(start));
            start = System.nanoTime();
            Path folder = bench.data.resolve("photos");
            Path table = ColourPhotos.write(folder, images, VIEWS, resize);
            System.out.println("info-decoder's decoding profile: " + decodingProfile);
            System.out.printf(Locale.ROOT, "images: %d colour images of %d px (%d objects x %d views), %d trials "
                    + "each, written in %.1f s%n", images, resize, (images + VIEWS - 1) / VIEWS, VIEWS, trials,
                    seconds(start));
            RunSpec spec = RunSpec.newBuilder().setBatchConditions(batchConditions)
                    .setStimuli(StimulusSpec.newBuilder().setSet("user").setTrials(trials)
                            .setImagesUri(folder.toUri().toString()).setMetadataUri(table.toUri().toString()))
                    .addModels(ModelSource.newBuilder().setModel("resnet50")
                            .setPreprocessingJson("{\"resize\":" + resize + ",\"crop\":" + side + ",\"channels\":3,"
                                    + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225]}")
                            .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("random")
                                    .setUri(model.toUri().toString())))
                    .build();
            Steps steps = new Steps();
            client.submit("full-size", spec);
            Run run = client.follow("full-size", RUN_TIMEOUT, steps::update);
            double wall = steps.elapsed();
            if (run.getStatus() != RunStatus.RUN_STATUS_COMPLETED) {
                System.out.println("run ended " + run.getStatus() + ": " + run.getFailureReason());
            }
            System.out.printf(Locale.ROOT, "%nwall time from submission to %s: %.1f s (load average now %s)%n",
                    run.getStatus().name().replace("RUN_STATUS_", "").toLowerCase(Locale.ROOT), wall,
                    BenchSystem.loadAverage());
            steps.print();
            for (String analyser : AnalyserScaling.ANALYSERS) {
                System.out.printf(Locale.ROOT, "  %s: %.1f s in its analyses%n", analyser,
                        AnalyserScaling.analysisSeconds(bench.system.service(analyser)));
            }
            System.out.println("peak resident memory (VmHWM):");
            for (ServiceProcess service : bench.system.services()) {
                System.out.println("  " + service.name() + " (-Xmx" + service.spec().maxHeapMb() + "m): "
                        + service.peakRss());
            }
            System.out.println("  launcher with Kafka and S3: " + ownPeakRss());
            if (data != null) {
                System.out.println("kept in " + bench.data + ": the model (for ./pd bench-extraction --onnx " + model
                        + "), the images, Kafka's log and the store");
            }
            return run.getStatus() == RunStatus.RUN_STATUS_COMPLETED ? 0 : 1;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String ownPeakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring("VmHWM:".length()).trim()).findFirst().orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The run's steps as the updates show them: when each status began, when each result arrived. */
    private static final class Steps {
        private final long submitted = System.nanoTime();
        private final Map<String, Double> statusAt = new LinkedHashMap<>();
        private final Map<String, Double> resultAt = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();
        private String lastProgress = "";
        private long lastProgressPrint;

        double elapsed() {
            return seconds(submitted);
        }

        void update(Run run) {
            double now = elapsed();
            String status = run.getStatus().name().replace("RUN_STATUS_", "").toLowerCase(Locale.ROOT);
            if (statusAt.putIfAbsent(status, now) == null) {
                System.out.printf(Locale.ROOT, "%8.1f s  %s%n", now, status);
            }
            for (SourceStatus source : run.getSourcesList()) {
                for (String analysis : source.getAnalysesDoneList()) {
                    String key = analysis + " of " + source.getSource().getName();
                    if (resultAt.putIfAbsent(key, now) == null) {
                        order.add(key);
                        System.out.printf(Locale.ROOT, "%8.1f s  %s done%n", now, key);
                    }
                }
            }
            long nowMs = System.currentTimeMillis();
            if (!run.getProgress().equals(lastProgress) && nowMs - lastProgressPrint >= PROGRESS_INTERVAL_MS) {
                System.out.printf(Locale.ROOT, "%8.1f s  progress: %s%n", now, run.getProgress());
                lastProgressPrint = nowMs;
            }
            lastProgress = run.getProgress();
        }

        /** Each status's time until the next, then each analyser's results one after the other. */
        void print() {
            System.out.println("steps:");
            List<Map.Entry<String, Double>> statuses = new ArrayList<>(statusAt.entrySet());
            for (int i = 0; i < statuses.size(); i++) {
                double end = i + 1 < statuses.size() ? statuses.get(i + 1).getValue() : elapsed();
                if (i + 1 < statuses.size()) {
                    System.out.printf(Locale.ROOT, "  %-10s %8.1f s%n", statuses.get(i).getKey(),
                            end - statuses.get(i).getValue());
                }
            }
            for (String analyser : List.of("intrinsic-dimension", "information")) {
                double previous = statusAt.getOrDefault("analysing", 0.0);
                for (String key : order) {
                    if (key.startsWith(analyser + " of ")) {
                        double at = resultAt.get(key);
                        System.out.printf(Locale.ROOT, "  %-60s at %8.1f s, %8.1f s after the one before%n", key, at,
                                at - previous);
                        previous = at;
                    }
                }
            }
        }
    }
}
