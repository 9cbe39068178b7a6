package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceManifest;

class SpilledSourceTest {

    private static final int CONDITIONS = 7;
    private static final int TRIALS = 3;
    private static final int UNITS = 23;
    /** Blocks of 5 units: 23 units make four full blocks and a narrow last one. */
    private static final long FIVE_UNITS = 4L * CONDITIONS * TRIALS * 5;

    @TempDir
    Path directory;

    @Test
    void readsBackWhatTheBatchesHeldInAnyBlockOrSelection() {
        SourceTensor tensor = tensor(new SplittableRandom(5));
        try (SpilledSource spilled = spill(tensor, 3, 1, 3)) {
            assertEquals(5, spilled.blockUnits());
            assertEquals(tensor, withData(tensor, spilled.unitBlock(0, UNITS)));
            for (int[] range : new int[][] {{0, 5}, {3, 12}, {20, 23}, {22, 23}, {7, 7}}) {
                assertArrayEquals(tensor.unitBlock(range[0], range[1]).data(),
                        spilled.unitBlock(range[0], range[1]).data(), "units " + range[0] + ".." + range[1]);
            }
            int[] scattered = {0, 2, 3, 4, 9, 15, 16, 22};
            assertArrayEquals(tensor.gather(scattered).data(), spilled.gather(scattered).data());
            assertArrayEquals(tensor.conditionMeans(), spilled.conditionMeans(), 0f);
            SourceActivations selected = spilled.select(scattered);
            assertEquals(scattered.length, selected.units());
            assertArrayEquals(tensor.select(scattered).conditionMeans(), selected.conditionMeans(), 0f);
            assertArrayEquals(tensor.gather(new int[] {3, 15}).data(), selected.unitBlock(2, 6).gather(
                    new int[] {0, 3}).data());
            assertEquals(4L * CONDITIONS * TRIALS * UNITS, spilled.bytes());
        }
    }

    @Test
    void keepsMissingTrialsAsNanAndAveragesOnlyTheValidOnes() {
        SourceTensor tensor = tensor(new SplittableRandom(8));
        try (SpilledSource spilled = spill(tensor, CONDITIONS)) {
            float[] means = spilled.conditionMeans();
            assertTrue(Float.isNaN(means[UNITS - 1]), "unit 22 misses every trial of condition 0");
            assertTrue(Float.isNaN(spilled.unitBlock(0, UNITS).value(0, 0, 0)));
            assertArrayEquals(tensor.conditionMeans(), means, 0f);
        }
    }

    @Test
    void deletesItsFileOnClose() {
        SpilledSource spilled = spill(tensor(new SplittableRandom(1)), CONDITIONS);
        Path file = spilled.file();
        assertTrue(Files.exists(file));
        assertEquals(spilled.bytes(), file.toFile().length());
        spilled.close();
        assertFalse(Files.exists(file));
    }

    @Test
    void refusesABatchThatDoesNotFit() {
        try (SpilledSource spilled = SpilledSource.create(directory, CONDITIONS, TRIALS, UNITS, FIVE_UNITS)) {
            spilled.append(new float[6 * TRIALS * UNITS], 6);
            assertThrows(IllegalArgumentException.class, () -> spilled.append(new float[2 * TRIALS * UNITS], 2));
            assertThrows(IllegalArgumentException.class, () -> spilled.append(new float[TRIALS * UNITS - 1], 1));
            assertThrows(IllegalArgumentException.class, () -> spilled.gather(new int[] {3, 3}));
        }
    }

    @Test
    void deletesTheFileWhenSpillingFails() throws IOException {
        // Nothing listens on port 1: the first batch cannot be fetched, after the file was created.
        ObjectStore unreachable = ObjectStore.connect(new StoreSettings("http://127.0.0.1:1", "key", "secret",
                "bucket", "us-east-1"));
        SourceManifest manifest = SourceManifest.newBuilder().addAllTotalShape(java.util.List.of(2L, 1L, 3L))
                .addBatches(ObjectRef.newBuilder().setKey("tensors/" + "a".repeat(64) + ".npy").setBytes(152)
                        .setSha256("a".repeat(64)).addAllShape(java.util.List.of(2L, 1L, 3L)))
                .build();
        ClaimCheckException failure = assertThrows(ClaimCheckException.class,
                () -> new SourceAssembler(unreachable).spill(manifest, directory));
        assertEquals(ClaimCheckException.Problem.STORE_UNAVAILABLE, failure.problem());
        try (Stream<Path> left = Files.list(directory)) {
            assertEquals(0, left.count(), "spill files left behind");
        }
    }

    /** Batches of the given condition counts (they must add up to {@link #CONDITIONS}). */
    private SpilledSource spill(SourceTensor tensor, int... batchConditions) {
        SpilledSource spilled = SpilledSource.create(directory, CONDITIONS, TRIALS, UNITS, FIVE_UNITS);
        int first = 0;
        for (int count : batchConditions) {
            int size = count * TRIALS * UNITS;
            float[] batch = new float[size];
            System.arraycopy(tensor.data(), first * TRIALS * UNITS, batch, 0, size);
            spilled.append(batch, count);
            first += count;
        }
        assertEquals(CONDITIONS, spilled.conditionsWritten());
        return spilled;
    }

    /** Random responses; a few missing trials, and unit 22 misses every trial of condition 0. */
    private static SourceTensor tensor(SplittableRandom random) {
        float[] data = new float[CONDITIONS * TRIALS * UNITS];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian();
        }
        for (int t = 0; t < TRIALS; t++) {
            data[t * UNITS + UNITS - 1] = Float.NaN;
        }
        data[0] = Float.NaN;
        return new SourceTensor(CONDITIONS, TRIALS, UNITS, data);
    }

    private static SourceTensor withData(SourceTensor shape, SourceTensor values) {
        assertArrayEquals(shape.data(), values.data());
        return shape;
    }
}
