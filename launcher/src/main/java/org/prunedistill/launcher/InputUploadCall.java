package org.prunedistill.launcher;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.prunedistill.api.v1.InputServiceGrpc;
import org.prunedistill.api.v1.UploadInputHeader;
import org.prunedistill.api.v1.UploadInputRequest;
import org.prunedistill.api.v1.UploadInputResponse;

/**
 * One client-streaming {@code UploadInput} call: the header, then the body in chunks of {@link #CHUNK_BYTES}, each
 * sent only when the transport is ready for it, so a file larger than the heap streams through a bounded buffer. The
 * server may answer early (the input was there already, or it refused the header): sending stops then.
 */
final class InputUploadCall {

    /** 1 MiB: well under results-api's 4 MiB message limit, large enough to keep the overhead small. */
    static final int CHUNK_BYTES = 1 << 20;
    /** The deadline allows 30 s plus a second per MiB: a link slower than 1 MiB/s is given up on. */
    private static final Duration BASE_DEADLINE = Duration.ofSeconds(30);

    private final Channel channel;

    InputUploadCall(Channel channel) {
        this.channel = channel;
    }

    /**
     * Sends the header and then the body, telling {@code sent} the bytes sent so far after each chunk.
     *
     * @throws StatusRuntimeException as results-api answered (INVALID_ARGUMENT naming the rule for a refused upload)
     */
    UploadInputResponse upload(UploadInputHeader header, InputStream body, LongConsumer sent) {
        CompletableFuture<UploadInputResponse> answer = new CompletableFuture<>();
        Object ready = new Object();
        ClientResponseObserver<UploadInputRequest, UploadInputResponse> observer = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<UploadInputRequest> requests) {
                requests.setOnReadyHandler(() -> {
                    synchronized (ready) {
                        ready.notifyAll();
                    }
                });
            }

            @Override
            public void onNext(UploadInputResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
                synchronized (ready) {
                    ready.notifyAll();
                }
            }

            @Override
            public void onCompleted() {
                synchronized (ready) {
                    ready.notifyAll();
                }
            }
        };
        long seconds = BASE_DEADLINE.toSeconds() + header.getSize() / (1 << 20);
        ClientCallStreamObserver<UploadInputRequest> requests = (ClientCallStreamObserver<UploadInputRequest>)
                InputServiceGrpc.newStub(channel).withDeadlineAfter(seconds, TimeUnit.SECONDS).uploadInput(observer);
        try {
            requests.onNext(UploadInputRequest.newBuilder().setHeader(header).build());
            byte[] buffer = new byte[CHUNK_BYTES];
            long total = 0;
            int read;
            while (!answer.isDone() && (read = body.readNBytes(buffer, 0, buffer.length)) > 0) {
                awaitReady(requests, answer, ready);
                if (answer.isDone()) {
                    break;
                }
                requests.onNext(UploadInputRequest.newBuilder().setChunk(ByteString.copyFrom(buffer, 0, read))
                        .build());
                total += read;
                sent.accept(total);
            }
            if (!answer.isDone()) {
                requests.onCompleted();
            }
        } catch (IOException e) {
            requests.cancel("the file could not be read", e);
            throw new UncheckedIOException(e);
        }
        return await(answer);
    }

    /** Waits until the transport takes another message, or the call has ended. */
    private static void awaitReady(ClientCallStreamObserver<UploadInputRequest> requests,
                                   CompletableFuture<UploadInputResponse> answer, Object ready) {
        synchronized (ready) {
            while (!requests.isReady() && !answer.isDone()) {
                try {
                    // The handler wakes this thread; the timeout only guards against a missed wake-up.
                    ready.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    requests.cancel("interrupted", e);
                    throw new IllegalStateException("interrupted while uploading", e);
                }
            }
        }
    }

    private static UploadInputResponse await(CompletableFuture<UploadInputResponse> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the upload's answer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException status) {
                throw status;
            }
            throw new IllegalStateException("upload failed: " + e.getCause(), e.getCause());
        }
    }
}
