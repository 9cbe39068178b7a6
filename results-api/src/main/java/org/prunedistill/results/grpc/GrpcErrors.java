package org.prunedistill.results.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.results.domain.CatalogCatchingUpException;

/** The one place where failures become gRPC statuses. */
final class GrpcErrors {

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof CatalogCatchingUpException) {
            return Status.UNAVAILABLE.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof org.prunedistill.results.domain.UnknownRunException
                || failure instanceof org.prunedistill.results.domain.UnknownResultException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof org.prunedistill.results.domain.NoUnitTableException) {
            return Status.FAILED_PRECONDITION.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof ClaimCheckException || failure instanceof java.util.concurrent.CompletionException) {
            return Status.UNAVAILABLE.withDescription("cannot reach Kafka or the object store: " + failure.getMessage())
                    .withCause(failure).asRuntimeException();
        }
        return Status.INTERNAL.withDescription(failure.toString()).withCause(failure).asRuntimeException();
    }
}
