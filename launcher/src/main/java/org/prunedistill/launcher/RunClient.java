package org.prunedistill.launcher;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.ChangesRequest;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SubmitRunRequest;
import org.prunedistill.events.v1.RunSpec;

/**
 * A gRPC client of results-api: submits a run, follows it and reads its profiles. Every unary call has a deadline of
 * 30 s, a watch the timeout it is given. {@link Security} says whether to speak TLS and which token to send.
 */
public final class RunClient implements AutoCloseable {

    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final RunServiceGrpc.RunServiceBlockingStub runs;
    private final ResultsServiceGrpc.ResultsServiceBlockingStub results;

    /** A client secured as the environment says ({@link Security#fromEnvironment}). */
    public RunClient(String target) {
        this(target, Security.fromEnvironment(System.getenv()));
    }

    public RunClient(String target, Security security) {
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(target, security.credentials());
        security.token().ifPresent(token -> {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + token);
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        });
        this.channel = builder.build();
        this.runs = RunServiceGrpc.newBlockingStub(channel);
        this.results = ResultsServiceGrpc.newBlockingStub(channel);
    }

    public Run submit(String runId, RunSpec spec) {
        return runs.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .submitRun(SubmitRunRequest.newBuilder().setRunId(runId).setSpec(spec).build());
    }

    public Run get(String runId) {
        return runs.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getRun(GetRunRequest.newBuilder().setRunId(runId).build());
    }

    /**
     * Follows a run until it completes or fails, telling {@code onUpdate} about every change.
     *
     * @return the run in its final state
     */
    public Run follow(String runId, Duration timeout, Consumer<Run> onUpdate) {
        Iterator<Run> updates = runs.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .watchRun(GetRunRequest.newBuilder().setRunId(runId).build());
        Run last = null;
        while (updates.hasNext()) {
            last = updates.next();
            onUpdate.accept(last);
        }
        if (last == null || !(last.getStatus() == RunStatus.RUN_STATUS_COMPLETED
                || last.getStatus() == RunStatus.RUN_STATUS_FAILED)) {
            throw new IllegalStateException("the watch of run " + runId + " ended before the run did");
        }
        return last;
    }

    public IdProfile idProfile(String runId) {
        return results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getIdProfile(ProfileRequest.newBuilder().setRunId(runId).build());
    }

    /** The changes of the information medians of each layer from one checkpoint straight to another. */
    public ChangeProfile changes(String runId, String fromCheckpoint, String toCheckpoint) {
        return results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getChanges(ChangesRequest.newBuilder().setRunId(runId).setFromCheckpoint(fromCheckpoint)
                        .setToCheckpoint(toCheckpoint).build());
    }

    public InformationProfile informationProfile(String runId) {
        return results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getInformationProfile(ProfileRequest.newBuilder().setRunId(runId).build());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdown();
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
            channel.shutdownNow();
        }
    }

    /**
     * How the client reaches results-api.
     *
     * @param token       sent as {@code authorization: Bearer <token>} on every call; empty: none
     * @param tls         speak TLS instead of plaintext
     * @param trustedCertificate PEM certificate(s) to trust instead of the JVM's default trust store (for a
     *                    self-signed server certificate); null: the default
     */
    public record Security(Optional<String> token, boolean tls, Path trustedCertificate) {

        public static final Security PLAINTEXT = new Security(Optional.empty(), false, null);

        /**
         * {@code PD_API_TOKEN} (the token), {@code PD_API_TLS=true} (TLS with the default trust store) and
         * {@code PD_API_TLS_TRUST} (a PEM certificate to trust; implies TLS).
         */
        public static Security fromEnvironment(Map<String, String> environment) {
            String token = environment.getOrDefault("PD_API_TOKEN", "").strip();
            String trust = environment.getOrDefault("PD_API_TLS_TRUST", "").strip();
            boolean tls = Boolean.parseBoolean(environment.getOrDefault("PD_API_TLS", "false").strip())
                    || !trust.isEmpty();
            return new Security(token.isEmpty() ? Optional.empty() : Optional.of(token), tls,
                    trust.isEmpty() ? null : Path.of(trust));
        }

        /** The same with TLS on (the {@code --tls} option). */
        public Security withTls() {
            return new Security(token, true, trustedCertificate);
        }

        ChannelCredentials credentials() {
            if (!tls) {
                return InsecureChannelCredentials.create();
            }
            if (trustedCertificate == null) {
                return TlsChannelCredentials.create();
            }
            try {
                return TlsChannelCredentials.newBuilder().trustManager(trustedCertificate.toFile()).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the trusted certificate " + trustedCertificate
                        + " (PD_API_TLS_TRUST)", e);
            }
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "Security[token=" + (token.isPresent() ? "set" : "none") + ", tls=" + tls + ", trust="
                    + trustedCertificate + "]";
        }
    }
}
