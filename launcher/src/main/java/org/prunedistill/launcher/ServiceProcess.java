package org.prunedistill.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.prunedistill.embedded.FreePorts;

/**
 * A service started as a child JVM from its packaged application, with its output in a log file. Stopping sends
 * SIGTERM so Quarkus shuts down cleanly (consumers leave their group, offsets are committed).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ServiceSpec spec;
    private final Process process;
    private final int httpPort;
    private final int grpcPort;
    private final Path log;
    private final Path repository;
    private final Map<String, String> environment;

    private ServiceProcess(ServiceSpec spec, Process process, int httpPort, int grpcPort, Path log, Path repository,
                           Map<String, String> environment) {
        this.spec = spec;
        this.process = process;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.log = log;
        this.repository = repository;
        this.environment = Map.copyOf(environment);
    }

    /** Starts the service with the given environment (Kafka and store endpoints, credentials). */
    public static ServiceProcess start(ServiceSpec spec, Path repository, Path logDirectory,
                                       Map<String, String> environment) throws IOException {
        Path runner = spec.runner(repository);
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(runner + " does not exist: build first with ./mvnw -DskipTests install");
        }
        int httpPort = spec.httpPort() == 0 ? FreePorts.find() : spec.httpPort();
        int grpcPort = spec.grpcPort() == 0 ? FreePorts.find() : spec.grpcPort();
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + spec.maxHeapMb() + "m",
                "-XX:+UseSerialGC", "-Dquarkus.http.port=" + httpPort));
        if (grpcPort > 0) {
            command.add("-Dquarkus.grpc.server.port=" + grpcPort);
        }
        command.addAll(List.of("-jar", runner.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(spec.settingsOver(builder.environment()));
        return new ServiceProcess(spec, builder.start(), httpPort, grpcPort, log, repository, environment);
    }

    /** The service as it was started (its ports as asked for, 0 for free ones). */
    public ServiceSpec spec() {
        return spec;
    }

    /** Stops this process and starts the service again on the same ports, as a redeployment would. */
    public ServiceProcess restart() throws IOException, InterruptedException {
        close();
        ServiceSpec samePorts = spec.onPorts(httpPort, grpcPort);
        return start(samePorts, repository, log.getParent(), environment);
    }

    /** Waits until the service's readiness endpoint answers 200 (its Kafka consumers are connected). */
    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Still starting: try again below.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout + "; see " + log);
    }

    public String name() {
        return spec.name();
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public Path log() {
        return log;
    }

    /** The highest resident set size of the process so far (VmHWM of /proc), for benchmarks; "unknown" elsewhere. */
    public String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring("VmHWM:".length()).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process has exited.
        }
        return "unknown";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the service to stop (SIGTERM) without waiting, so several services can stop at once. */
    public void requestStop() {
        process.destroy();
    }

    /** Stops the service: SIGTERM, then SIGKILL if it has not exited within the grace period. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Kills the service at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
