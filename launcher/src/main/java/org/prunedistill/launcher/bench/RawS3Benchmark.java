package org.prunedistill.launcher.bench;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;

/**
 * The baseline: plain S3 puts and gets of random bytes the size of one {@code .npy} batch, with no hashing of our
 * own, no existence check, no encoding and no Kafka. Puts go through the same MinIO client and the same put call as
 * {@link ObjectStore#put}; gets through {@link ObjectStore#fetchKey} (unverified).
 */
final class RawS3Benchmark {

    /** What one raw case measured. */
    record Result(long objectBytes, int objects, double putSeconds, double getSeconds, Latencies put,
                  Latencies get) {

        double putMegabytesPerSecond() {
            return objects * (double) objectBytes / 1e6 / putSeconds;
        }

        double getMegabytesPerSecond() {
            return objects * (double) objectBytes / 1e6 / getSeconds;
        }

        double putObjectsPerSecond() {
            return objects / putSeconds;
        }

        double getObjectsPerSecond() {
            return objects / getSeconds;
        }

        /** Bytes through a put and then a get, over the time of both: the rate of a sequential hand-off. */
        double putThenGetMegabytesPerSecond() {
            return objects * (double) objectBytes / 1e6 / (putSeconds + getSeconds);
        }

        double putThenGetObjectsPerSecond() {
            return objects / (putSeconds + getSeconds);
        }
    }

    private final MinioClient client;
    private final ObjectStore store;

    RawS3Benchmark(StoreSettings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        this.store = ObjectStore.connect(settings);
    }

    /**
     * Puts {@code objects} distinct random payloads of {@code objectBytes} bytes one after another, then gets each
     * back, on the calling thread.
     *
     * @param caseId distinguishes the keys of this case from every other case of the run
     */
    Result run(String caseId, long objectBytes, int objects, long seed) {
        int size = Math.toIntExact(objectBytes);
        // One random pool; payload i is the window starting at byte i, so the payloads are distinct without
        // allocating or copying anything inside the timed loops.
        byte[] pool = new byte[size + objects];
        new SplittableRandom(seed).nextBytes(pool);
        String[] keys = new String[objects];
        for (int i = 0; i < objects; i++) {
            keys[i] = "bench/raw/" + caseId + "/" + i + ".bin";
        }
        String bucket = store.bucket();
        long[] putNanos = new long[objects];
        long putStart = System.nanoTime();
        for (int i = 0; i < objects; i++) {
            long start = System.nanoTime();
            try {
                client.putObject(PutObjectArgs.builder()
                        .bucket(bucket).object(keys[i]).contentType("application/octet-stream")
                        .stream(new ByteArrayInputStream(pool, i, size), size, -1).build());
            } catch (Exception e) {
                throw new IllegalStateException("raw S3 put of " + keys[i] + " failed: " + e, e);
            }
            putNanos[i] = System.nanoTime() - start;
        }
        long putEnd = System.nanoTime();
        long[] getNanos = new long[objects];
        for (int i = 0; i < objects; i++) {
            long start = System.nanoTime();
            byte[] bytes = store.fetchKey(keys[i]);
            getNanos[i] = System.nanoTime() - start;
            if (bytes.length != size) {
                throw new IllegalStateException("raw S3 get of " + keys[i] + " returned " + bytes.length
                        + " bytes, " + size + " were put");
            }
        }
        long getEnd = System.nanoTime();
        return new Result(objectBytes, objects, (putEnd - putStart) / 1e9, (getEnd - putEnd) / 1e9,
                Latencies.ofNanos(putNanos), Latencies.ofNanos(getNanos));
    }
}
