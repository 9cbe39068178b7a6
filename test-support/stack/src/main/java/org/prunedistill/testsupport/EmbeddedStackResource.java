package org.prunedistill.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.prunedistill.embedded.EmbeddedStack;

/**
 * Starts the project's embedded stack (an in-process Kafka broker and S3 server with the pipeline's topics and bucket)
 * for a service's {@code @QuarkusTest}, and hands the application the Kafka and S3 settings it would read from
 * {@code KAFKA_*} and {@code PD_STORE_*} against an external Kafka and MinIO
 * ({@link EmbeddedStack#serviceEnvironment()}). No Docker engine is needed.
 *
 * <p>Use {@code @WithTestResource(EmbeddedStackResource.class)} on every {@code @QuarkusTest} class of a service:
 * classes with the same resources share one application and one stack, so each test names its own runs. A field of
 * the test class of type {@link EmbeddedStack} is set to the running stack, one of type {@link CraftedEvents} to a
 * publisher of crafted events on it. The stack's data lives in a temporary directory, removed when it stops.
 */
public final class EmbeddedStackResource implements QuarkusTestResourceLifecycleManager {

    /** The application property each variable of {@link EmbeddedStack#serviceEnvironment()} sets. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers",
            "KAFKA_ACKS", "kafka.acks",
            "KAFKA_ENABLE_IDEMPOTENCE", "kafka.enable.idempotence",
            "PD_STORE_ENDPOINT", "pd.store.endpoint",
            "PD_STORE_ACCESS_KEY", "pd.store.access-key",
            "PD_STORE_SECRET_KEY", "pd.store.secret-key",
            "PD_STORE_BUCKET", "pd.store.bucket",
            "PD_STORE_REGION", "pd.store.region");

    private Path data;
    private EmbeddedStack stack;
    private CraftedEvents events;

    @Override
    public Map<String, String> start() {
        try {
            data = Files.createTempDirectory("pd-quarkus-test-stack-");
            stack = EmbeddedStack.start(data, EmbeddedStack.Ports.ANY);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded stack did not start in " + data + ": " + e.getMessage(), e);
        }
        events = new CraftedEvents(stack);
        return applicationProperties(stack.serviceEnvironment());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.MatchesType(EmbeddedStack.class));
        injector.injectIntoFields(events, new TestInjector.MatchesType(CraftedEvents.class));
    }

    @Override
    public void stop() {
        try {
            if (events != null) {
                events.close();
            }
            if (stack != null) {
                stack.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the embedded stack did not stop: " + e.getMessage(), e);
        } finally {
            delete(data);
        }
    }

    /**
     * The service environment as application properties.
     *
     * @throws IllegalStateException naming a variable this resource does not know, so none is dropped silently
     */
    static Map<String, String> applicationProperties(Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        environment.forEach((variable, value) -> {
            String property = PROPERTIES.get(variable);
            if (property == null) {
                throw new IllegalStateException("no application property known for " + variable
                        + "; add it to EmbeddedStackResource");
            }
            properties.put(property, value);
        });
        return properties;
    }

    private static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the embedded stack's data in " + directory, e);
        }
    }
}
