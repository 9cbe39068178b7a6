package org.prunedistill.infodecoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.SourceManifest;

/**
 * A large layer-like source for the bounded-memory checks: {@code objects x 38} conditions of the rat design (8
 * position views, 15 views at each of -15 and +15 deg), every third unit tuned to object identity, every third to the
 * condition's luminance, the rest noise; uniform noise from a hash of (condition, trial, unit), so nothing random is
 * held. {@link #main} serves one in an in-process S3 server for {@code bench-bounded.sh}.
 */
final class LayerSource {

    static final int VIEWS = 38;

    private LayerSource() {
    }

    static List<StimulusCondition> conditions(int objects) {
        List<StimulusCondition> conditions = new ArrayList<>();
        for (int c = 0; c < objects * VIEWS; c++) {
            int object = c / VIEWS;
            int view = c % VIEWS;
            String axis = view < 8 ? "position" : "size";
            double group = view < 8 ? Double.NaN : view < 23 ? -15 : 15;
            double luminance = 10 + 80 * ((view * 7 + object * 3) % VIEWS) / (double) (VIEWS - 1);
            double contrast = 10 + 80 * ((view * 11 + object * 5) % VIEWS) / (double) (VIEWS - 1);
            conditions.add(new StimulusCondition(c, object, "object-" + object, axis, view, luminance, contrast,
                    group));
        }
        return conditions;
    }

    /** Uploads the source in batches of {@code batchConditions} conditions; its manifest. */
    static SourceManifest upload(ObjectStore store, int objects, int trials, int units, int batchConditions) {
        List<StimulusCondition> conditions = conditions(objects);
        return SourceUpload.upload(store, "layer", conditions, trials, units, batchConditions,
                (c, t, u) -> response(conditions.get(c), c, t, u));
    }

    private static float response(StimulusCondition condition, int c, int t, int u) {
        long hash = (c * 0x9E3779B97F4A7C15L) ^ (t * 0xC2B2AE3D27D4EB4FL) ^ (u * 0x165667B19E3779F9L);
        hash ^= hash >>> 29;
        hash *= 0xBF58476D1CE4E5B9L;
        hash ^= hash >>> 32;
        float noise = 4f * ((hash >>> 40) / (float) (1 << 24) - 0.5f);
        return switch (u % 3) {
            case 0 -> 3f * condition.object() + noise;
            case 1 -> (float) condition.luminance() / 10f + noise;
            default -> noise;
        };
    }

    /**
     * Serves a source: arguments data directory, port, units, objects, trials, batch conditions, manifest file. Writes
     * the manifest, then the endpoint to {@code <manifest file>.endpoint}, and serves until killed.
     */
    public static void main(String[] args) throws Exception {
        // Outside Quarkus nothing configures the JBoss log manager this classpath binds SLF4J to, and it then passes
        // every level: the S3 server's Jetty built its debug strings for every chunk it served, which slowed the
        // analyser's fetches (most of this JVM's samples in a profile). The launcher's logback keeps them at WARN.
        LogContext.getLogContext().getLogger("").setLevel(Level.WARN);
        EmbeddedS3 s3 = EmbeddedS3.start(Path.of(args[0]), Integer.parseInt(args[1]));
        ObjectStore store = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY,
                EmbeddedS3.SECRET_KEY, "bench", EmbeddedS3.REGION));
        store.ensureBucket();
        SourceManifest manifest = upload(store, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[2]), Integer.parseInt(args[5]));
        Files.write(Path.of(args[6]), manifest.toByteArray());
        Files.writeString(Path.of(args[6] + ".endpoint"), s3.endpoint());
        Thread.currentThread().join();
    }
}
