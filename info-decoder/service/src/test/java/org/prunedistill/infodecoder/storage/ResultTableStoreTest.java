package org.prunedistill.infodecoder.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.info.analysis.domain.PerUnitTable;

/** A per-unit table streamed to the store is the same object and claim as the whole table encoded in memory. */
class ResultTableStoreTest {

    @TempDir
    static Path storage;
    @TempDir
    Path spill;
    private static EmbeddedS3 s3;
    private static ObjectStore store;

    @BeforeAll
    static void startStore() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        store = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "tables", EmbeddedS3.REGION));
        store.ensureBucket();
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Test
    void aStreamedTableIsTheObjectAndClaimOfTheTableEncodedWhole() throws Exception {
        int rows = 3_001;
        List<String> labels = List.of("unit", "rf_luminance_bits", "p_value");
        PerUnitTable table = new PerUnitTable(rows, labels);
        SplittableRandom random = new SplittableRandom(7);
        for (String label : labels) {
            double[] column = table.column(label);
            for (int r = 0; r < rows; r++) {
                column[r] = label.equals("unit") ? r : random.nextDouble() * 3.0 - 1.0;
            }
        }
        List<String> order = List.of("p_value", "unit", "rf_luminance_bits");

        ObjectRef streamed = new ResultTableStore(store, spill).store(table, order);

        ObjectRef whole = store.putTensor(ObjectKeys.RESULTS, FloatTensor.ofFloats(table.rowMajor(order), rows,
                order.size()));
        assertEquals(whole, streamed, "same key, hash, size, content type and shape");
        FloatTensor read = store.fetchTensor(streamed);
        assertArrayEquals(new int[] {rows, 3}, read.shape());
        assertArrayEquals(table.rowMajor(order), read.data());
        try (Stream<Path> left = Files.list(spill)) {
            assertEquals(0, left.count(), "the temporary file is removed");
        }
    }
}
