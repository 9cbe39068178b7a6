package org.prunedistill.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.ExtractionFinished;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RunCompleted;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunProgress;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.events.v1.TwoNnFit;
import org.prunedistill.events.v1.TwoNnParameters;
import org.prunedistill.events.v1.UnitCounts;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.events.v1.UnitSampling;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.Topic;

/**
 * The history of many completed runs written straight to the topics, as the services would have left it: per run
 * its submission, progress events, the end of extraction, {@code resultsPerRun} results over five layers (both
 * analyses, shaped and sized like the real ones: eight parameters, six estimates, sixteen provenance details, about
 * 1.4 kB each) and its completion. For measuring and testing what results-api does with a long log.
 */
public final class RunHistory {

    /** Layers of every run, in order. */
    static final List<String> LAYERS = List.of("pixels", "pool1", "pool2", "fc1", "logits");
    private static final List<String> ANALYSES = List.of("intrinsic-dimension", "information");
    private static final int PROGRESS_EVENTS = 20;

    private final String prefix;
    private final int runs;
    private final int resultsPerRun;

    /**
     * @param prefix        run ids are {@code <prefix>-00000}, ...
     * @param resultsPerRun a multiple of 10 (5 layers x 2 analyses)
     */
    public RunHistory(String prefix, int runs, int resultsPerRun) {
        if (runs < 1 || resultsPerRun < 10 || resultsPerRun % 10 != 0) {
            throw new IllegalArgumentException("runs must be positive and resultsPerRun a positive multiple of 10, got "
                    + runs + " and " + resultsPerRun);
        }
        this.prefix = prefix;
        this.runs = runs;
        this.resultsPerRun = resultsPerRun;
    }

    public String runId(int index) {
        return String.format(Locale.ROOT, "%s-%05d", prefix, index);
    }

    public int runs() {
        return runs;
    }

    public int resultsPerRun() {
        return resultsPerRun;
    }

    /** Sources of every run. */
    public int sourcesPerRun() {
        return LAYERS.size();
    }

    /**
     * Writes every run to the topics and waits until Kafka has them all.
     *
     * @param progress told after every 1,000 runs
     * @return bytes of record values written
     */
    public long write(String bootstrapServers, java.util.function.IntConsumer progress)
            throws InterruptedException, ExecutionException {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", ByteArraySerializer.class.getName());
        properties.put("linger.ms", "20");
        properties.put("batch.size", Integer.toString(1 << 20));
        long bytes = 0;
        RandomGenerator random = new java.util.SplittableRandom(1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            Future<RecordMetadata> last = null;
            for (int index = 0; index < runs; index++) {
                for (RunEvent event : events(index)) {
                    byte[] value = event.toByteArray();
                    last = producer.send(new ProducerRecord<>(Topic.RUN_EVENTS.topicName(), event.getRunId(), value));
                    bytes += value.length;
                }
                for (AnalysisResult result : results(index, random)) {
                    byte[] value = result.toByteArray();
                    last = producer.send(new ProducerRecord<>(Topic.RESULTS.topicName(), result.getResultKey(),
                            value));
                    bytes += value.length;
                }
                if ((index + 1) % 1000 == 0) {
                    progress.accept(index + 1);
                }
            }
            producer.flush();
            last.get();
        }
        return bytes;
    }

    private List<RunEvent> events(int index) {
        String runId = runId(index);
        long start = startMs(index);
        List<RunEvent> events = new ArrayList<>();
        events.add(event(runId, start, "results-api").setSubmitted(RunSubmitted.newBuilder().setSpec(SPEC)).build());
        for (int i = 0; i < PROGRESS_EVENTS; i++) {
            events.add(event(runId, start + 100 + i, "activation-extractor").setProgress(RunProgress.newBuilder()
                    .setStage("extraction").setMessage("trained: " + (i + 1) * 19 + "/380 conditions through 5 layers"))
                    .build());
        }
        events.add(event(runId, start + 200, "activation-extractor").setExtractionFinished(ExtractionFinished
                .newBuilder().addAllSources(sources(runId))).build());
        events.add(event(runId, start + 1000, "results-api").setCompleted(RunCompleted.newBuilder()
                .setResults(resultsPerRun)).build());
        return events;
    }

