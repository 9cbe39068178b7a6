package org.prunedistill.claimcheck;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.HttpUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import okhttp3.OkHttpClient;
import org.prunedistill.claimcheck.ClaimCheckException.Problem;
import org.prunedistill.events.v1.ObjectRef;

/**
 * The claim-check store: puts tensors and documents under content-addressed keys and redeems {@link ObjectRef}
 * claims, verifying size, SHA-256 and (for tensors) shape before anything is parsed further.
 *
 * <p>Thread-safe. Failures are {@link ClaimCheckException}s whose {@link Problem} says what was wrong. While the
 * store cannot be reached, every call is retried with backoff as its {@link RetryPolicy} says ({@link #withRetry});
 * a store fresh from {@link #connect} tries once.
 */
public final class ObjectStore {

    private static final String NPY_CONTENT_TYPE = "<f4";
    private static final String JSON_CONTENT_TYPE = "application/json";
    private static final long HTTP_TIMEOUT_MS = java.util.concurrent.TimeUnit.MINUTES.toMillis(5);
    /** S3's smallest multipart part; objects up to S3's largest single put go in one request instead. */
    private static final long MIN_PART_BYTES = 5L << 20;
    private static final long MAX_SINGLE_PUT_BYTES = 5L << 30;

    /** Default bound on one object read: 1 GiB, far above a legitimate activation batch or document. */
    public static final long DEFAULT_MAX_OBJECT_BYTES = 1L << 30;
    /** The largest bound there can be: the bytes of one object are held in one Java array. */
    public static final long LARGEST_MAX_OBJECT_BYTES = Integer.MAX_VALUE - 8;

    private final MinioClient client;
    private final String bucket;
    private final long maxObjectBytes;
    private final RetryPolicy retry;

    private ObjectStore(MinioClient client, String bucket, long maxObjectBytes, RetryPolicy retry) {
        this.client = client;
        this.bucket = bucket;
        this.maxObjectBytes = maxObjectBytes;
        this.retry = retry;
    }

    /** A store on the given endpoint; nothing is contacted until the first call. */
    public static ObjectStore connect(StoreSettings settings) {
        OkHttpClient http = HttpUtils.newDefaultHttpClient(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS)
                .newBuilder().socketFactory(new NoDelaySocketFactory()).build();
        MinioClient client = MinioClient.builder()
                .httpClient(http)
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        return new ObjectStore(client, settings.bucket(), DEFAULT_MAX_OBJECT_BYTES, RetryPolicy.NONE);
    }

    /**
     * The same store (same connection pool and bucket), refusing to read any object larger than {@code maxBytes}
     * ({@code pd.store.max-object-bytes}): an event claiming a larger object, or a named object that turns out to be
     * larger, fails with {@link Problem#OBJECT_TOO_LARGE} before its body is read, so a hostile or mistaken claim
     * cannot exhaust the heap.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is not in 1..{@link #LARGEST_MAX_OBJECT_BYTES}
     */
    public ObjectStore withMaxObjectBytes(long maxBytes) {
        if (maxBytes < 1 || maxBytes > LARGEST_MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException("pd.store.max-object-bytes must be in 1.." + LARGEST_MAX_OBJECT_BYTES
                    + " (one object is read into one Java array), got " + maxBytes);
        }
        return new ObjectStore(client, bucket, maxBytes, retry);
    }

    /**
     * The same store (same connection pool, bucket and limit), retrying every call that fails because the store
     * cannot be reached ({@link Problem#STORE_UNAVAILABLE}) as {@code policy} says: an outage of the object store
     * delays work instead of failing it. A missing or corrupt object is never retried.
     */
    public ObjectStore withRetry(RetryPolicy policy) {
        return new ObjectStore(client, bucket, maxObjectBytes, policy);
    }

    /** How calls are retried while the store cannot be reached. */
    public RetryPolicy retry() {
        return retry;
    }

    public String bucket() {
        return bucket;
    }

    /** The largest object this store reads, in bytes. */
    public long maxObjectBytes() {
        return maxObjectBytes;
    }

