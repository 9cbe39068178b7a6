package org.prunedistill.results.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.FindInputRequest;
import org.prunedistill.api.v1.FindInputResponse;
import org.prunedistill.api.v1.InputServiceGrpc;
import org.prunedistill.api.v1.UploadInputHeader;
import org.prunedistill.api.v1.UploadInputRequest;
import org.prunedistill.api.v1.UploadInputResponse;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.results.CaughtUpResultsApi;
import org.prunedistill.testsupport.EmbeddedStackResource;

/** InputService as a client sees it, storing into the embedded S3 server. */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class InputGrpcServiceTest extends CaughtUpResultsApi {

    private static final int CHUNK = 1 << 20;
    private static final long ANSWER_SECONDS = 30;

    @GrpcClient("results-api")
    io.grpc.Channel channel;

    @Inject
    ObjectStore store;

    @Test
    void aFileSentInChunksIsStoredUnderItsHashAndFoundThere() throws Exception {
        byte[] file = bytes(5L, 2 * CHUNK + 12_345);
        String sha256 = Sha256.hex(file);
        assertFalse(find(sha256).getPresent());

        UploadInputResponse stored = upload(header(sha256, file.length), file).answer();

        assertFalse(stored.getAlreadyPresent());
        assertEquals("inputs/" + sha256, stored.getInput().getKey());
        assertEquals("s3://" + store.bucket() + "/inputs/" + sha256, stored.getInput().getUri());
        assertEquals(file.length, stored.getInput().getSize());
        assertArrayEquals(file, store.fetchKey("inputs/" + sha256));
        FindInputResponse found = find(sha256);
        assertTrue(found.getPresent());
        assertEquals(stored.getInput(), found.getInput());
    }

    @Test
    void anInputThereAlreadyIsAnsweredAtTheHeaderWithoutAChunkSent() throws Exception {
        byte[] file = bytes(6L, 1000);
        String sha256 = Sha256.hex(file);
        upload(header(sha256, file.length), file).answer();

        // Only the header, and the stream left open: the answer must come without any chunk.
        Upload second = open();
        second.send(header(sha256, file.length));
        UploadInputResponse answer = second.answer();

        assertTrue(answer.getAlreadyPresent());
        assertEquals(file.length, answer.getInput().getSize());
    }

    @Test
    void bytesWhoseDigestDiffersFromTheDeclaredOneAreRefusedAndNotStored() {
        byte[] file = bytes(7L, 3000);
        byte[] declared = file.clone();
        declared[2999] ^= 1;
        String declaredSha256 = Sha256.hex(declared);

        Status refused = refusal(upload(header(declaredSha256, file.length), file));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getCode());
        assertTrue(refused.getDescription().contains("the bytes that arrived have sha256 " + Sha256.hex(file)
                + ", not the declared one"), refused.getDescription());
        assertFalse(store.exists("inputs/" + declaredSha256));
        assertFalse(store.exists("inputs/" + Sha256.hex(file)));
    }

    @Test
    void aDeclaredSizeAboveTheStoresLimitIsRefusedAtTheHeaderBeforeAnyBodyIsSent() {
        String sha256 = Sha256.hex("too large".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Upload upload = open();
        upload.send(header(sha256, store.maxObjectBytes() + 1));

        Status refused = refusal(upload);

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getCode());
        assertTrue(refused.getDescription().contains((store.maxObjectBytes() + 1) + " bytes is more than the store "
                + "takes (pd.store.max-object-bytes = " + store.maxObjectBytes() + ")"), refused.getDescription());
        assertFalse(store.exists("inputs/" + sha256));
    }

    @Test
    void moreBytesThanDeclaredAreRefusedAsTheyArrive() {
        byte[] file = bytes(8L, 5000);
        Upload upload = open();
        upload.send(header(Sha256.hex(file), 4999));
        upload.send(UploadInputRequest.newBuilder().setChunk(ByteString.copyFrom(file)).build());

        Status refused = refusal(upload);

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getCode());
        assertTrue(refused.getDescription().contains("more bytes arrived than the 4999 declared"),
                refused.getDescription());
        assertFalse(store.exists("inputs/" + Sha256.hex(file)));
    }

    @Test
    void aStreamWithoutAHeaderOrWithAMalformedHashIsRefusedNamingTheRule() {
        Upload chunkFirst = open();
        chunkFirst.send(UploadInputRequest.newBuilder().setChunk(ByteString.copyFrom(new byte[] {1})).build());
        assertTrue(refusal(chunkFirst).getDescription().contains("the first message must be the header"));

        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class,
                () -> find("../../etc/passwd"));
        assertEquals(Status.Code.INVALID_ARGUMENT, malformed.getStatus().getCode());
        assertTrue(malformed.getStatus().getDescription().contains("is not 64 lower-case hex digits"));
    }

    private FindInputResponse find(String sha256) {
        return InputServiceGrpc.newBlockingStub(channel).withDeadlineAfter(ANSWER_SECONDS, TimeUnit.SECONDS)
                .findInput(FindInputRequest.newBuilder().setSha256(sha256).build());
    }

    private static UploadInputRequest header(String sha256, long size) {
        return UploadInputRequest.newBuilder().setHeader(UploadInputHeader.newBuilder().setSha256(sha256)
                .setSize(size).setName("test.npy")).build();
    }

    /** Sends the header and the file in chunks of 1 MiB, then ends the stream. */
    private Upload upload(UploadInputRequest header, byte[] file) {
        Upload upload = open();
        upload.send(header);
        for (int from = 0; from < file.length; from += CHUNK) {
            upload.send(UploadInputRequest.newBuilder().setChunk(ByteString.copyFrom(
                    Arrays.copyOfRange(file, from, Math.min(file.length, from + CHUNK)))).build());
        }
        upload.requests.onCompleted();
        return upload;
    }

    private Upload open() {
        CompletableFuture<UploadInputResponse> answer = new CompletableFuture<>();
        StreamObserver<UploadInputRequest> requests = InputServiceGrpc.newStub(channel)
                .withDeadlineAfter(ANSWER_SECONDS, TimeUnit.SECONDS).uploadInput(new StreamObserver<>() {
                    @Override
                    public void onNext(UploadInputResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        return new Upload(requests, answer);
    }

    private static Status refusal(Upload upload) {
        ExecutionException failed = assertThrows(ExecutionException.class, upload::answer);
        return Status.fromThrowable(failed.getCause());
    }

    private static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** One upload stream and its answer. */
    private record Upload(StreamObserver<UploadInputRequest> requests, CompletableFuture<UploadInputResponse> result) {

        void send(UploadInputRequest message) {
            requests.onNext(message);
        }

        UploadInputResponse answer() throws Exception {
            return result.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        }
    }
}