    private List<AnalysisResult> results(int index, RandomGenerator random) {
        String runId = runId(index);
        int perAnalysis = resultsPerRun / (LAYERS.size() * ANALYSES.size());
        List<AnalysisResult> results = new ArrayList<>();
        for (SourceRef source : sources(runId)) {
            for (String analysis : ANALYSES) {
                for (int i = 0; i < perAnalysis; i++) {
                    results.add(result(source, analysis, "estimator-" + i, perAnalysis, startMs(index) + 500,
                            random));
                }
            }
        }
        return results;
    }

    private static AnalysisResult result(SourceRef source, String analysis, String estimator, int inPass,
                                         long createdAtMs, RandomGenerator random) {
        EstimatorParameters parameters = EstimatorParameters.newBuilder()
                .setUnitSampling(UnitSampling.newBuilder().setSample(UnitSampleKind.UNIT_SAMPLE_KIND_ALL))
                .setTwoNn(TwoNnParameters.newBuilder().setFraction(0.9).setSubsamples(50).setSubsampleFraction(0.9)
                        .setSubsampleSize(342).setSeed(0))
                .build();
        return AnalysisResult.newBuilder()
                .setResultKey(SourceKeys.resultKey(source, analysis, estimator, parameters))
                .setSource(source).setAnalysis(analysis).setEstimator(estimator).setParameters(parameters)
                .setUnits(UnitCounts.newBuilder().setInSource(4096).setAnalysed(4096))
                .putNotes("points", "one point per stimulus condition: the mean response over its valid trials")
                .setInputSha256(hex(random)).setResultsInPass(inPass)
                .setProvenance(Provenance.newBuilder().setProducer(analysis.equals("information") ? "info-decoder"
                        : "id-estimator").setCodeVersion("0.1.0").setCreatedAtMs(createdAtMs)
                        .putAllDetails(PROVENANCE).putDetails("extraction_key", hex(random)))
                .setTwoNn(TwoNnFit.newBuilder().setId(random.nextDouble(10)).setHasSubsamples(true)
                        .setSubsampleSd(random.nextDouble()).setSubsampleMean(random.nextDouble(10))
                        .setScale(random.nextDouble(10)).setPointsUsed(random.nextInt(380))
                        .setPointsDropped(random.nextInt(38)).setDuplicatesRemoved(random.nextInt(3)))
                .build();
    }

    private static List<SourceRef> sources(String runId) {
        List<SourceRef> sources = new ArrayList<>();
        for (int order = 0; order < LAYERS.size(); order++) {
            sources.add(SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER)
                    .setName(LAYERS.get(order)).setCheckpoint("trained").setOrder(order)
                    .setRelativeDepth(order / (LAYERS.size() - 1.0)).setOrigin("builtin-cnn-small").build());
        }
        return sources;
    }

    private static RunEvent.Builder event(String runId, long timestampMs, String producer) {
        return RunEvent.newBuilder().setRunId(runId).setTimestampMs(timestampMs).setProducer(producer);
    }

    /** Runs a minute apart, from 1 Dec 2026. */
    private static long startMs(int index) {
        return 1_796_083_200_000L + Duration.ofMinutes(index).toMillis();
    }

    private static String hex(RandomGenerator random) {
        StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            hex.append(String.format(Locale.ROOT, "%016x", random.nextLong()));
        }
        return hex.toString();
    }

    private static final RunSpec SPEC = RunSpec.newBuilder()
            .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(1).setTrials(10))
            .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("trained")
                    .addAllLayers(LAYERS))
            .build();

    private static final Map<String, String> PROVENANCE = new TreeMap<>(Map.ofEntries(
            Map.entry("channels", "1"), Map.entry("checkpoint", "trained"),
            Map.entry("field_of_view_degrees", "100.0"), Map.entry("image_size", "64"),
            Map.entry("jitter_degrees", "0.5"), Map.entry("model", "builtin-cnn-small"),
            Map.entry("model_sha256", "2d4217e48d917301d9652208e69fb77e45d0037814cb6516f1380d1e67f594a2"),
            Map.entry("pixel_noise", "0.02"), Map.entry("renderer_version", "1"),
            Map.entry("stimulus_metadata_sha256", "3548fba1c6c99fd2460b2d4d2b6bfb1e90aab641ad35d5ade8ede240f0569c8b"),
            Map.entry("stimulus_seed", "1"), Map.entry("stimulus_set", "rat-objects"),
            Map.entry("supersampling", "3"), Map.entry("trials", "10"), Map.entry("weights_seed", "1")));
}
