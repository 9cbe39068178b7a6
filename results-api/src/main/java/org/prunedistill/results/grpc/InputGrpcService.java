package org.prunedistill.results.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import org.prunedistill.api.v1.FindInputRequest;
import org.prunedistill.api.v1.FindInputResponse;
import org.prunedistill.api.v1.InputServiceGrpc;
import org.prunedistill.api.v1.StoredInput;
import org.prunedistill.api.v1.UploadInputHeader;
import org.prunedistill.api.v1.UploadInputRequest;
import org.prunedistill.api.v1.UploadInputResponse;
import org.prunedistill.results.InputUploads;

/**
 * gRPC front door for the files runs name: is an input there already, and a client-streaming upload. Blocking: the
 * calls wait on the object store and the chunks are written to a temporary file, so they run on worker threads
 * (one at a time per call, in order).
 */
@GrpcService
public class InputGrpcService extends InputServiceGrpc.InputServiceImplBase {

    @Inject
    InputUploads uploads;

    @Override
    @Blocking
    public void findInput(FindInputRequest request, StreamObserver<FindInputResponse> response) {
        RunGrpcService.respond(response, () -> uploads.find(request.getSha256())
                .map(input -> FindInputResponse.newBuilder().setPresent(true).setInput(toApi(input)).build())
                .orElse(FindInputResponse.getDefaultInstance()));
    }

    @Override
    @Blocking
    public StreamObserver<UploadInputRequest> uploadInput(StreamObserver<UploadInputResponse> response) {
        return new Receiver(response);
    }

    private static StoredInput toApi(org.prunedistill.results.domain.StoredInput input) {
        return StoredInput.newBuilder().setKey(input.key()).setUri(input.uri()).setSha256(input.sha256())
                .setSize(input.size()).build();
    }

    /** One upload stream: the header, then chunks; answered once, at the header or at the end. */
    private final class Receiver implements StreamObserver<UploadInputRequest> {

        private final StreamObserver<UploadInputResponse> response;
        private InputUploads.Upload upload;
        private boolean answered;

        Receiver(StreamObserver<UploadInputResponse> response) {
            this.response = response;
        }

        @Override
        public void onNext(UploadInputRequest message) {
            if (answered) {
                return; // chunks still in flight after the answer (the input was present, or refused)
            }
            try {
                if (upload == null) {
                    begin(message);
                } else if (message.getPartCase() == UploadInputRequest.PartCase.CHUNK) {
                    upload.write(message.getChunk().toByteArray());
                } else {
                    throw new IllegalArgumentException("UploadInput: only the first message is a header, every "
                            + "further one a chunk");
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void begin(UploadInputRequest message) {
            if (message.getPartCase() != UploadInputRequest.PartCase.HEADER) {
                throw new IllegalArgumentException("UploadInput: the first message must be the header (sha256, "
                        + "size)");
            }
            UploadInputHeader header = message.getHeader();
            upload = uploads.begin(header.getSha256(), header.getSize(), header.getName());
            upload.alreadyPresent().ifPresent(input -> answer(UploadInputResponse.newBuilder()
                    .setInput(toApi(input)).setAlreadyPresent(true).build()));
        }

        @Override
        public void onCompleted() {
            if (answered) {
                return;
            }
            try {
                if (upload == null) {
                    throw new IllegalArgumentException("UploadInput: the stream ended without a header");
                }
                answer(UploadInputResponse.newBuilder().setInput(toApi(upload.finish())).build());
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public void onError(Throwable cancelled) {
            answered = true;
            release();
        }

        private void answer(UploadInputResponse value) {
            answered = true;
            release();
            response.onNext(value);
            response.onCompleted();
        }

        private void fail(RuntimeException failure) {
            answered = true;
            release();
            response.onError(GrpcErrors.toStatus(failure));
        }

        private void release() {
            if (upload != null) {
                upload.close();
            }
        }
    }
}
