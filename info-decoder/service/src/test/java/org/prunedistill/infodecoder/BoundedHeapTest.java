package org.prunedistill.infodecoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.SourceManifest;

/**
 * A source larger than the analyser's whole heap is analysed all the same: a child JVM with {@code -Xmx64m} spills
 * 12,288 units x 152 conditions x 10 trials (75 MB of float32) from a real S3 server and computes all six results
 * over every unit, and the decoding results over its sampled units ({@link BoundedAnalysisMain}).
 */
class BoundedHeapTest {

    private static final String HEAP = "64m";
    private static final long HEAP_BYTES = 64L << 20;
    private static final int UNITS = 12_288;
    /** The fewest permutations that can make a unit informative at 0.05 (p = 1/21), so units are judged. */
    private static final int PERMUTATIONS = 20;
    private static final int OBJECTS = 4;
    private static final int TRIALS = 10;
    /** Generous bound on the child's run, only so that a hung child cannot hang the build. */
    private static final long CHILD_LIMIT_MINUTES = 15;

    @TempDir
    static Path storage;
    @TempDir
    Path work;
    private static EmbeddedS3 s3;
    private static ObjectStore store;

    @BeforeAll
    static void startStore() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        store = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "bounded-test", EmbeddedS3.REGION));
        store.ensureBucket();
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Test
    void analysesEveryUnitOfASourceLargerThanTheHeap() throws Exception {
        SourceManifest manifest = LayerSource.upload(store, OBJECTS, TRIALS, UNITS, 8);
        long sourceBytes = 4L * OBJECTS * LayerSource.VIEWS * TRIALS * UNITS;
        assertTrue(sourceBytes > HEAP_BYTES, "the source must not fit in the child's heap");
        Path manifestFile = Files.write(work.resolve("manifest.pb"), manifest.toByteArray());
        Path spill = Files.createDirectory(work.resolve("spill"));
        Path output = work.resolve("found.properties");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-cp", System.getProperty("java.class.path"), BoundedAnalysisMain.class.getName(),
                s3.endpoint(), "bounded-test", manifestFile.toString(), spill.toString(), output.toString(),
                Integer.toString(PERMUTATIONS), "100", "1024")
                .redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile()).start();
        boolean ended = child.waitFor(CHILD_LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        assertTrue(ended && child.exitValue() == 0, () -> "child JVM failed: " + log(work.resolve("child.log")));

        Map<String, String> found = read(output);
        assertEquals(Long.toString(sourceBytes), found.get("source_bytes"));
        assertTrue(Long.parseLong(found.get("max_heap_bytes")) <= HEAP_BYTES, found.get("max_heap_bytes"));
        assertEquals("8", found.get("results"));
        String units = Integer.toString(UNITS);
        for (String result : List.of("mutual-information-object", "mutual-information-luminance",
                "luminance-decomposition", "contrast-decomposition", "invariant-object-information",
                "significance")) {
            assertEquals(units, found.get(result + ".units_in_source"), result);
            assertEquals(units, found.get(result + ".units_analysed"), result);
            assertEquals("UNIT_SAMPLE_KIND_ALL", found.get(result + ".unit_sample"), result);
        }
        assertEquals(units, found.get("single-unit-decoding.units_in_source"));
        // Two thirds of the units are tuned; of the noise third about 5% pass the test by chance (SD about 14 units).
        int included = Integer.parseInt(found.get("luminance-decomposition.units_included"));
        assertTrue(included >= 2 * UNITS / 3 && included < 2 * UNITS / 3 + UNITS / 12, "included: " + included);
        assertTrue(Double.parseDouble(found.get("mutual-information-object.INFORMATION_QUANTITY_OBJECT"
                + ".CORRECTION_PANZERI_TREVES.q75")) > 0.1, "a third of the units carry object information: " + found);
        try (Stream<Path> left = Files.list(spill)) {
            assertEquals(0, left.count(), "spill file left behind");
        }
    }

    private static Map<String, String> read(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static String log(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "no log: " + e.getMessage();
        }
    }
}
