package org.prunedistill.launcher;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.ChangesRequest;
import org.prunedistill.api.v1.FindInputRequest;
import org.prunedistill.api.v1.FindInputResponse;
import org.prunedistill.api.v1.GetFindingsRequest;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.InputServiceGrpc;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SubmitRunRequest;
import org.prunedistill.api.v1.UploadInputHeader;
import org.prunedistill.api.v1.UploadInputResponse;
import org.prunedistill.events.v1.RunSpec;

/**
 * A gRPC client of results-api: uploads a run's inputs, submits the run, follows it and reads its profiles. Every unary call has a deadline of
 * 30 s, a watch the timeout it is given. {@link Security} says whether to speak TLS and which token to send.
 *
 * <p>A results-api that has just started answers UNAVAILABLE, saying it is catching up, until its catalog has read
 * the topics: every call waits and asks again (up to {@link #CATCH_UP_WAIT}), telling {@link #whileWaiting} why. A
 * watch also survives results-api going away and coming back: it watches again until its own timeout.
 */
public final class RunClient implements AutoCloseable {

    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
    /** How long a call waits for a results-api that is catching up with its log. */
    public static final Duration CATCH_UP_WAIT = Duration.ofMinutes(2);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    /** How results-api's catalog begins the description of an UNAVAILABLE while it rebuilds. */
    private static final String CATCHING_UP = "results-api is catching up";
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final RunServiceGrpc.RunServiceBlockingStub runs;
    private final ResultsServiceGrpc.ResultsServiceBlockingStub results;
    private Consumer<String> waiting = message -> { };

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

    /** Tells {@code notice} each time a call waits for results-api, and why (for people watching). */
    public RunClient whileWaiting(Consumer<String> notice) {
        this.waiting = notice;
        return this;
    }

    public Run submit(String runId, RunSpec spec) {
        return whileCatchingUp(() -> runs.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .submitRun(SubmitRunRequest.newBuilder().setRunId(runId).setSpec(spec).build()));
    }

    /** Whether results-api's bucket holds an input with this SHA-256 already, and its URI (FindInput). */
    public FindInputResponse findInput(String sha256) {
        return InputServiceGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS).findInput(FindInputRequest.newBuilder().setSha256(sha256).build());
    }

    /**
     * Uploads an input (UploadInput): the header, then {@code body} in chunks sent as fast as the connection takes
     * them, telling {@code sent} the bytes sent so far.
     */
    public UploadInputResponse uploadInput(UploadInputHeader header, InputStream body, LongConsumer sent) {
        return new InputUploadCall(channel).upload(header, body, sent);
    }

    public Run get(String runId) {
        return whileCatchingUp(() -> runs.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getRun(GetRunRequest.newBuilder().setRunId(runId).build()));
    }

    /**
     * Follows a run until it completes or fails, telling {@code onUpdate} about every change. When results-api is
     * unavailable (restarting, catching up) the watch is opened again until {@code timeout} has passed.
     *
     * @return the run in its final state
     */
    public Run follow(String runId, Duration timeout, Consumer<Run> onUpdate) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        Run last = null;
        while (true) {
            try {
                Iterator<Run> updates = runs.withDeadlineAfter(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                        .watchRun(GetRunRequest.newBuilder().setRunId(runId).build());
                while (updates.hasNext()) {
                    last = updates.next();
                    onUpdate.accept(last);
                    pause = FIRST_PAUSE;
                }
                break;
            } catch (StatusRuntimeException e) {
                boolean unavailable = e.getStatus().getCode() == Status.Code.UNAVAILABLE;
                if (!unavailable || System.nanoTime() + pause.toNanos() > deadline) {
                    throw e;
                }
                waiting.accept("waiting for results-api (" + e.getStatus().getDescription() + ")");
                pause = pause(pause);
            }
        }
        if (last == null || !(last.getStatus() == RunStatus.RUN_STATUS_COMPLETED
                || last.getStatus() == RunStatus.RUN_STATUS_FAILED)) {
            throw new IllegalStateException("the watch of run " + runId + " ended before the run did");
        }
        return last;
    }

    public IdProfile idProfile(String runId) {
        return whileCatchingUp(() -> results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getIdProfile(ProfileRequest.newBuilder().setRunId(runId).build()));
    }

    /** The changes of the information medians of each layer from one checkpoint straight to another. */
    public ChangeProfile changes(String runId, String fromCheckpoint, String toCheckpoint) {
        return whileCatchingUp(() -> results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getChanges(ChangesRequest.newBuilder().setRunId(runId).setFromCheckpoint(fromCheckpoint)
                        .setToCheckpoint(toCheckpoint).build()));
    }

    /** What the run found, as results-api's verdicts judge it (GetFindings). */
    public GetFindingsResponse findings(String runId) {
        return whileCatchingUp(() -> results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getFindings(GetFindingsRequest.newBuilder().setRunId(runId).build()));
    }

    public InformationProfile informationProfile(String runId) {
        return whileCatchingUp(() -> results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getInformationProfile(ProfileRequest.newBuilder().setRunId(runId).build()));
    }

    /**
     * Makes the call, and again while results-api says it is catching up with its log, for at most
     * {@link #CATCH_UP_WAIT}. Any other failure (results-api not reachable at all among them) is thrown at once.
     */
    private <T> T whileCatchingUp(java.util.function.Supplier<T> call) {
        long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                if (!catchingUp(e) || System.nanoTime() + pause.toNanos() > deadline) {
                    throw e;
                }
                waiting.accept(e.getStatus().getDescription());
                pause = pause(pause);
            }
        }
    }

    /** Whether results-api refused the call because its catalog is still catching up with the topics. */
    public static boolean catchingUp(StatusRuntimeException failure) {
        String description = failure.getStatus().getDescription();
        return failure.getStatus().getCode() == Status.Code.UNAVAILABLE && description != null
                && description.startsWith(CATCHING_UP);
    }

    /** Sleeps, and returns the next, longer pause. */
    private static Duration pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for results-api", e);
        }
        Duration longer = pause.multipliedBy(2);
        return longer.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : longer;
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
         * {@code PD_API_TOKEN} (the token; it reads too), else {@code PD_API_READ_TOKEN} (reads only: enough to watch
         * and report a run on a results-api whose reads need a token), {@code PD_API_TLS=true} (TLS with the default
         * trust store) and {@code PD_API_TLS_TRUST} (a PEM certificate to trust; implies TLS).
         */
        public static Security fromEnvironment(Map<String, String> environment) {
            String token = environment.getOrDefault("PD_API_TOKEN", "").strip();
            if (token.isEmpty()) {
                token = environment.getOrDefault("PD_API_READ_TOKEN", "").strip();
            }
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