    /** Creates the bucket when it does not exist yet. */
    public void ensureBucket() {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    /** Stores a tensor as float32 {@code .npy} under {@code tensors/<sha256>.npy}. */
    public ObjectRef putTensor(FloatTensor tensor) {
        return putTensor(ObjectKeys.TENSORS, tensor);
    }

    /** Stores a tensor as float32 {@code .npy} under {@code <prefix>/<sha256>.npy}. */
    public ObjectRef putTensor(String prefix, FloatTensor tensor) {
        return withShape(put(prefix, "npy", Npy.write(tensor), NPY_CONTENT_TYPE).toBuilder(), tensor.shape());
    }

    /**
     * Stores a float32 {@code .npy} file already written (by a writer that never held it whole) under
     * {@code <prefix>/<sha256>.npy}, streamed from the file; the same object and claim as {@link #putTensor} of the
     * same array.
     *
     * @param sha256 the file's SHA-256, computed as it was written
     * @param shape  the array's shape, as its header says
     */
    public ObjectRef putTensorFile(String prefix, Path npy, String sha256, int[] shape) {
        String key = prefix + "/" + sha256 + ".npy";
        ObjectKeys.requireValid(key);
        long bytes;
        try {
            bytes = Files.size(npy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + npy, e);
        }
        if (!exists(key)) {
            putFile(key, npy, "application/octet-stream");
        }
        return withShape(ObjectRef.newBuilder().setBucket(bucket).setKey(key).setSha256(sha256).setBytes(bytes)
                .setContentType(NPY_CONTENT_TYPE), shape);
    }

    private static ObjectRef withShape(ObjectRef.Builder ref, int[] shape) {
        for (int dimension : shape) {
            ref.addShape(dimension);
        }
        return ref.build();
    }

    /** Stores a JSON document under {@code documents/<sha256>.json}. */
    public ObjectRef putDocument(byte[] json) {
        return put(ObjectKeys.DOCUMENTS, "json", json, JSON_CONTENT_TYPE);
    }

    /**
     * Stores bytes under their content-addressed key; {@code contentType} is what the claim records (a NumPy dtype
     * for tensors, a media type for documents). An object that is already there is not uploaded again: its key
     * says it holds the same bytes.
     */
    public ObjectRef put(String prefix, String extension, byte[] bytes, String contentType) {
        String key = ObjectKeys.keyFor(prefix, bytes, extension);
        ObjectRef ref = ObjectRef.newBuilder()
                .setBucket(bucket)
                .setKey(key)
                .setSha256(key.substring(prefix.length() + 1, key.length() - extension.length() - 1))
                .setBytes(bytes.length)
                .setContentType(contentType)
                .build();
        if (!exists(key)) {
            String mediaType = extension.equals("json") ? JSON_CONTENT_TYPE : "application/octet-stream";
            call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                    .bucket(bucket).object(key).contentType(mediaType)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, partSize(bytes.length)).build()));
        }
        return ref;
    }

    /**
     * Stores bytes under a key the caller names, replacing what was there: for index entries (the extractor's cache of
     * sources), never for claims, which are content-addressed.
     */
    public void putNamed(String key, byte[] bytes, String mediaType) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key).contentType(mediaType)
                .stream(new ByteArrayInputStream(bytes), bytes.length, partSize(bytes.length)).build()));
    }

    /**
     * Stores a file under a content-addressed key whose hash the caller has verified (an uploaded input), streamed from
     * the file part by part: never whole in the heap, whatever its size. Replaces what was there, which by the key is
     * the same bytes.
     *
     * @throws IllegalArgumentException for a key outside the content-addressed grammar
     */
    public void putFile(String key, Path file, String mediaType) {
        ObjectKeys.requireValid(key);
        call("put " + key, () -> client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                .filename(file.toString()).contentType(mediaType).build()));
    }

    /** One part for every object S3 accepts in a single put: a multipart upload costs extra round trips. */
    private static long partSize(long bytes) {
        return bytes <= MIN_PART_BYTES || bytes > MAX_SINGLE_PUT_BYTES ? -1 : bytes;
    }

    /** Whether an object exists under the key. */
    public boolean exists(String key) {
        return size(key).isPresent();
    }

    /** The size of the object under the key, empty when there is none; its body is not read. */
    public OptionalLong size(String key) {
        return call("stat " + key, () -> {
            try {
                return OptionalLong.of(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build())
                        .size());
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return OptionalLong.empty();
                }
                throw e;
            }
        });
    }

    /** Redeems a claim: the object's bytes, after checking key, size and SHA-256. */
    public byte[] fetch(ObjectRef ref) {
        try {
            ObjectKeys.requireValid(ref.getKey());
        } catch (IllegalArgumentException e) {
            throw new ClaimCheckException(Problem.INVALID_KEY, e.getMessage(), e);
        }
        if (!ref.getBucket().isEmpty() && !ref.getBucket().equals(bucket)) {
            throw new ClaimCheckException(Problem.INVALID_KEY,
                    "object " + ref.getKey() + " names bucket '" + ref.getBucket() + "', this store serves '" + bucket
                            + "'");
        }
        if (ref.getBytes() < 0) {
            throw new ClaimCheckException(Problem.SIZE_MISMATCH,
                    "object " + ref.getKey() + ": the event claims a negative size " + ref.getBytes());
        }
        requireWithinLimit(ref.getKey(), ref.getBytes(), "the event claims");
        // Never more than one byte past the claim is read: a larger object is a size mismatch, found cheaply.
        byte[] bytes = get(ref.getKey(), ref.getBytes() + 1);
        if (bytes.length != ref.getBytes()) {
            throw new ClaimCheckException(Problem.SIZE_MISMATCH, "object " + ref.getKey() + " has " + bytes.length
                    + " bytes, the event claims " + ref.getBytes());
        }
        String actual = Sha256.hex(bytes);
        if (!actual.equals(ref.getSha256())) {
            throw new ClaimCheckException(Problem.CHECKSUM_MISMATCH, "object " + ref.getKey() + " has sha256 " + actual
                    + ", the event claims " + ref.getSha256());
        }
        return bytes;
    }

    /** Redeems a tensor claim: verified bytes, parsed, with the claimed shape. */
    public FloatTensor fetchTensor(ObjectRef ref) {
        byte[] bytes = fetch(ref);
        FloatTensor tensor;
        try {
            tensor = Npy.read(bytes, ref.getKey());
        } catch (NpyFormatException e) {
            throw new ClaimCheckException(Problem.MALFORMED_TENSOR, e.getMessage(), e);
        }
        int[] claimed = ref.getShapeList().stream().mapToInt(Long::intValue).toArray();
        if (!Arrays.equals(claimed, tensor.shape())) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "object " + ref.getKey() + " holds shape "
                    + Arrays.toString(tensor.shape()) + ", the event claims " + Arrays.toString(claimed));
        }
        return tensor;
    }

    /**
     * The bytes stored under a key, unverified (for objects named by users rather than by claims). The object's size
     * is looked up first: one over {@link #maxObjectBytes()} is refused with {@link Problem#OBJECT_TOO_LARGE}
     * without reading its body.
     */
    public byte[] fetchKey(String key) {
        long size = call("stat " + key, () -> {
            try {
                return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
            } catch (ErrorResponseException e) {
                throw missingOr(key, e);
            }
        });
        requireWithinLimit(key, size, "it holds");
        byte[] bytes = get(key, maxObjectBytes + 1);
        // Replaced by a larger object since the size was looked up: refuse rather than exceed the limit.
        requireWithinLimit(key, bytes.length, "it now holds");
        return bytes;
    }

    private void requireWithinLimit(String key, long bytes, String whose) {
        if (bytes > maxObjectBytes) {
            throw new ClaimCheckException(Problem.OBJECT_TOO_LARGE, "object " + key + " in bucket " + bucket
                    + " is too large: " + whose + " " + bytes + " bytes, the limit (pd.store.max-object-bytes) is "
                    + maxObjectBytes);
        }
    }

    /** At most {@code atMost} bytes of the object (capped at one past the limit), so no body is read unbounded. */
    private byte[] get(String key, long atMost) {
        int cap = (int) Math.min(atMost, maxObjectBytes + 1);
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readNBytes(cap);
            } catch (ErrorResponseException e) {
                throw missingOr(key, e);
            }
        });
    }

    private Exception missingOr(String key, ErrorResponseException e) {
        if (isMissing(e)) {
            return new ClaimCheckException(Problem.MISSING_OBJECT,
                    "object " + key + " does not exist in bucket " + bucket, e);
        }
        return e;
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code);
    }

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    /** One request to the store, retried as {@link #retry} says while the store cannot be reached. */
    private <T> T call(String what, StoreCall<T> body) {
        return retry.call(() -> once(what, body));
    }

    private <T> T once(String what, StoreCall<T> body) {
        try {
            return body.run();
        } catch (ClaimCheckException e) {
            throw e;
        } catch (Exception e) {
            throw new ClaimCheckException(Problem.STORE_UNAVAILABLE,
                    "object store: cannot " + what + " in bucket " + bucket + ": " + e, e);
        }
    }
}
