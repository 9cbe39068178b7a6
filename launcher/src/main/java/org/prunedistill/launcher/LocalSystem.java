package org.prunedistill.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.prunedistill.embedded.EmbeddedStack;

/**
 * The whole system on one machine: the embedded Kafka and S3 server in this JVM and the four services as child
 * JVMs. {@link #close()} stops the services first, then the stack, so nothing is left running.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedStack stack;
    private final List<ServiceProcess> services;
    private final Thread stopOnExit = new Thread(this::stopQuietly, "pd-stop");
    private boolean closed;

    private final Path repository;
    private final Path logDirectory;

    private LocalSystem(EmbeddedStack stack, List<ServiceProcess> services, Path repository, Path logDirectory) {
        this.stack = stack;
        this.services = services;
        this.repository = repository;
        this.logDirectory = logDirectory;
        // Ctrl-C ends the JVM: stop the services and the broker cleanly on the way out.
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the stack under {@code dataDirectory} and the services, and waits until all are ready.
     *
     * @param progress told what is starting, for people watching
     */
    public static LocalSystem start(Path repository, Path dataDirectory, EmbeddedStack.Ports ports,
                                    List<ServiceSpec> specs, Consumer<String> progress) throws Exception {
        return start(repository, dataDirectory, ports, 1, specs, progress);
    }

    /**
     * As {@link #start(Path, Path, EmbeddedStack.Ports, List, Consumer)} on {@code brokers} Kafka brokers: 1 is the
     * embedded default, 3 or more a replicated cluster ({@link EmbeddedStack#start(Path, EmbeddedStack.Ports, int)}).
     */
    public static LocalSystem start(Path repository, Path dataDirectory, EmbeddedStack.Ports ports, int brokers,
                                    List<ServiceSpec> specs, Consumer<String> progress) throws Exception {
        progress.accept("starting Kafka (KRaft) and the S3 server under " + dataDirectory);
        EmbeddedStack stack = EmbeddedStack.start(dataDirectory, ports, brokers);
        List<ServiceProcess> services = new ArrayList<>();
        LocalSystem system = new LocalSystem(stack, services, repository, dataDirectory.resolve("logs"));
        try {
            Map<String, String> environment = stack.serviceEnvironment();
            for (ServiceSpec spec : specs) {
                progress.accept("starting " + spec.name());
                services.add(ServiceProcess.start(spec, repository, dataDirectory.resolve("logs"), environment));
            }
            for (ServiceProcess service : services) {
                service.awaitReady(READY_TIMEOUT);
                progress.accept(service.name() + " ready on http://127.0.0.1:" + service.httpPort()
                        + (service.grpcPort() > 0 ? " and grpc 127.0.0.1:" + service.grpcPort() : ""));
            }
        } catch (Exception e) {
            system.close();
            throw e;
        }
        return system;
    }

    private void stopQuietly() {
        try {
            System.out.println("pd: stopping the services, Kafka and the S3 server");
            close();
        } catch (Exception e) {
            System.err.println("pd: while stopping: " + e.getMessage());
        }
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** host:port of the results-api gRPC server. */
    public String grpcTarget() {
        return "127.0.0.1:" + service("results-api").grpcPort();
    }

    /** Restarts one service on the same ports and waits until it is ready again. */
    public ServiceProcess restart(String name) throws IOException, InterruptedException {
        ServiceProcess restarted = beginRestart(name);
        restarted.awaitReady(READY_TIMEOUT);
        return restarted;
    }

    /** Restarts one service on the same ports without waiting for it (to watch it become ready). */
    public synchronized ServiceProcess beginRestart(String name) throws IOException, InterruptedException {
        ServiceProcess old = service(name);
        ServiceProcess restarted = old.restart();
        services.set(services.indexOf(old), restarted);
        return restarted;
    }

    /**
     * Starts one more instance of a service against this stack, for scaling out: {@code spec}'s name must be new (it
     * names the log file), {@code extraEnvironment} is added to the stack's environment (for example
     * {@code MP_MESSAGING_INCOMING_ACTIVATIONS_CONCURRENCY}). The instance joins the same consumer groups as the
     * first, as its configuration is the same; {@link #close()} stops it with the rest.
     */
    public synchronized ServiceProcess startInstance(ServiceSpec spec, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        if (services.stream().anyMatch(service -> service.name().equals(spec.name()))) {
            throw new IllegalArgumentException("a service named " + spec.name() + " runs already");
        }
        Map<String, String> environment = new java.util.LinkedHashMap<>(stack.serviceEnvironment());
        environment.putAll(extraEnvironment);
        ServiceProcess instance = ServiceProcess.start(spec, repository, logDirectory, environment);
        services.add(instance);
        instance.awaitReady(READY_TIMEOUT);
        return instance;
    }

    /** Stops one service (SIGTERM: its consumers leave their groups) and forgets it. */
    public synchronized void stopInstance(String name) throws InterruptedException {
        ServiceProcess instance = service(name);
        services.remove(instance);
        instance.close();
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
        services.forEach(ServiceProcess::requestStop);
        for (ServiceProcess service : services) {
            service.close();
        }
        stack.close();
    }
}
