package org.prunedistill.idestimator;

import com.google.protobuf.Message;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceAssembler;
import org.prunedistill.claimcheck.SpilledSource;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;

/**
 * Spills one source from the store and runs the intrinsic-dimension analysis on it, as the service does, in a JVM of
 * its own ({@code info-decoder/bench-bounded.sh}). Writes {@code key=value} lines: per result
 * {@code <estimator>.<units_in_source|units_analysed|unit_sample|summary field>}, {@code spill_seconds}, {@code analyse_seconds}, {@code max_heap_bytes},
 * {@code peak_live_heap_bytes} (largest heap in use right after a collection), {@code source_bytes}.
 *
 * <p>Arguments: endpoint, bucket, manifest file, spill directory, output file, max units (0: every unit).
 */
public final class BoundedIdMain {

    private BoundedIdMain() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong peakLive = watchLiveHeap();
        ObjectStore store = ObjectStore.connect(new StoreSettings(args[0], EmbeddedS3.ACCESS_KEY,
                EmbeddedS3.SECRET_KEY, args[1], EmbeddedS3.REGION));
        SourceManifest manifest = SourceManifest.parseFrom(Files.readAllBytes(Path.of(args[2])));
        int maxUnits = Integer.parseInt(args[5]);
        TestIdConfig config = maxUnits > 0 ? TestIdConfig.defaults().withMaxUnits(maxUnits) : TestIdConfig.defaults();
        Map<String, String> found = new TreeMap<>();
        long start = System.nanoTime();
        List<AnalysisResult> results;
        try (SpilledSource source = new SourceAssembler(store).spill(manifest, Path.of(args[3]))) {
            long spilled = System.nanoTime();
            found.put("spill_seconds", String.format(java.util.Locale.ROOT, "%.2f", (spilled - start) / 1e9));
            found.put("source_bytes", Long.toString(source.bytes()));
            results = IntrinsicDimensionAnalysisTest.analyse(config, manifest, source);
            found.put("analyse_seconds", String.format(java.util.Locale.ROOT, "%.2f",
                    (System.nanoTime() - spilled) / 1e9));
        }
        found.put("results", Integer.toString(results.size()));
        for (AnalysisResult result : results) {
            String name = result.getEstimator();
            found.put(name + ".units_in_source", Integer.toString(result.getUnits().getInSource()));
            found.put(name + ".units_analysed", Integer.toString(result.getUnits().getAnalysed()));
            found.put(name + ".unit_sample", result.getParameters().getUnitSampling().getSample().name());
            Message summary = (Message) result.getField(result.getDescriptorForType().findFieldByNumber(
                    result.getSummaryCase().getNumber()));
            summary.getAllFields().forEach((field, value) -> {
                if (!field.isRepeated()) {
                    found.put(name + "." + field.getName(), value.toString());
                }
            });
        }
        found.put("max_heap_bytes", Long.toString(Runtime.getRuntime().maxMemory()));
        found.put("peak_live_heap_bytes", Long.toString(peakLive.get()));
        Files.writeString(Path.of(args[4]), found.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n", "", "\n")));
        System.exit(0);
    }

    private static AtomicLong watchLiveHeap() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(pool -> pool.getName())
                .collect(Collectors.toSet());
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc();
                    peak.accumulateAndGet(after.entrySet().stream().filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum(), Math::max);
                }
            }, null, null);
        }
        return peak;
    }
}
