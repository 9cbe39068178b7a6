package org.prunedistill.results.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.results.security.ApiTokens;

/**
 * The gRPC entrance of {@link ApiTokens}: every RPC that changes state needs the token when one is configured
 * (SubmitRun, and InputService's upload and its question whether an input is there, which would otherwise tell
 * anybody whether a file with a given hash was uploaded); the read-only RPCs listed here need the read token (or the
 * token) when a read token is configured; the health and the reflection services stay open. Every other method,
 * including any added later, counts as changing state. A missing or wrong token ends the call with
 * {@code UNAUTHENTICATED} before the service sees it.
 */
@ApplicationScoped
@Startup // says in the log at start whether the checks are on
@GlobalInterceptor
public class ApiTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    /** Methods that only read. */
    static final Set<String> READ_ONLY = Set.of(
            RunServiceGrpc.getGetRunMethod().getFullMethodName(),
            RunServiceGrpc.getListRunsMethod().getFullMethodName(),
            RunServiceGrpc.getWatchRunMethod().getFullMethodName(),
            ResultsServiceGrpc.getGetIdProfileMethod().getFullMethodName(),
            ResultsServiceGrpc.getGetInformationProfileMethod().getFullMethodName(),
            ResultsServiceGrpc.getWatchResultsMethod().getFullMethodName(),
            ResultsServiceGrpc.getGetChangesMethod().getFullMethodName(),
            ResultsServiceGrpc.getGetFindingsMethod().getFullMethodName(),
            ResultsServiceGrpc.getGetTrendsMethod().getFullMethodName(),
            ResultsServiceGrpc.getListUnitTablesMethod().getFullMethodName(),
            ResultsServiceGrpc.getGetUnitTableMethod().getFullMethodName());
    /** Infrastructure services, read-only by their contract and open to probes. */
    private static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health",
            "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection");

    private final ApiTokens tokens;

    @Inject
    public ApiTokenInterceptor(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        Optional<String> refusal = access(call.getMethodDescriptor().getFullMethodName())
                .flatMap(access -> tokens.refusal(headers.get(AUTHORIZATION), access));
        if (refusal.isEmpty()) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(call.getMethodDescriptor().getBareMethodName() + " "
                + refusal.get()), new Metadata());
        return new ServerCall.Listener<>() { };
    }

    /** What a method does: read, write (any method not known to read), or nothing to check (infrastructure). */
    static Optional<ApiTokens.Access> access(String fullMethodName) {
        if (OPEN_SERVICES.contains(io.grpc.MethodDescriptor.extractFullServiceName(fullMethodName))) {
            return Optional.empty();
        }
        return Optional.of(READ_ONLY.contains(fullMethodName) ? ApiTokens.Access.READ : ApiTokens.Access.WRITE);
    }
}
