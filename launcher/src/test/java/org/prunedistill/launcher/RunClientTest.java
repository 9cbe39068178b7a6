package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.SubmitRunRequest;
import org.prunedistill.events.v1.RunSpec;

/**
 * The client against a real gRPC server (Netty, free port): it sends PD_API_TOKEN as a bearer token, and speaks TLS
 * to a server with a self-signed certificate made by keytool in the test when told to trust it.
 */
class RunClientTest {

    private static final String PASSWORD = "test-store-password";
    private static final long KEYTOOL_SECONDS = 60;

    @TempDir
    Path directory;

    private final AtomicReference<String> authorization = new AtomicReference<>();
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsTokenAndTlsFromTheEnvironment() {
        RunClient.Security none = RunClient.Security.fromEnvironment(Map.of("PD_API_TOKEN", " "));
        assertEquals(Optional.empty(), none.token());
        assertFalse(none.tls());
        RunClient.Security all = RunClient.Security.fromEnvironment(Map.of("PD_API_TOKEN", "t0k",
                "PD_API_TLS_TRUST", "/certs/ca.pem"));
        assertEquals(Optional.of("t0k"), all.token());
        assertTrue(all.tls(), "a trusted certificate implies TLS");
        assertEquals(Path.of("/certs/ca.pem"), all.trustedCertificate());
        assertFalse(all.toString().contains("t0k"), all.toString());
        assertTrue(RunClient.Security.fromEnvironment(Map.of("PD_API_TLS", "true")).tls());
        assertEquals(Optional.of("r3ad"), RunClient.Security.fromEnvironment(Map.of("PD_API_READ_TOKEN", "r3ad"))
                .token(), "a reader's token");
        assertEquals(Optional.of("t0k"), RunClient.Security.fromEnvironment(Map.of("PD_API_TOKEN", "t0k",
                "PD_API_READ_TOKEN", "r3ad")).token(), "the token reads too, so it goes first");
    }

    @Test
    void sendsTheTokenAsABearerHeaderOnEveryCall() throws Exception {
        start(InsecureServerCredentials.create());
        try (RunClient client = new RunClient("127.0.0.1:" + server.getPort(),
                new RunClient.Security(Optional.of("t0k"), false, null))) {
            assertEquals("r1", client.submit("r1", RunSpec.getDefaultInstance()).getRunId());
            assertEquals("Bearer t0k", authorization.getAndSet(null));
            assertEquals("r2", client.get("r2").getRunId());
            assertEquals("Bearer t0k", authorization.get());
        }
    }

    @Test
    void sendsNoHeaderWithoutAToken() throws Exception {
        start(InsecureServerCredentials.create());
        try (RunClient client = new RunClient("127.0.0.1:" + server.getPort(), RunClient.Security.PLAINTEXT)) {
            assertEquals("r1", client.submit("r1", RunSpec.getDefaultInstance()).getRunId());
            assertNull(authorization.get());
        }
    }

    @Test
    void speaksTlsToASelfSignedServerItTrustsAndPlaintextFails() throws Exception {
        Path keyStore = directory.resolve("server.p12");
        Path certificate = directory.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        start(TlsServerCredentials.newBuilder().keyManager(keyManagers(keyStore)).build());
        String target = "127.0.0.1:" + server.getPort();

        try (RunClient client = new RunClient(target, new RunClient.Security(Optional.of("t0k"), true,
                certificate))) {
            assertEquals("secure", client.get("secure").getRunId());
            assertEquals("Bearer t0k", authorization.get());
        }
        try (RunClient plaintext = new RunClient(target, RunClient.Security.PLAINTEXT)) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> plaintext.get("x"));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
        }
        try (RunClient untrusting = new RunClient(target, new RunClient.Security(Optional.empty(), true, null))) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> untrusting.get("x"));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), "the JVM's trust store does not "
                    + "know the self-signed certificate");
        }
    }

    private void start(ServerCredentials credentials) throws Exception {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                authorization.set(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
                return next.startCall(call, headers);
            }
        };
        server = Grpc.newServerBuilderForPort(0, credentials)
                .addService(ServerInterceptors.intercept(new AnsweringRunService(), recordAuthorization))
                .build().start();
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD.toCharArray());
        return factory.getKeyManagers();
    }

    private static void keytool(String... arguments) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
    }

    /** Answers with the run id it was asked about. */
    private static final class AnsweringRunService extends RunServiceGrpc.RunServiceImplBase {

        @Override
        public void submitRun(SubmitRunRequest request, StreamObserver<Run> response) {
            response.onNext(Run.newBuilder().setRunId(request.getRunId()).build());
            response.onCompleted();
        }

        @Override
        public void getRun(GetRunRequest request, StreamObserver<Run> response) {
            response.onNext(Run.newBuilder().setRunId(request.getRunId()).build());
            response.onCompleted();
        }
    }
}
