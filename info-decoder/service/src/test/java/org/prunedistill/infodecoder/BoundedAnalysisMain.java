package org.prunedistill.infodecoder;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceAssembler;
import org.prunedistill.claimcheck.SpilledSource;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.info.analysis.InformationAnalysis;
import org.prunedistill.infodecoder.config.InformationAnalysisProducer;
import org.prunedistill.infodecoder.messaging.InformationSourceAnalysis;

/**
 * Spills one source from the store and runs the information analysis on it, as the service does, in a JVM of its
 * own (the child of {@code BoundedHeapTest} and of {@code bench-bounded.sh}, each with a small {@code -Xmx}). Writes
 * what it found as {@code key=value} lines: per result {@code <estimator>.units_in_source}, {@code .units_analysed},
 * per decoding value {@code <estimator>.<task>.<population size>.<measure>},
 * {@code .unit_sample}, {@code .<quantity>.<correction>.median} (and {@code .q75} with quartiles) and
 * {@code .share}, and
 * {@code spill_seconds}, {@code analyse_seconds}, {@code max_heap_bytes}, {@code peak_heap_bytes} (the sum of the
 * heap pools' peaks: what the collector let the heap grow to), {@code peak_live_heap_bytes} (the largest heap in
 * use right after a collection: what the analysis really kept), {@code source_bytes}. Exits the JVM when done (the
 * HTTP client's idle threads would keep it alive for a minute).
 *
 * <p>Arguments: endpoint, bucket, manifest file (a serialised {@code SourceManifest}), spill directory, output
 * file, permutations, bootstrap resamples, unit block, and optionally the decoding profile ({@code quick} unless
 * given). Also writes {@code seconds.<estimator group>} (mutual-information, per-unit-quantities, bootstrap-medians,
 * decoding).
 */
public final class BoundedAnalysisMain {

    private BoundedAnalysisMain() {
    }

    public static void main(String[] args) throws IOException {
        AtomicLong peakLive = watchLiveHeap();
        ObjectStore store = ObjectStore.connect(new StoreSettings(args[0], EmbeddedS3.ACCESS_KEY,
                EmbeddedS3.SECRET_KEY, args[1], EmbeddedS3.REGION));
        SourceManifest manifest = SourceManifest.parseFrom(Files.readAllBytes(Path.of(args[2])));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InformationSourceAnalysis analysis = InformationSourceAnalysis.of(new InformationAnalysis(
                TestSettings.with("permutations=" + args[5], "bootstrap-resamples=" + args[6],
                        "unit-block=" + args[7], "decoding.profile=" + (args.length > 8 ? args[8] : "quick")),
                InformationAnalysisProducer.timed(EstimatorTimer.on(registry))), store);
        Map<String, String> found = new TreeMap<>();
        long start = System.nanoTime();
        List<AnalysisResult> results;
        try (SpilledSource source = new SourceAssembler(store).spill(manifest, Path.of(args[3]))) {
            long spilled = System.nanoTime();
            found.put("spill_seconds", seconds(spilled - start));
            found.put("source_bytes", Long.toString(source.bytes()));
            results = analysis.analyse(manifest, source);
            found.put("analyse_seconds", seconds(System.nanoTime() - spilled));
        }
        found.put("results", Integer.toString(results.size()));
        // Each estimator group's seconds, as the service's pd_estimator_seconds reports them.
        registry.find("pd.estimator").timers().forEach(timer -> found.put("seconds." + timer.getId()
                .getTag("estimator"), seconds((long) timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))));
        for (AnalysisResult result : results) {
            String name = result.getEstimator();
            found.put(name + ".units_in_source", Integer.toString(result.getUnits().getInSource()));
            found.put(name + ".units_analysed", Integer.toString(result.getUnits().getAnalysed()));
            found.put(name + ".units_included", Integer.toString(result.getUnits().getIncluded()));
            found.put(name + ".unit_sample", result.getParameters().getUnitSampling().getSample().name());
            for (InformationMedian median : result.getInformation().getMediansList()) {
                String quantity = name + "." + median.getQuantity().name() + "." + median.getCorrection().name();
                found.put(quantity + ".median", Double.toString(median.getMedian()));
                if (median.getHasQuartiles()) {
                    found.put(quantity + ".q75", Double.toString(median.getQ75()));
                }
            }
            for (var value : result.getDecoding().getValuesList()) {
                found.put(name + "." + value.getTask().name() + "." + value.getPopulationSize() + "."
                        + value.getMeasure().name(), Double.toString(value.getValue()));
            }
            if (result.hasPerUnitTable()) {
                // The stored table's content digest: two versions that agree on it wrote the same values.
                found.put(name + ".per_unit_sha256", result.getPerUnitTable().getObject().getSha256());
            }
            if (result.hasSignificance()) {
                found.put(name + ".share", Double.toString(result.getSignificance().getShare()));
            }
        }
        found.put("max_heap_bytes", Long.toString(Runtime.getRuntime().maxMemory()));
        found.put("peak_live_heap_bytes", Long.toString(peakLive.get()));
        found.put("peak_heap_bytes", Long.toString(ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed()).sum()));
        Files.writeString(Path.of(args[4]), found.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n", "", "\n")));
        System.exit(0);
    }

    /** The largest heap in use after any collection, updated as collections happen. */
    private static AtomicLong watchLiveHeap() {
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> isHeap(pool.getKey())).map(Map.Entry::getValue)
                            .mapToLong(MemoryUsage::getUsed).sum();
                    peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return peak;
    }

    private static boolean isHeap(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(bean -> bean.getName().equals(pool) && bean.getType() == MemoryType.HEAP);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
