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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.results.config.ResultsApiConfig;

/**
 * Requires {@code authorization: Bearer <token>} on every RPC that changes state when a token is configured
 * ({@code pd.api.token}, env {@code PD_API_TOKEN}): SubmitRun, and InputService's upload and its question whether an
 * input is there (which would otherwise tell anybody whether a file with a given hash was uploaded). The read-only
 * RPCs listed here, the health and the reflection services stay open; every other method, including any added later,
 * needs the token. A missing or wrong token ends the call with {@code UNAUTHENTICATED} before the service sees it.
 * Tokens are compared in constant time (as SHA-256 digests, so their length does not show either) and never logged.
 */
@ApplicationScoped
@Startup // says in the log at start whether the check is on
@GlobalInterceptor
public class ApiTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";
    private static final Logger LOG = Logger.getLogger(ApiTokenInterceptor.class);

    /** Methods that only read: open to every client. */
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
    /** Infrastructure services, read-only by their contract. */
    private static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health",
            "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection");

    private final byte[] expectedDigest;

    @Inject
    public ApiTokenInterceptor(ResultsApiConfig config) {
        this(config.api().token());
        LOG.infof("gRPC API token %s", expectedDigest == null ? "not configured: every RPC is open"
                : "configured: SubmitRun, the input uploads and the other mutating RPCs require it");
    }

    /** @param token the token the mutating RPCs require; empty or blank: none */
    ApiTokenInterceptor(Optional<String> token) {
        this.expectedDigest = token.filter(value -> !value.isBlank()).map(value -> digest(value.strip())).orElse(null);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        if (expectedDigest == null || isOpen(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String refusal = refusal(headers.get(AUTHORIZATION));
        if (refusal == null) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(call.getMethodDescriptor().getBareMethodName() + " "
                + refusal), new Metadata());
        return new ServerCall.Listener<>() { };
    }

    static boolean isOpen(String fullMethodName) {
        return READ_ONLY.contains(fullMethodName)
                || OPEN_SERVICES.contains(io.grpc.MethodDescriptor.extractFullServiceName(fullMethodName));
    }

    /** Why the header is refused, or null when it carries the expected token. Never repeats the header. */
    private String refusal(String authorization) {
        if (authorization == null) {
            return "needs the header 'authorization: Bearer <token>' (the token is results-api's PD_API_TOKEN)";
        }
        if (authorization.length() < BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return "needs an authorization header of the form 'Bearer <token>'";
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).strip());
        return MessageDigest.isEqual(expectedDigest, presented) ? null : "was refused: the bearer token is wrong";
    }

    private static byte[] digest(String token) {
        return Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
