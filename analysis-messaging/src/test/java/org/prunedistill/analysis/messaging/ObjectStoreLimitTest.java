package org.prunedistill.analysis.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.ClaimCheckException.Problem;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.ObjectRef;

/** {@code pd.store.max-object-bytes} against a real in-process S3 server. */
class ObjectStoreLimitTest {

    @TempDir
    static Path storage;
    private static EmbeddedS3 s3;
    private static ObjectStore unbounded;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        unbounded = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "limit-test", EmbeddedS3.REGION));
        unbounded.ensureBucket();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static FloatTensor tensor(int conditions, int trials, int units) {
        float[] data = new float[conditions * trials * units];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f;
        }
        return FloatTensor.ofFloats(data, conditions, trials, units);
    }

    @Test
    void defaultBoundIsOneGibibyte() {
        assertEquals(1L << 30, unbounded.maxObjectBytes());
    }

    @Test
    void objectsUpToTheLimitAreRead() {
        ObjectRef ref = unbounded.putTensor(tensor(4, 3, 10));
        ObjectStore bounded = unbounded.withMaxObjectBytes(ref.getBytes());
        assertArrayEquals(tensor(4, 3, 10).data(), bounded.fetchTensor(ref).data());
        assertEquals(ref.getBytes(), bounded.fetchKey(ref.getKey()).length);
    }

    @Test
    void claimOverTheLimitIsRefusedNamingKeySizeAndLimit() {
        ObjectRef ref = unbounded.putTensor(tensor(8, 5, 100));
        ObjectStore bounded = unbounded.withMaxObjectBytes(ref.getBytes() - 1);
        for (var fetch : java.util.List.<Runnable>of(() -> bounded.fetch(ref), () -> bounded.fetchTensor(ref))) {
            ClaimCheckException e = assertThrows(ClaimCheckException.class, fetch::run);
            assertEquals(Problem.OBJECT_TOO_LARGE, e.problem());
            assertFalse(e.problem().retryable());
            assertTrue(e.getMessage().contains(ref.getKey()), e.getMessage());
            assertTrue(e.getMessage().contains("the event claims " + ref.getBytes() + " bytes"), e.getMessage());
            assertTrue(e.getMessage().contains("(pd.store.max-object-bytes) is " + (ref.getBytes() - 1)),
                    e.getMessage());
        }
    }

    @Test
    void namedObjectOverTheLimitIsRefusedAfterItsSizeIsLookedUp() {
        byte[] document = "{\"conditions\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}".getBytes();
        ObjectRef ref = unbounded.putDocument(document);
        ObjectStore bounded = unbounded.withMaxObjectBytes(16);
        ClaimCheckException e = assertThrows(ClaimCheckException.class, () -> bounded.fetchKey(ref.getKey()));
        assertEquals(Problem.OBJECT_TOO_LARGE, e.problem());
        assertTrue(e.getMessage().contains(ref.getKey() + " in bucket limit-test is too large: it holds "
                + document.length + " bytes, the limit (pd.store.max-object-bytes) is 16"), e.getMessage());
        ClaimCheckException missing = assertThrows(ClaimCheckException.class,
                () -> bounded.fetchKey("documents/" + "0".repeat(64) + ".json"));
        assertEquals(Problem.MISSING_OBJECT, missing.problem());
    }

    @Test
    void objectLargerThanItsClaimIsASizeMismatchWithoutReadingItAll() {
        ObjectRef ref = unbounded.putTensor(tensor(8, 5, 100));
        ObjectRef understated = ref.toBuilder().setBytes(64).build();
        ClaimCheckException e = assertThrows(ClaimCheckException.class, () -> unbounded.fetch(understated));
        assertEquals(Problem.SIZE_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("has 65 bytes, the event claims 64"), e.getMessage());
    }

    @Test
    void limitMustFitOneJavaArray() {
        assertThrows(IllegalArgumentException.class, () -> unbounded.withMaxObjectBytes(0));
        assertThrows(IllegalArgumentException.class, () -> unbounded.withMaxObjectBytes(1L << 31));
    }
}
