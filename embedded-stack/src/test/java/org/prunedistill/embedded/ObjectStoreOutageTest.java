package org.prunedistill.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.ClaimCheckException.Problem;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.RetryPolicy;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.events.v1.ObjectRef;

/** The S3 server goes away and comes back on the same port: a store with a retry policy rides it out. */
class ObjectStoreOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(2);
    private static final RetryPolicy PATIENT =
            new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30));

    @TempDir
    Path storage;
    private EmbeddedS3 s3;
    private ObjectStore once;

    @BeforeEach
    void startS3() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        once = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "outage-test", EmbeddedS3.REGION));
        once.ensureBucket();
    }

    @AfterEach
    void stopS3() throws Exception {
        s3.close();
    }

    private static FloatTensor tensor(float offset) {
        return FloatTensor.ofFloats(new float[] {offset, offset + 1, offset + 2, offset + 3, offset + 4, offset + 5},
                2, 1, 3);
    }

    @Test
    void withoutRetryAnOutageFailsAtOnceAsStoreUnavailable() throws Exception {
        ObjectRef stored = once.putTensor(tensor(0));
        s3.stop();
        assertFalse(s3.running());
        ClaimCheckException e = assertThrows(ClaimCheckException.class, () -> once.fetchTensor(stored));
        assertEquals(Problem.STORE_UNAVAILABLE, e.problem());
        assertTrue(e.getMessage().contains("cannot get " + stored.getKey()), e.getMessage());
    }

    @Test
    void writesAndReadsStartedDuringAnOutageCompleteOnceTheServerIsBack() throws Exception {
        ObjectRef before = once.putTensor(tensor(0));
        ObjectStore patient = once.withRetry(PATIENT);
        s3.stop();
        long start = System.nanoTime();
        CompletableFuture<ObjectRef> write = CompletableFuture.supplyAsync(() -> patient.putTensor(tensor(10)));
        CompletableFuture<FloatTensor> read = CompletableFuture.supplyAsync(() -> patient.fetchTensor(before));
        Thread.sleep(OUTAGE.toMillis());
        assertFalse(write.isDone() || read.isDone(), "nothing can succeed while the server is down");
        s3.resume();
        ObjectRef written = write.get(30, TimeUnit.SECONDS);
        assertArrayEquals(tensor(0).data(), read.get(30, TimeUnit.SECONDS).data());
        assertTrue(System.nanoTime() - start >= OUTAGE.toNanos());
        // The object written during the outage is there, byte for byte, for a store that does not retry.
        assertArrayEquals(tensor(10).data(), once.fetchTensor(written).data());
    }

    @Test
    void anOutageLongerThanTheBudgetFailsNamingTheAttempts() throws Exception {
        s3.stop();
        ObjectStore brief = once.withRetry(new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(50),
                Duration.ofMillis(300)));
        ClaimCheckException e = assertThrows(ClaimCheckException.class, () -> brief.putTensor(tensor(20)));
        assertEquals(Problem.STORE_UNAVAILABLE, e.problem());
        assertTrue(e.getMessage().contains("gave up after"), e.getMessage());
    }

    @Test
    void aMissingObjectIsNotRetried() {
        ObjectStore patient = once.withRetry(PATIENT);
        long start = System.nanoTime();
        ClaimCheckException e = assertThrows(ClaimCheckException.class,
                () -> patient.fetchKey("tensors/" + "0".repeat(64) + ".npy"));
        assertEquals(Problem.MISSING_OBJECT, e.problem());
        assertTrue(System.nanoTime() - start < PATIENT.maxDuration().toNanos(), "answered without waiting it out");
    }
}
