package org.prunedistill.results;

import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.prunedistill.testsupport.CraftedEvents;
import org.prunedistill.testsupport.EmbeddedStackResource;

/**
 * What results-api's adapter tests share: a subclass adds {@code @QuarkusTest} and
 * {@code @WithTestResource(EmbeddedStackResource.class)}, and each of its tests begins once the catalog has caught up
 * with the topics, as a client waits for readiness.
 */
public abstract class CaughtUpResultsApi {

    /** A published record reaches the catalog, or its dead-letter topic, within seconds. */
    protected static final Duration DELIVERY = Duration.ofSeconds(30);
    /** The catalog of the test's topics catches up within seconds of the start. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    /** Set by {@link EmbeddedStackResource}. */
    protected CraftedEvents events;

    @Inject
    RunCatalog catalog;

    @BeforeEach
    void awaitCaughtUp() {
        await("the catalog caught up with the topics").atMost(CATCH_UP).until(catalog::caughtUp);
    }
}
